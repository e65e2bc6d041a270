// Test helpers: fixed randomness for the RFC 9474 library, byte conversions, a fake platform.
import { readFileSync } from 'node:fs';

export const fromHex = (h) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
export const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export const bigFromBytes = (b) => b.reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);

export function bigToBytes(x, length) {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  if (x !== 0n) {
    throw new Error('integer too large');
  }
  return out;
}

export function modInverse(a, m) {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) {
    throw new Error('not invertible');
  }
  return ((s0 % m) + m) % m;
}

export function readJson(url) {
  return JSON.parse(readFileSync(url, 'utf8'));
}

/**
 * Makes crypto.getRandomValues hand out `values` in order (each request must ask for exactly the next value's
 * length; empty requests pass through), as the RFC vectors fix the prefix, salt and r. Restored by t's end.
 */
export function replayRandomness(t, values) {
  const queue = values.filter((v) => v != null && v.length > 0).map((v) => Uint8Array.from(v));
  const original = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
  t.mock.method(globalThis.crypto, 'getRandomValues', (array) => {
    if (array.byteLength === 0) {
      return array;
    }
    const next = queue.shift();
    if (!next) {
      return original(array);
    }
    if (next.length !== array.byteLength) {
      throw new Error(`replayed randomness of ${next.length} bytes asked for ${array.byteLength}`);
    }
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(next);
    return array;
  });
  return () => queue.length;
}

const b64u = (x) => Buffer.from(bigToBytes(x, Math.ceil(x.toString(16).length / 2))).toString('base64url');

/** A WebCrypto RSA-PSS SHA-384 key pair from the factors p, q and exponent e (as BlindSigningKey.fromFactors). */
export async function keyPairFromFactors(p, q, e) {
  const n = p * q;
  const d = modInverse(e, (p - 1n) * (q - 1n));
  const jwk = { kty: 'RSA', n: b64u(n), e: b64u(e) };
  const priv = { ...jwk, d: b64u(d), p: b64u(p), q: b64u(q), dp: b64u(d % (p - 1n)), dq: b64u(d % (q - 1n)),
    qi: b64u(modInverse(q, p)) };
  const alg = { name: 'RSA-PSS', hash: 'SHA-384' };
  return {
    n,
    publicKey: await crypto.subtle.importKey('jwk', jwk, alg, true, ['verify']),
    privateKey: await crypto.subtle.importKey('jwk', priv, alg, true, ['sign']),
  };
}
