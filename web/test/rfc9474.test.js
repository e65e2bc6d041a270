// RFC 9474 Appendix A, through @cloudflare/blindrsa-ts as voter.js uses it, with the vectors' fixed randomness.
// The vectors are the repository's own copy, the file integrity's BlindRsaTest reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSuiteByName, BlindRSA } from '@cloudflare/blindrsa-ts';
import { VARIANTS, parseCredentialKey, base64urlEncode } from '../src/voter.js';
import { bigFromBytes, bigToBytes, fromHex, keyPairFromFactors, modInverse, readJson, replayRandomness, toHex }
  from '../test-support/helpers.js';

const file = readJson(new URL('../../integrity/src/test/resources/rfc9474/vectors.json', import.meta.url));
const big = (h) => BigInt(`0x${h}`);
const pair = await keyPairFromFactors(big(file.key.p), big(file.key.q), big(file.key.e));
const kLen = 512;

test('the repository holds the two vectors of the platform\'s variants, on one key', () => {
  assert.equal(file.vectors.length, 2);
  assert.deepEqual(file.vectors.map((v) => v.name).sort(), Object.keys(VARIANTS).sort());
  assert.equal(pair.n, big(file.key.n));
});

for (const v of file.vectors) {
  test(`${v.name}: prepare, blind, blind-sign and finalize give the vector's bytes`, async (t) => {
    const suite = getSuiteByName(BlindRSA, v.name);
    const r = modInverse(big(v.inv), pair.n);
    const left = replayRandomness(t, [fromHex(v.msg_prefix), fromHex(v.salt), bigToBytes(r, kLen)]);

    const prepared = suite.prepare(fromHex(v.msg));
    assert.equal(toHex(prepared), v.msg_prefix + v.msg, 'prepared message = msg_prefix ‖ msg');
    assert.equal(VARIANTS[v.name].randomized, fromHex(v.msg_prefix).length === 32);

    const { blindedMsg, inv } = await suite.blind(pair.publicKey, prepared);
    assert.equal(toHex(blindedMsg), v.blinded_msg, 'blinded_msg');
    assert.equal(bigFromBytes(inv), big(v.inv), 'inv');
    assert.equal(left(), 0, 'all the fixed randomness was used');

    const blindSig = await suite.blindSign(pair.privateKey, blindedMsg);
    assert.equal(toHex(blindSig), v.blind_sig, 'blind_sig');

    const sig = await suite.finalize(pair.publicKey, prepared, blindSig, inv);
    assert.equal(toHex(sig), v.sig, 'sig');
  });

  test(`${v.name}: the vector's signature verifies on its prepared message, and nothing else does`, async () => {
    const key = await parseCredentialKey(
      base64urlEncode(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))), v.name);
    assert.equal(key.modulusBits, 4096);
    const prepared = fromHex(v.msg_prefix + v.msg);
    const sig = fromHex(v.sig);
    assert.equal(await key.suite.verify(key.cryptoKey, sig, prepared), true);
    const flipped = sig.slice();
    flipped[10] ^= 1;
    assert.equal(await key.suite.verify(key.cryptoKey, flipped, prepared), false);
    if (VARIANTS[v.name].randomized) {
      assert.equal(await key.suite.verify(key.cryptoKey, sig, fromHex(v.msg)), false, 'not without its prefix');
    }
    // The WebCrypto verifier is the same RSASSA-PSS the JDK's Signature("RSASSA-PSS") runs for tally-service.
    assert.equal(await crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 48 }, pair.publicKey, sig, prepared), true);
  });

  test(`${v.name}: finalize refuses a blind signature that does not verify`, async (t) => {
    const suite = getSuiteByName(BlindRSA, v.name);
    const bad = fromHex(v.blind_sig);
    bad[bad.length - 1] ^= 1;
    const inv = bigToBytes(big(v.inv), kLen);
    await assert.rejects(suite.finalize(pair.publicKey, fromHex(v.msg_prefix + v.msg), bad, inv), /invalid signature/);
  });
}
