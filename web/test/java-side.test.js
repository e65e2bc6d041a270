// The Java side's values (integrity's blind, tracker and encoding packages), computed without running Java: see
// fixtures/java-side.py, a transcription of that code checked against the RFC vectors. voter.js must give the
// same bytes: the same published key read the same way, the same credential message, the same blinded message
// and credential from the same randomness, the same tracker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  base64urlDecode, base64urlEncode, blind, castBody, credentialMessage, crockford, finalize, keyFingerprint,
  parseCredentialKey, parseTracker, readTyped, trackerFor, verifyCredential,
} from '../src/voter.js';
import { readJson, replayRandomness } from '../test-support/helpers.js';

const java = readJson(new URL('./fixtures/java-side.json', import.meta.url));
const TOKEN = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8'; // TrackerTest.TOKEN

test('the published key (base64url SubjectPublicKeyInfo, BlindVerificationKey.encoded) is read as Java reads it', async () => {
  for (const variant of ['RSABSSA-SHA384-PSS-Randomized', 'RSABSSA-SHA384-PSS-Deterministic']) {
    const key = await parseCredentialKey(java.key.spki, variant);
    assert.equal(key.modulusBits, java.key.modulusBits);
    assert.equal(key.variant.id, variant);
    assert.equal(await keyFingerprint(key), java.key.fingerprint, 'BlindVerificationKey.fingerprint()');
  }
});

test('keys and variants Java refuses are refused', async () => {
  await assert.rejects(parseCredentialKey(java.key.spki, 'RSABSSA-SHA384-PSSZERO-Randomized'), /unsupported/);
  await assert.rejects(parseCredentialKey(`${java.key.spki}=`, 'RSABSSA-SHA384-PSS-Randomized'), /base64url/);
  const small = await crypto.subtle.generateKey({ name: 'RSA-PSS', hash: 'SHA-384', modulusLength: 1024,
    publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
  const spki = base64urlEncode(new Uint8Array(await crypto.subtle.exportKey('spki', small.publicKey)));
  await assert.rejects(parseCredentialKey(spki, 'RSABSSA-SHA384-PSS-Randomized'), /at least 2048/);
  const ec = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const ecSpki = base64urlEncode(new Uint8Array(await crypto.subtle.exportKey('spki', ec.publicKey)));
  await assert.rejects(parseCredentialKey(ecSpki, 'RSABSSA-SHA384-PSS-Randomized'), /not an RSA public key/);
});

test('the credential message is CredentialMessage.bytes(): JCS of ballot, schema, token', () => {
  for (const m of java.credentialMessages) {
    assert.equal(new TextDecoder().decode(credentialMessage(m.ballot, m.token)), m.utf8);
  }
  assert.throws(() => credentialMessage(' ', TOKEN), /ballot id/);
  assert.throws(() => credentialMessage('ballot-1', 'AAEC'), /32 bytes/);
});

for (const c of java.credentials) {
  test(`${c.variant}, ballot ${c.ballot}: same randomness, same blinded message and credential as BlindRsa`, async (t) => {
    const key = await parseCredentialKey(java.key.spki, c.variant);
    replayRandomness(t, [c.random.prefix && base64urlDecode(c.random.prefix), base64urlDecode(c.random.salt),
      base64urlDecode(c.random.r)]);
    const { blindedMessage, session } = await blind(key, c.ballot, c.token);
    assert.equal(blindedMessage, c.blindedMessage, 'blinded message');
    const credential = await finalize(key, session, c.blindSignature);
    assert.deepEqual({ ...credential }, c.credential, 'credential {prefix, signature}');
    assert.equal(await verifyCredential(key, c.ballot, c.token, c.credential), true);
    assert.deepEqual(Object.keys(castBody(c.token, credential, ['A'])), ['token', 'prefix', 'signature', 'vote']);
  });

  test(`${c.variant}, ballot ${c.ballot}: the credential is worthless elsewhere (as BlindRsaTest)`, async () => {
    const key = await parseCredentialKey(java.key.spki, c.variant);
    assert.equal(await verifyCredential(key, `${c.ballot}x`, c.token, c.credential), false, 'another ballot');
    assert.equal(await verifyCredential(key, c.ballot, base64urlEncode(new Uint8Array(32)), c.credential), false,
      'another token');
    const other = c.variant.endsWith('Randomized') ? 'RSABSSA-SHA384-PSS-Deterministic' : 'RSABSSA-SHA384-PSS-Randomized';
    assert.equal(await verifyCredential(await parseCredentialKey(java.key.spki, other), c.ballot, c.token,
      c.credential), false, 'the other variant');
    if (c.credential.prefix) {
      assert.equal(await verifyCredential(key, c.ballot, c.token, { ...c.credential, prefix: null }), false,
        'without its prefix');
    }
  });
}

test('trackers are Tracker.forToken: 80 bits of SHA-256 in Crockford base32, four groups', async () => {
  for (const x of java.trackers) {
    assert.equal(await trackerFor(x.ballot, x.token), x.tracker, `${x.ballot} ${x.token}`);
  }
  const t = await trackerFor('ballot-1', TOKEN);
  assert.match(t, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  assert.notEqual(t, await trackerFor('ballot-2', TOKEN));
});

test('a tracker is read as a person types it (Tracker.parse, TrackerTest.readsWhatAPersonTypes)', async () => {
  const t = await trackerFor('ballot-1', TOKEN);
  const typed = t.replaceAll('-', ' ').toLowerCase().replaceAll('0', 'o').replaceAll('1', 'l');
  assert.equal(parseTracker(typed), t);
  assert.equal(parseTracker('ABCD-EFGH'), null);
  assert.equal(parseTracker('ABCD-EFGH-JKMN-PQRU'), null);
  assert.equal(parseTracker(''), null);
});

test('base64url is Base64Url: unpadded, and strict on reading', () => {
  const bytes = base64urlDecode(TOKEN);
  assert.deepEqual([...bytes], [...Array(32).keys()]);
  assert.equal(base64urlEncode(bytes), TOKEN);
  for (let n = 0; n < 7; n++) {
    const b = Uint8Array.from({ length: n }, (_, i) => 250 - i * 37);
    assert.equal(base64urlEncode(b), Buffer.from(b).toString('base64url'));
    assert.deepEqual([...base64urlDecode(base64urlEncode(b))], [...b]);
  }
  assert.throws(() => base64urlDecode('AAE='), /base64url/);
  assert.throws(() => base64urlDecode('AA+/'), /base64url/);
  assert.throws(() => base64urlDecode('AB'), /non-canonical/, 'trailing bits must be zero');
  assert.throws(() => base64urlDecode('A'), /base64url/);
  assert.throws(() => base64urlDecode('AA AA'), /base64url/);
});

test('Crockford base32 is Crockford.encode and readTyped', () => {
  // 0x00 0x44 0x32 0x14 0xc7 -> 00000 00001 00010 00011 00100 00101 00110 00111
  assert.equal(crockford(Uint8Array.of(0x00, 0x44, 0x32, 0x14, 0xc7), 8), '01234567');
  assert.equal(crockford(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff), 8), 'ZZZZZZZZ');
  assert.throws(() => crockford(new Uint8Array(5), 9), /not enough bytes/);
  assert.equal(readTyped('7k3m-q9xb-2hrt-vopd'), '7K3MQ9XB2HRTV0PD', 'the access code of CodeSealTest, typed');
  assert.equal(readTyped('7K3M Q9XB 2HRT V0PU'), null, 'U is no symbol');
  assert.equal(readTyped('7K3M-Q9XB'), null);
});
