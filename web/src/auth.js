// The console's login: OAuth 2.0 Authorization Code with PKCE (RFC 6749 §4.1, RFC 7636 S256) against Keycloak's
// OpenID Connect endpoints, hand-written on WebCrypto so it stays small enough to read in one sitting.
//
//   1. prepareLogin(): a fresh state, nonce and code_verifier (each 32 random bytes, base64url) kept in
//      sessionStorage; the address of `${issuer}/protocol/openid-connect/auth` with the S256 code_challenge.
//   2. Keycloak sends the browser back to /console?code=…&state=… (or ?error=…). completeLogin() takes those off
//      the address bar at once (history.replaceState), checks the state against the one kept, and POSTs
//      the code with its code_verifier to `${issuer}/protocol/openid-connect/token` (form-encoded). The ID token's
//      nonce must be the one sent.
//   3. The access and ID tokens live in memory only; the refresh token in sessionStorage (this tab, until it
//      closes), so a reload keeps the login. A refresh runs before the access token expires.
//   4. logoutUrl(): `${issuer}/protocol/openid-connect/logout?id_token_hint=…&post_logout_redirect_uri=…`.
//
// Tokens are read, not verified, here: they came straight from the issuer over its own TLS connection, and every
// service checks the access token's signature on every call. The page reads the access token's payload only to
// say who is logged in and which parts of the console to offer.

import { base64urlDecode, base64urlEncode } from './voter.js';

export const CLIENT_ID = 'selectorate-web';
export const PENDING_KEY = 'selectorate.console.login';
export const REFRESH_KEY = 'selectorate.console.refresh';
/** Refresh this long before the access token expires (Keycloak's default lifetime is 5 minutes). */
export const REFRESH_AHEAD_MS = 30_000;

const utf8 = new TextEncoder();

/** 32 random bytes as base64url (43 characters): a code_verifier (RFC 7636 §4.1), a state or a nonce. */
export function randomString(bytes = 32) {
  return base64urlEncode(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 §4.2 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export async function challengeS256(verifier) {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new Error('a code_verifier is 43 to 128 unreserved characters (RFC 7636 §4.1)');
  }
  return base64urlEncode(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', utf8.encode(verifier))));
}

/** The JSON payload of a JWT (its second part, base64url), or null if it is not one. Not verified. */
export function jwtPayload(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) {
    return null;
  }
  try {
    // Tolerant of padding, which some issuers leave on.
    return JSON.parse(new TextDecoder().decode(base64urlDecode(parts[1].replace(/=+$/, ''))));
  } catch {
    return null;
  }
}

const list = (v) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

/** Who an access token is for, as the console shows it: username, realm roles, area and affiliate claims, expiry. */
export function whoFrom(accessToken) {
  const p = jwtPayload(accessToken) ?? {};
  return Object.freeze({
    username: typeof p.preferred_username === 'string' ? p.preferred_username : (p.sub ?? 'unknown'),
    roles: list(p.realm_access?.roles),
    regions: list(p.regions),
    constituencies: list(p.constituencies),
    affiliates: list(p.affiliates),
    expiresAt: typeof p.exp === 'number' ? p.exp * 1000 : null,
  });
}

/**
 * The issuer the gateway wrote into the page: `<meta name="selectorate-oidc-issuer" content="…">`. Null if the
 * placeholder was left (the page was not served by the gateway) or it is not an http(s) URL.
 */
export function issuerFromDocument(doc) {
  const content = doc.querySelector('meta[name="selectorate-oidc-issuer"]')?.getAttribute('content') ?? '';
  if (content.includes('{{')) {
    return null;
  }
  try {
    const url = new URL(content);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}

/** A failure of the login itself, in words a person can act on. */
export class LoginError extends Error {
  constructor(message) {
    super(message);
    this.name = 'LoginError';
  }
}

/**
 * One tab's login. Everything that touches the browser is passed in, so the flow runs against fakes in the tests:
 * `fetch`, `location` (href, origin, pathname, search, hash), `history` (replaceState), `storage`
 * (sessionStorage), `now`, `setTimer`/`clearTimer`.
 */
export class Auth {
  constructor({ issuer, clientId = CLIENT_ID, fetch, location, history, storage, now = () => Date.now(),
    setTimer = (fn, ms) => setTimeout(fn, ms), clearTimer = (t) => clearTimeout(t), onChange = () => {} }) {
    this.issuer = issuer.replace(/\/+$/, '');
    this.clientId = clientId;
    this.fetch = fetch;
    this.location = location;
    this.history = history;
    this.storage = storage;
    this.now = now;
    this.setTimer = setTimer;
    this.clearTimer = clearTimer;
    this.onChange = onChange;
    this.session = null; // {accessToken, idToken, expiresAt, who}
    this.timer = null;
    this.refreshing = null;
  }

  get endpoint() {
    const base = `${this.issuer}/protocol/openid-connect`;
    return { auth: `${base}/auth`, token: `${base}/token`, logout: `${base}/logout` };
  }

  /** Where Keycloak sends the browser back: this page, without query or fragment. */
  get redirectUri() {
    return `${this.location.origin}${this.location.pathname}`;
  }

  get who() {
    return this.session?.who ?? null;
  }

  /**
   * A fresh state, nonce and code_verifier, kept in sessionStorage, and the authorization request's address
   * (the login link). `returnTo` is the console's route to come back to (a fragment such as `#/selections/…`).
   */
  async prepareLogin(returnTo = '') {
    const pending = {
      state: randomString(), nonce: randomString(), verifier: randomString(), redirectUri: this.redirectUri,
      returnTo: /^#\/[A-Za-z0-9/_-]*$/.test(returnTo) ? returnTo : '',
    };
    this.storage.setItem(PENDING_KEY, JSON.stringify(pending));
    const query = new URLSearchParams({
      client_id: this.clientId,
      redirect_uri: pending.redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await challengeS256(pending.verifier),
      code_challenge_method: 'S256',
    });
    return `${this.endpoint.auth}?${query}`;
  }

  /** True if this address is Keycloak's answer to a login (it carries code and state, or an error). */
  isCallback() {
    const q = new URLSearchParams(this.location.search);
    return q.has('state') && (q.has('code') || q.has('error'));
  }

  /**
   * Finishes a login from Keycloak's answer in the address: takes the code off the address bar first, checks the
   * state, exchanges the code. Returns the route to go back to. Throws LoginError with words to show.
   */
  async completeLogin() {
    const q = new URLSearchParams(this.location.search);
    this.history.replaceState(null, '', this.location.pathname);
    const pendingText = this.storage.getItem(PENDING_KEY);
    this.storage.removeItem(PENDING_KEY); // single use, whatever happens next
    if (q.has('error')) {
      throw new LoginError(`The login was not completed: ${q.get('error_description') || q.get('error')}.`);
    }
    let pending = null;
    try {
      pending = JSON.parse(pendingText);
    } catch {
      pending = null;
    }
    if (!pending || typeof pending.state !== 'string' || pending.state !== q.get('state')) {
      throw new LoginError('This login answer does not belong to a login started in this tab. Log in again.');
    }
    const tokens = await this.tokenRequest({
      grant_type: 'authorization_code',
      code: q.get('code'),
      redirect_uri: pending.redirectUri,
      client_id: this.clientId,
      code_verifier: pending.verifier,
    });
    const nonce = jwtPayload(tokens.id_token)?.nonce;
    if (nonce !== pending.nonce) {
      this.forget();
      throw new LoginError('The login answer was not for this login (its nonce does not match). Log in again.');
    }
    if (pending.returnTo) {
      this.history.replaceState(null, '', `${this.location.pathname}${pending.returnTo}`);
    }
    return pending.returnTo;
  }

  /** After a reload: a refresh token kept in this tab gets a new access token. False if there is none or it fails. */
  async resume() {
    if (!this.storage.getItem(REFRESH_KEY)) {
      return false;
    }
    try {
      await this.refresh();
      return true;
    } catch {
      return false;
    }
  }

  /** A new access token with the refresh token; on refusal the session ends. Concurrent calls share one request. */
  refresh() {
    this.refreshing ??= (async () => {
      const refreshToken = this.storage.getItem(REFRESH_KEY);
      if (!refreshToken) {
        this.forget();
        throw new LoginError('You are not logged in.');
      }
      try {
        await this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: this.clientId });
      } catch (e) {
        this.forget();
        throw new LoginError('Your login has ended. Log in again.');
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** The access token to send now, refreshed first if it is about to expire. */
  async accessToken() {
    if (!this.session) {
      throw new LoginError('You are not logged in.');
    }
    if (this.session.expiresAt - this.now() < REFRESH_AHEAD_MS / 2) {
      await this.refresh();
    }
    return this.session.accessToken;
  }

  /**
   * A fetch that adds `Authorization: Bearer` to every request; on a 401 it refreshes once and retries (the token
   * may have expired on the way).
   */
  bearerFetch() {
    const send = async (url, init = {}) => {
      let token;
      try {
        token = await this.accessToken();
      } catch (e) {
        // Answered like the services would, so callers show it as a problem's detail.
        const problem = { status: 401, title: 'Authentication required', detail: e.message };
        return { status: 401, ok: false, json: async () => problem };
      }
      const headers = { ...(init.headers ?? {}), authorization: `Bearer ${token}` };
      return this.fetch(url, { ...init, headers });
    };
    return async (url, init) => {
      const response = await send(url, init);
      if (response.status !== 401 || !this.storage.getItem(REFRESH_KEY)) {
        return response;
      }
      try {
        await this.refresh();
      } catch {
        return response;
      }
      return send(url, init);
    };
  }

  /**
   * Keycloak's logout address for this session (it ends the Keycloak session too, then comes back here). Call
   * forget() as the browser leaves for it.
   */
  logoutUrl() {
    const query = new URLSearchParams({ client_id: this.clientId, post_logout_redirect_uri: this.redirectUri });
    if (this.session?.idToken) {
      query.set('id_token_hint', this.session.idToken);
    }
    return `${this.endpoint.logout}?${query}`;
  }

  /** Drops the tokens: the access and ID tokens from memory, the refresh token from sessionStorage. */
  forget() {
    this.storage.removeItem(REFRESH_KEY);
    if (this.timer != null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    const had = this.session != null;
    this.session = null;
    if (had) {
      this.onChange(null);
    }
  }

  async tokenRequest(fields) {
    let response;
    try {
      response = await this.fetch(this.endpoint.token, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(fields).toString(),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
      });
    } catch {
      throw new LoginError('The login service could not be reached. Check your connection and try again.');
    }
    let json = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (response.status !== 200 || typeof json?.access_token !== 'string') {
      throw new LoginError(`The login service refused: ${json?.error_description || json?.error || response.status}.`);
    }
    const lifetimeMs = Number.isFinite(json.expires_in) ? json.expires_in * 1000 : 300_000;
    this.session = {
      accessToken: json.access_token,
      idToken: json.id_token ?? this.session?.idToken ?? null,
      expiresAt: this.now() + lifetimeMs,
      who: whoFrom(json.access_token),
    };
    if (typeof json.refresh_token === 'string') {
      this.storage.setItem(REFRESH_KEY, json.refresh_token);
    }
    this.schedule(lifetimeMs);
    this.onChange(this.session.who);
    return json;
  }

  schedule(lifetimeMs) {
    if (this.timer != null) {
      this.clearTimer(this.timer);
    }
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.refresh().catch(() => {});
    }, Math.max(5_000, lifetimeMs - REFRESH_AHEAD_MS));
  }
}
