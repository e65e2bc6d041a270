// The voter's side of Selectorate's secret ballot, in the browser: the same protocol, byte for byte, as the Java
// reference client (cli org.selectorate.cli.demo.Voter with integrity org.selectorate.integrity.blind and .tracker).
//
//   1. GET  /api/ballots/public/ballots/{id}               the ballot, its RFC 9474 variant and credential key
//   2. make a random 32-byte token; blind JCS({"ballot","schema":"selectorate-credential/1","token"})
//   3. POST /api/ballots/public/ballots/{id}/credentials   {accessCode, blindedMessage} -> {blindSignature}
//   4. finalise (unblind and verify) into a credential {prefix, signature}; hold it for a random time
//   5. POST /api/tally/public/ballots/{id}/casts           {token, prefix, signature, vote} -> 202 {tracker, entry}
//
// ballot-service sees the access code and the blinded message only; the token and the credential leave this
// module only in the cast. The RSA arithmetic is @cloudflare/blindrsa-ts (RFC 9474), on WebCrypto.

import { getSuiteByName, BlindRSA } from '@cloudflare/blindrsa-ts';

/** The platform's variants (integrity BlindRsaVariant): SHA-384, MGF1-SHA-384, 48-byte salt. */
export const VARIANTS = Object.freeze({
  'RSABSSA-SHA384-PSS-Randomized': Object.freeze({ id: 'RSABSSA-SHA384-PSS-Randomized', randomized: true }),
  'RSABSSA-SHA384-PSS-Deterministic': Object.freeze({ id: 'RSABSSA-SHA384-PSS-Deterministic', randomized: false }),
});
export const TOKEN_LENGTH = 32;
export const PREFIX_LENGTH = 32;
export const MIN_MODULUS_BITS = 2048;
export const CREDENTIAL_SCHEMA = 'selectorate-credential/1';
export const TRACKER_SCHEMA = 'selectorate-tracker/1';
/**
 * The longest the page holds a credential before casting, by default: a uniform draw in [0, max), as the
 * reference client's Voter.Hold does (its `demo --hold` default is PT20S). See docs/threat-model.md.
 */
export const DEFAULT_HOLD_MAX_MS = 20_000;

const subtle = () => globalThis.crypto.subtle;
const utf8 = new TextEncoder();

// ---------------------------------------------------------------------------------------------- encodings

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url without padding (RFC 4648 §5), as integrity Base64Url.encode. */
export function base64urlEncode(bytes) {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63] + B64URL[n & 63];
  }
  if (bytes.length - i === 1) {
    const n = bytes[i] << 16;
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63];
  } else if (bytes.length - i === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63];
  }
  return out;
}

/** Strict, as integrity Base64Url.decode: no padding, no whitespace, no '+' or '/', canonical trailing bits. */
export function base64urlDecode(text) {
  if (typeof text !== 'string') {
    throw new TypeError('base64url must be a string');
  }
  if (text.length % 4 === 1) {
    throw new Error('not base64url: bad length');
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of text) {
    const v = B64URL.indexOf(c);
    if (v < 0) {
      throw new Error(`not base64url: ${JSON.stringify(c)}`);
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  if (acc !== 0) {
    throw new Error('non-canonical base64url');
  }
  return out;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The first `symbols` Crockford base32 symbols (5 bits each, most significant first): integrity Crockford.encode. */
export function crockford(bytes, symbols) {
  if (symbols * 5 > bytes.length * 8) {
    throw new Error(`not enough bytes for ${symbols} symbols`);
  }
  let out = '';
  for (let i = 0; i < symbols; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    const two = (bytes[byte] << 8) | (byte + 1 < bytes.length ? bytes[byte + 1] : 0);
    out += CROCKFORD[(two >> (11 - (bit % 8))) & 0x1f];
  }
  return out;
}

/** A code or tracker as a person typed it, reduced to its symbols (case, hyphens, spaces, I/L/O forgiven); null if not one. */
export function readTyped(typed, symbols = 16) {
  if (typeof typed !== 'string' || typed.length > 4 * symbols) {
    return null;
  }
  let out = '';
  for (const ch of typed) {
    if (ch === '-' || /\s/.test(ch)) {
      continue;
    }
    let u = ch.toUpperCase();
    if (u === 'I' || u === 'L') {
      u = '1';
    } else if (u === 'O') {
      u = '0';
    }
    if (!CROCKFORD.includes(u) || u.length !== 1) {
      return null;
    }
    out += u;
  }
  return out.length === symbols ? out : null;
}

/** Four groups of four, as the record prints trackers and the mail prints access codes. */
export function grouped(symbols) {
  return symbols.match(/.{1,4}/g).join('-');
}

/** RFC 8785 (JCS) of an object whose members are strings, members sorted as JCS sorts them (UTF-16 code units). */
export function canonicalStrings(object) {
  const keys = Object.keys(object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(object[k]))}`).join(',')}}`;
}

// ---------------------------------------------------------------------------------------------- the key

/**
 * Reads a ballot's published credential key: base64url of the DER SubjectPublicKeyInfo (integrity
 * BlindVerificationKey.fromEncoded) with its RFC 9474 variant name. Refuses what the Java side refuses: an unknown
 * variant, a modulus under 2048 bits, an even or tiny public exponent.
 */
export async function parseCredentialKey(spkiBase64Url, variantId) {
  const variant = VARIANTS[variantId];
  if (!variant) {
    throw new Error(`unsupported blind signature variant: ${variantId}`);
  }
  const spki = base64urlDecode(spkiBase64Url);
  let cryptoKey;
  try {
    cryptoKey = await subtle().importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
  } catch (e) {
    throw new Error(`not an RSA public key: ${e.message}`);
  }
  const bits = cryptoKey.algorithm.modulusLength;
  if (bits < MIN_MODULUS_BITS) {
    throw new Error(`RSA modulus of ${bits} bits; at least ${MIN_MODULUS_BITS} required`);
  }
  const e = cryptoKey.algorithm.publicExponent;
  const eValue = e.reduce((acc, b) => acc * 256n + BigInt(b), 0n);
  if ((eValue & 1n) === 0n || eValue < 3n) {
    throw new Error('RSA public exponent must be odd and at least 3');
  }
  const suite = getSuiteByName(BlindRSA, variant.id);
  return Object.freeze({ variant, cryptoKey, suite, modulusBits: bits, encoded: spkiBase64Url });
}

/** SHA-256 of the SubjectPublicKeyInfo in hex: the fingerprint people compare with the key announced at opening. */
export async function keyFingerprint(key) {
  return hex(new Uint8Array(await subtle().digest('SHA-256', base64urlDecode(key.encoded))));
}

// ---------------------------------------------------------------------------------------------- token and credential

/** A fresh voter's token: 32 random bytes, base64url (integrity Token.random / Token.encoded). */
export function randomToken() {
  return base64urlEncode(globalThis.crypto.getRandomValues(new Uint8Array(TOKEN_LENGTH)));
}

function checkToken(token) {
  if (base64urlDecode(token).length !== TOKEN_LENGTH) {
    throw new Error(`a token is ${TOKEN_LENGTH} bytes`);
  }
}

function checkBallotId(ballotId) {
  if (typeof ballotId !== 'string' || ballotId.trim() === '') {
    throw new Error('a credential needs a ballot id');
  }
}

/**
 * The only message a credential key signs (integrity CredentialMessage): the UTF-8 of
 * JCS({"ballot": id, "schema": "selectorate-credential/1", "token": token}), before any RFC 9474 prefix.
 */
export function credentialMessage(ballotId, token) {
  checkBallotId(ballotId);
  checkToken(token);
  return utf8.encode(canonicalStrings({ ballot: ballotId, schema: CREDENTIAL_SCHEMA, token }));
}

/**
 * RFC 9474 Prepare and Blind for a token's credential message. Returns what goes to the issuer
 * (`blindedMessage`, base64url) and the session that stays here (the prepared message and the unblinding inverse).
 */
export async function blind(key, ballotId, token) {
  const message = credentialMessage(ballotId, token);
  const input = key.suite.prepare(message); // prefix ‖ message (32 random bytes) for -Randomized, else message
  const { blindedMsg, inv } = await key.suite.blind(key.cryptoKey, input);
  const prefix = key.variant.randomized ? input.slice(0, PREFIX_LENGTH) : null;
  return {
    blindedMessage: base64urlEncode(blindedMsg),
    session: Object.freeze({ ballotId, token, input, prefix, inv }),
  };
}

/**
 * RFC 9474 Finalize: unblinds the issuer's answer and checks it is a valid signature, so a bad answer fails here
 * rather than at the ballot box (integrity BlindingSession.finish). Returns the credential as the cast and the
 * record carry it: {prefix (base64url, randomized variant only, else null), signature (base64url)}.
 */
export async function finalize(key, session, blindSignature) {
  const blindSig = base64urlDecode(blindSignature);
  let sig;
  try {
    sig = await key.suite.finalize(key.cryptoKey, session.input, blindSig, session.inv);
  } catch (e) {
    throw new Error(`invalid signature: the issuer's answer does not verify (${e.message})`);
  }
  return Object.freeze({
    prefix: session.prefix ? base64urlEncode(session.prefix) : null,
    signature: base64urlEncode(sig),
  });
}

/** RFC 9474 Verify, as tally-service and the verifier check a cast (integrity BlindVerificationKey.verify). */
export async function verifyCredential(key, ballotId, token, credential) {
  if (key.variant.randomized !== (credential.prefix != null)) {
    return false;
  }
  let prefix;
  let sig;
  let message;
  try {
    prefix = credential.prefix == null ? new Uint8Array(0) : base64urlDecode(credential.prefix);
    sig = base64urlDecode(credential.signature);
    message = credentialMessage(ballotId, token);
  } catch {
    return false;
  }
  if (prefix.length !== (key.variant.randomized ? PREFIX_LENGTH : 0)) {
    return false;
  }
  if (sig.length !== Math.ceil(key.modulusBits / 8)) {
    return false;
  }
  const input = new Uint8Array(prefix.length + message.length);
  input.set(prefix);
  input.set(message, prefix.length);
  return key.suite.verify(key.cryptoKey, sig, input);
}

/** The body of the anonymous cast (tally-service CastRequest), members in the Java client's order. */
export function castBody(token, credential, ranking) {
  return { token, prefix: credential.prefix ?? null, signature: credential.signature, vote: [...ranking] };
}

// ---------------------------------------------------------------------------------------------- tracker

/**
 * The tracker of an online vote (integrity Tracker.forToken): the first 80 bits of
 * SHA-256(JCS({"ballot", "schema": "selectorate-tracker/1", "token"})) as 16 Crockford symbols in four groups.
 */
export async function trackerFor(ballotId, token) {
  checkBallotId(ballotId);
  checkToken(token);
  const input = utf8.encode(canonicalStrings({ ballot: ballotId, schema: TRACKER_SCHEMA, token }));
  const hash = new Uint8Array(await subtle().digest('SHA-256', input));
  return grouped(crockford(hash, 16));
}

/** A tracker as a person may type it, in its printed form; null if it cannot be one (integrity Tracker.parse). */
export function parseTracker(typed) {
  const symbols = readTyped(String(typed ?? '').replace(/[\s-]/g, ''), 16);
  return symbols == null ? null : grouped(symbols);
}

// ---------------------------------------------------------------------------------------------- the hold

/** A uniformly random wait in [0, maxMs), as Voter.Hold.drawMillis, drawn from the browser's CSPRNG. */
export function drawHoldMs(maxMs, random = cryptoRandom) {
  if (!(maxMs >= 0)) {
    throw new RangeError('a hold cannot be negative');
  }
  return maxMs === 0 ? 0 : Math.floor(random() * maxMs);
}

function cryptoRandom() {
  const [a, b] = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992; // 53 random bits in [0, 1)
}

const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------- the API

/** An answer from the platform other than the one expected, with the RFC 9457 problem when there is one. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? null;
  }
}

// No cookies, no referrer, no cache: the voter is anonymous to both services.
const ANONYMOUS = Object.freeze({ credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });

/**
 * A call to the platform's public API through `fetch`: the JSON answer if its status is `expected`, else an
 * ApiError carrying the problem details. Anonymous: no cookies, no referrer, no cache.
 */
export async function callApi(fetch, path, expected, body) {
  const init = { ...ANONYMOUS, method: body === undefined ? 'GET' : 'POST', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, null, 'The voting service could not be reached. Check your connection and try again.');
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (response.status !== expected) {
    const problem = json && typeof json === 'object' && (json.detail || json.title) ? json : null;
    throw new ApiError(response.status, problem, `The voting service answered ${response.status}.`);
  }
  if (json == null || typeof json !== 'object') {
    throw new ApiError(response.status, null, 'The voting service sent an answer this page cannot read.');
  }
  return json;
}

const segment = (id) => encodeURIComponent(id);

/**
 * The ballot as published at opening (ballot-service PublicBallot): id, title, status, opensAt, closesAt,
 * candidates, withdrawn, and its credential key, parsed. `key` is null while the ballot has no key (a draft).
 */
export async function fetchBallot(fetch, ballotId) {
  checkBallotId(ballotId);
  const b = await callApi(fetch, `/api/ballots/public/ballots/${segment(ballotId)}`, 200);
  // The id the services sign and record is the ballot's own (a UUID in lower case); a link may differ in case only.
  const id = typeof b.id === 'string' ? b.id : ballotId;
  if (id.toLowerCase() !== ballotId.toLowerCase()) {
    throw new Error(`asked for ballot ${ballotId}, got ${id}`);
  }
  const candidates = (b.candidates ?? []).map((c) => (c && typeof c === 'object' ? c.name : c));
  const withdrawn = [...(b.withdrawn ?? [])];
  const key = b.credentialKey ? await parseCredentialKey(b.credentialKey, b.variant) : null;
  return Object.freeze({
    id,
    title: b.title ?? '',
    status: b.status ?? null,
    method: b.method ?? null,
    opensAt: b.opensAt ?? null,
    closesAt: b.closesAt ?? null,
    candidates,
    withdrawn,
    key,
    rulebook: b.rulebook && typeof b.rulebook === 'object' ? b.rulebook : null,
    kind: b.kind ?? 'final',
  });
}

/** Problems with a ranking, in plain words, as tally-service would refuse it; empty if it can be cast. */
export function rankingProblems(ballot, ranking) {
  if (!Array.isArray(ranking) || ranking.length === 0) {
    return ['Rank at least one candidate.'];
  }
  const problems = [];
  const seen = new Set();
  for (const name of ranking) {
    if (!ballot.candidates.includes(name)) {
      problems.push(`"${name}" is not a candidate.`);
    } else if (ballot.withdrawn.includes(name)) {
      problems.push(`"${name}" has withdrawn.`);
    } else if (seen.has(name)) {
      problems.push(`"${name}" is ranked more than once.`);
    }
    seen.add(name);
  }
  return problems;
}

/**
 * Redeems an access code for a blind signature on a fresh random token, and unblinds it (Voter.credential). The
 * issuer gets the code and the blinded message only. What comes back is held here until the cast.
 */
export async function redeem(fetch, ballot, accessCode) {
  if (!ballot.key) {
    throw new Error('This ballot has no credential key yet: it is not open.');
  }
  const code = String(accessCode ?? '').trim();
  if (code === '') {
    throw new Error('Enter the access code from your email.');
  }
  const token = randomToken();
  const { blindedMessage, session } = await blind(ballot.key, ballot.id, token);
  const issued = await callApi(fetch, `/api/ballots/public/ballots/${segment(ballot.id)}/credentials`, 200,
    { accessCode: code, blindedMessage });
  if (typeof issued.blindSignature !== 'string') {
    throw new ApiError(200, null, 'The voting service sent an answer this page cannot read.');
  }
  const credential = await finalize(ballot.key, session, issued.blindSignature);
  return Object.freeze({ ballot, token, credential });
}

/**
 * Casts anonymously with a held credential (Voter.cast): tally-service sees the token, the credential and the
 * vote only. The tracker is derived here from the token too; `trackerConfirmed` says the service's matches.
 */
export async function cast(fetch, held, ranking) {
  const problems = rankingProblems(held.ballot, ranking);
  if (problems.length > 0) {
    throw new Error(problems.join(' '));
  }
  const accepted = await callApi(fetch, `/api/tally/public/ballots/${segment(held.ballot.id)}/casts`, 202,
    castBody(held.token, held.credential, ranking));
  const tracker = await trackerFor(held.ballot.id, held.token);
  return Object.freeze({
    tracker,
    trackerConfirmed: accepted.tracker === tracker,
    serverTracker: accepted.tracker ?? null,
    entry: accepted.entry ?? `/api/tally/public/ballots/${held.ballot.id}/entries/${tracker}`,
  });
}

/**
 * The whole flow through an injected fetch: the ballot, the credential, a random hold of up to `holdMs`
 * (uniform, as Voter.Hold; default DEFAULT_HOLD_MAX_MS; 0 for none), the cast. `onStage(name, info)` hears
 * 'ballot', 'credential', 'holding' ({waitMs}), 'casting', 'cast'.
 */
export async function vote(fetch, ballotId, accessCode, ranking,
  { holdMs = DEFAULT_HOLD_MAX_MS, sleep = defaultSleep, onStage = () => {} } = {}) {
  const ballot = await fetchBallot(fetch, ballotId);
  onStage('ballot', { ballot });
  const problems = rankingProblems(ballot, ranking);
  if (problems.length > 0) {
    throw new Error(problems.join(' ')); // before the code is spent
  }
  const held = await redeem(fetch, ballot, accessCode);
  onStage('credential', {});
  const waitMs = drawHoldMs(holdMs);
  onStage('holding', { waitMs });
  await sleep(waitMs);
  onStage('casting', {});
  const result = await cast(fetch, held, ranking);
  onStage('cast', result);
  return result;
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
