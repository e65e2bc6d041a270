// A fake Keycloak token endpoint and a fake gateway for the console's tests: routes answered by handlers, every
// request recorded (method, path, headers, body), and an XMLHttpRequest for the members upload.

export const ISSUER = 'https://keycloak.test/realms/selectorate';
export const TOKEN_URL = `${ISSUER}/protocol/openid-connect/token`;

const b64u = (text) => Buffer.from(text).toString('base64url');

/** An unsigned JWT with these claims (the console reads tokens, the services verify them). */
export function jwt(claims) {
  return `${b64u(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64u(JSON.stringify(claims))}.c2ln`;
}

export function fakeStorage() {
  const map = new Map();
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
    keys: () => map.keys(),
  };
}

const lower = (headers) => Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * The platform as the console sees it. `user` sets the token's claims; `on(method, path, handler)` answers a
 * request with `{status, body}` (handler gets the recorded request with `json` parsed). Unrouted requests get 404.
 */
export function fakeConsole({ user = {}, nonce = 'nonce-1' } = {}) {
  const requests = [];
  const routes = new Map();
  let issued = 0;
  const claims = {
    preferred_username: 'hq.admin', realm_access: { roles: ['hq-admin'] }, regions: [], constituencies: [],
    ...user,
  };
  const platform = {
    requests,
    accessTokens: [],
    on(method, path, handler) {
      routes.set(`${method} ${path}`, typeof handler === 'function' ? handler : () => handler);
      return platform;
    },
    /** The requests to the API (not to Keycloak). */
    apiRequests: () => requests.filter((r) => r.path.startsWith('/api/')),
    answer(req) {
      const handler = routes.get(`${req.method} ${req.path}`);
      return handler ? handler(req) : { status: 404, body: { status: 404, title: 'Not Found', detail: `no route ${req.path}` } };
    },
    async fetch(url, init = {}) {
      const text = String(url);
      const path = text.startsWith('/') ? text.split('?')[0] : text.split('?')[0];
      const req = { method: init.method ?? 'GET', url: text, path, headers: lower(init.headers), body: init.body };
      try {
        req.json = init.body && req.headers['content-type'] === 'application/json' ? JSON.parse(init.body) : null;
      } catch {
        req.json = null;
      }
      requests.push(req);
      const { status, body } = platform.answer(req);
      return { status, ok: status < 300, json: async () => (body === undefined ? null : structuredClone(body)) };
    },
  };
  platform.on('POST', TOKEN_URL, (req) => {
    const form = Object.fromEntries(new URLSearchParams(req.body));
    issued += 1;
    const access = jwt({ ...claims, exp: Math.floor(Date.now() / 1000) + 300, n: issued });
    platform.accessTokens.push(access);
    return {
      status: 200,
      body: {
        access_token: access, id_token: jwt({ nonce: form.grant_type === 'authorization_code' ? nonce : undefined }),
        refresh_token: `refresh-${issued}`, expires_in: 300, token_type: 'Bearer',
      },
    };
  });
  return platform;
}

/** An XMLHttpRequest for jsdom that sends to the fake platform, with upload progress in two steps. */
export function fakeXhr(platform, window) {
  const readText = (blob) => new Promise((resolve, reject) => {
    const reader = new window.FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
  return class FakeXMLHttpRequest {
    constructor() {
      this.listeners = {};
      this.uploadListeners = {};
      this.headers = {};
      this.status = 0;
      this.responseText = '';
      const self = this;
      this.upload = {
        addEventListener(type, fn) {
          (self.uploadListeners[type] ??= []).push(fn);
        },
      };
    }

    open(method, url) {
      this.method = method;
      this.url = url;
    }

    setRequestHeader(name, value) {
      this.headers[name.toLowerCase()] = value;
    }

    addEventListener(type, fn) {
      (this.listeners[type] ??= []).push(fn);
    }

    async send(body) {
      const text = typeof body === 'string' ? body : await readText(body);
      const req = { method: this.method, url: this.url, path: this.url.split('?')[0], headers: this.headers, body: text,
        via: 'xhr' };
      platform.requests.push(req);
      const fire = (set, type, e) => (set[type] ?? []).forEach((fn) => fn(e));
      const total = text.length;
      fire(this.uploadListeners, 'progress', { lengthComputable: true, loaded: Math.floor(total / 2), total });
      fire(this.uploadListeners, 'progress', { lengthComputable: true, loaded: total, total });
      fire(this.uploadListeners, 'load', {});
      await new Promise((r) => setTimeout(r, 0));
      const { status, body: answer } = platform.answer(req);
      this.status = status;
      this.responseText = JSON.stringify(answer ?? null);
      fire(this.listeners, 'load', {});
    }
  };
}
