// The console's login (src/auth.js) against a fake Keycloak, location, history and sessionStorage: the PKCE pieces
// (RFC 7636 Appendix B), the authorization request, the callback and code exchange, refresh, bearer calls, logout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  Auth, CLIENT_ID, PENDING_KEY, REFRESH_KEY, challengeS256, issuerFromDocument, jwtPayload, randomString, whoFrom,
} from '../src/auth.js';
import { replayRandomness } from '../test-support/helpers.js';
import { ISSUER, fakeStorage, jwt } from '../test-support/fake-console.js';

const ORIGIN = 'http://127.0.0.1:18080';

test('RFC 7636 Appendix B: the verifier from its 32 octets, and its S256 challenge', async (t) => {
  const octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105,
    214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
  replayRandomness(t, [octets]);
  const verifier = randomString();
  assert.equal(verifier, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  assert.equal(await challengeS256(verifier), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('a random verifier is 43 unreserved characters and its challenge is SHA-256 base64url', async () => {
  const verifier = randomString();
  assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(randomString(), verifier);
  assert.equal(await challengeS256(verifier), createHash('sha256').update(verifier).digest('base64url'));
  await assert.rejects(challengeS256('too-short'), /43 to 128/);
  await assert.rejects(challengeS256(`${'a'.repeat(43)}+`), /unreserved/);
});

test('a token\'s payload: username, roles, areas and affiliates; not a JWT gives nothing', () => {
  const token = jwt({ preferred_username: 'rita', realm_access: { roles: ['regional-admin', 'offline_access'] },
    regions: ['L'], constituencies: 'L01', exp: 2_000_000_000 });
  assert.deepEqual({ ...whoFrom(token) }, { username: 'rita', roles: ['regional-admin', 'offline_access'],
    regions: ['L'], constituencies: ['L01'], affiliates: [], expiresAt: 2_000_000_000_000 });
  assert.deepEqual(whoFrom(jwt({ preferred_username: 'olu', affiliates: ['UNITE-L01', 'COOP-L01'] })).affiliates,
    ['UNITE-L01', 'COOP-L01']);
  assert.equal(jwtPayload('not.a-jwt'), null);
  assert.equal(jwtPayload('abc'), null);
  assert.deepEqual(whoFrom('x').roles, []);
});

test('the issuer comes from the meta tag the gateway fills in; the placeholder or a bad URL gives none', () => {
  const doc = (content) => ({ querySelector: () => ({ getAttribute: () => content }) });
  assert.equal(issuerFromDocument(doc('http://127.0.0.1:18180/realms/selectorate/')), 'http://127.0.0.1:18180/realms/selectorate');
  assert.equal(issuerFromDocument(doc('{{issuer}}')), null);
  assert.equal(issuerFromDocument(doc('javascript:alert(1)')), null);
  assert.equal(issuerFromDocument({ querySelector: () => null }), null);
});

/** A tab: location, history, sessionStorage and a fake Keycloak token endpoint. */
function tab({ search = '', hash = '', tokens = [] } = {}) {
  const requests = [];
  const timers = [];
  const location = { origin: ORIGIN, pathname: '/console', search, hash };
  const history = {
    calls: [],
    replaceState(_state, _title, url) {
      this.calls.push(url);
      const u = new URL(url, ORIGIN);
      location.search = u.search;
      location.hash = u.hash;
    },
  };
  const storage = fakeStorage();
  let clock = 1_000_000;
  const answers = [...tokens];
  const fetch = async (url, init = {}) => {
    requests.push({ url, init, form: init.body ? Object.fromEntries(new URLSearchParams(init.body)) : null });
    const next = answers.shift() ?? { status: 500, body: { error: 'server_error' } };
    return { status: next.status, json: async () => next.body };
  };
  const auth = new Auth({
    issuer: ISSUER, fetch, location, history, storage, now: () => clock,
    setTimer: (fn, ms) => { timers.push({ fn, ms }); return timers.length; }, clearTimer: () => {},
  });
  return { auth, location, history, storage, requests, timers, advance: (ms) => { clock += ms; } };
}

const granted = (claims = {}, extra = {}) => ({
  status: 200,
  body: {
    access_token: jwt({ preferred_username: 'hq.admin', realm_access: { roles: ['hq-admin'] }, ...claims }),
    id_token: jwt({ nonce: extra.nonce }), refresh_token: extra.refresh ?? 'refresh-1', expires_in: 300,
  },
});

test('login: the authorization request carries the client, redirect, state, nonce and S256 challenge', async () => {
  const { auth, storage } = tab();
  const url = new URL(await auth.prepareLogin('#/selections/6f1c2a8e-1b2c-4d5e-8f90-123456789abc'));
  assert.equal(`${url.origin}${url.pathname}`, `${ISSUER}/protocol/openid-connect/auth`);
  const q = Object.fromEntries(url.searchParams);
  const pending = JSON.parse(storage.getItem(PENDING_KEY));
  assert.deepEqual(q, {
    client_id: CLIENT_ID, redirect_uri: `${ORIGIN}/console`, response_type: 'code', scope: 'openid',
    state: pending.state, nonce: pending.nonce, code_challenge: await challengeS256(pending.verifier),
    code_challenge_method: 'S256',
  });
  assert.ok(!url.href.includes(pending.verifier), 'the verifier stays in the tab');
  assert.equal(pending.returnTo, '#/selections/6f1c2a8e-1b2c-4d5e-8f90-123456789abc');
  assert.equal(JSON.parse(storage.getItem(PENDING_KEY)).state.length, 43);
  const again = new URL(await auth.prepareLogin('#/"><script>'));
  assert.notEqual(again.searchParams.get('state'), q.state, 'a fresh state every time');
  assert.equal(JSON.parse(storage.getItem(PENDING_KEY)).returnTo, '', 'only console routes are returned to');
});

test('callback: the code leaves the address bar, the state is checked, the code is exchanged with the verifier', async () => {
  const first = tab();
  await first.auth.prepareLogin('#/new');
  const pending = JSON.parse(first.storage.getItem(PENDING_KEY));
  const t = tab({ search: `?state=${pending.state}&session_state=s&code=the-code`, tokens: [granted({}, pending)] });
  t.storage.setItem(PENDING_KEY, JSON.stringify(pending));
  assert.ok(t.auth.isCallback());
  assert.equal(await t.auth.completeLogin(), '#/new');
  assert.equal(t.history.calls[0], '/console', 'the code is removed before anything else');
  assert.equal(t.location.search, '');
  assert.equal(t.location.hash, '#/new');
  assert.equal(t.requests.length, 1);
  const [exchange] = t.requests;
  assert.equal(exchange.url, `${ISSUER}/protocol/openid-connect/token`);
  assert.equal(exchange.init.method, 'POST');
  assert.equal(exchange.init.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.deepEqual(exchange.form, { grant_type: 'authorization_code', code: 'the-code', redirect_uri: `${ORIGIN}/console`,
    client_id: CLIENT_ID, code_verifier: pending.verifier });
  assert.equal(t.auth.who.username, 'hq.admin');
  assert.equal(t.storage.getItem(PENDING_KEY), null, 'the login is used once');
  assert.equal(t.storage.getItem(REFRESH_KEY), 'refresh-1');
  assert.equal(t.timers.at(-1).ms, 270_000, 'a refresh is due 30 s before expiry');
  assert.ok(!JSON.stringify([...t.storage.keys()]).includes('access'), 'the access token is not stored');
});

test('callback: a state that is not this tab\'s, a wrong nonce, or an error from Keycloak is refused', async () => {
  const a = tab({ search: '?state=forged&code=c' });
  a.storage.setItem(PENDING_KEY, JSON.stringify({ state: 'mine', nonce: 'n', verifier: 'v', redirectUri: 'x' }));
  await assert.rejects(a.auth.completeLogin(), /not belong to a login started in this tab/);
  assert.equal(a.requests.length, 0, 'no code is exchanged');
  assert.equal(a.location.search, '');

  const b = tab({ search: '?state=mine&code=c', tokens: [granted({}, { nonce: 'other' })] });
  b.storage.setItem(PENDING_KEY, JSON.stringify({ state: 'mine', nonce: 'n', verifier: 'v', redirectUri: 'x' }));
  await assert.rejects(b.auth.completeLogin(), /nonce does not match/);
  assert.equal(b.auth.who, null);
  assert.equal(b.storage.getItem(REFRESH_KEY), null);

  const c = tab({ search: '?error=access_denied&error_description=User%20cancelled&state=mine' });
  c.storage.setItem(PENDING_KEY, JSON.stringify({ state: 'mine' }));
  await assert.rejects(c.auth.completeLogin(), /User cancelled/);

  const d = tab({ search: '?state=mine&code=c', tokens: [{ status: 400, body: { error: 'invalid_grant',
    error_description: 'Code not valid' } }] });
  d.storage.setItem(PENDING_KEY, JSON.stringify({ state: 'mine', nonce: 'n', verifier: 'v', redirectUri: 'x' }));
  await assert.rejects(d.auth.completeLogin(), /Code not valid/);
});

test('refresh before expiry, bearer on every call, one refresh and retry on a 401, resume after a reload', async () => {
  const t = tab({ search: '?state=s&code=c', tokens: [granted({}, { nonce: 'n' }),
    granted({ preferred_username: 'hq.admin', sid: 2 }, { refresh: 'refresh-2' })] });
  t.storage.setItem(PENDING_KEY, JSON.stringify({ state: 's', nonce: 'n', verifier: 'v', redirectUri: 'x' }));
  await t.auth.completeLogin();
  const firstToken = t.auth.session.accessToken;
  await t.timers.at(-1).fn(); // the scheduled refresh
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(t.requests[1].form, { grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: CLIENT_ID });
  assert.notEqual(t.auth.session.accessToken, firstToken);
  assert.equal(t.storage.getItem(REFRESH_KEY), 'refresh-2');

  const seen = [];
  const api = [{ status: 401 }, { status: 200 }];
  let n = 10;
  t.auth.fetch = async (url, init) => {
    if (url.endsWith('/token')) {
      n += 1;
      return { status: 200, json: async () => granted({ n }, { refresh: `refresh-${n}` }).body };
    }
    seen.push(init.headers.authorization);
    return { status: api.shift().status, json: async () => ({}) };
  };
  const bearer = t.auth.bearerFetch();
  const answer = await bearer('/api/ballots/selections', { headers: { accept: 'application/json' } });
  assert.equal(answer.status, 200);
  assert.equal(seen.length, 2);
  assert.ok(seen.every((h) => /^Bearer [\w-]+\.[\w-]+\.[\w-]*$/.test(h)));
  assert.notEqual(seen[0], seen[1], 'retried with the refreshed token');

  // A token about to expire is refreshed before the call.
  t.advance(299_000);
  const before = t.auth.session.accessToken;
  await t.auth.accessToken();
  assert.notEqual(t.auth.session.accessToken, before);

  // After a reload only the refresh token is left.
  const reloaded = tab({ tokens: [granted()] });
  reloaded.storage.setItem(REFRESH_KEY, 'kept');
  assert.equal(await reloaded.auth.resume(), true);
  assert.equal(reloaded.requests[0].form.grant_type, 'refresh_token');
  assert.equal(reloaded.auth.who.username, 'hq.admin');
  const refused = tab({ tokens: [{ status: 400, body: { error: 'invalid_grant' } }] });
  refused.storage.setItem(REFRESH_KEY, 'stale');
  assert.equal(await refused.auth.resume(), false);
  assert.equal(refused.storage.getItem(REFRESH_KEY), null);
  const none = tab();
  assert.equal(await none.auth.resume(), false);
  assert.equal(none.requests.length, 0);
  const answerLoggedOut = await none.auth.bearerFetch()('/api/x', {});
  assert.equal(answerLoggedOut.status, 401);
  assert.match((await answerLoggedOut.json()).detail, /not logged in/);
});

test('logout: Keycloak\'s end-session address with the ID token hint and this page to come back to', async () => {
  const t = tab({ search: '?state=s&code=c', tokens: [granted({}, { nonce: 'n' })] });
  t.storage.setItem(PENDING_KEY, JSON.stringify({ state: 's', nonce: 'n', verifier: 'v', redirectUri: 'x' }));
  await t.auth.completeLogin();
  const url = new URL(t.auth.logoutUrl());
  assert.equal(`${url.origin}${url.pathname}`, `${ISSUER}/protocol/openid-connect/logout`);
  assert.equal(url.searchParams.get('id_token_hint'), t.auth.session.idToken);
  assert.equal(url.searchParams.get('post_logout_redirect_uri'), `${ORIGIN}/console`);
  assert.equal(url.searchParams.get('client_id'), CLIENT_ID);
  t.auth.forget();
  assert.equal(t.auth.who, null);
  assert.equal(t.storage.getItem(REFRESH_KEY), null);
});
