import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import {
  canonicalJson, checkEntry, entryLeafHash, fromHex, leafHash, nodeHash, toHex, treeHeadSigningBytes, verifyInclusion,
  verifyTreeHead,
} from '../src/proofs.js';

// The RFC 6962 test tree of transparency-dev/merkle (proof/verify_test.go), as integrity's MerkleTreeTest uses it.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOT_8 = '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328';
const ROOT_5 = '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4';
const ROOT_3 = 'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77';
const PROOFS = [
  [0, 8, ROOT_8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ROOT_8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ROOT_3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ROOT_5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];

test('the reference inclusion proofs verify, and none verifies for another leaf, index, size or root', async () => {
  for (const [index, size, root, proof] of PROOFS) {
    const leaf = toHex(await leafHash(fromHex(LEAVES[index])));
    assert.equal(await verifyInclusion(index, size, leaf, proof, root), true, `leaf ${index} of ${size}`);
    const other = toHex(await leafHash(Uint8Array.of(99)));
    assert.equal(await verifyInclusion(index, size, other, proof, root), false);
    assert.equal(await verifyInclusion(index + 1, size, leaf, proof, root), false);
    assert.equal(await verifyInclusion(index, size * 2, leaf, proof, root), false);
    assert.equal(await verifyInclusion(index, size, leaf, proof.slice(1), root), false);
    assert.equal(await verifyInclusion(index, size, leaf, proof, ROOT_8 === root ? ROOT_5 : ROOT_8), false);
    assert.equal(await verifyInclusion(index, size, leaf, [...proof, proof[0]], root), false);
    assert.equal(await verifyInclusion(index, size, 'nothex', proof, root), false);
  }
});

test('every proof of a 13-leaf tree built here verifies', async () => {
  const leaves = [];
  for (let i = 0; i < 13; i++) {
    leaves.push(await leafHash(Uint8Array.of(i)));
  }
  const root = async (lo, hi) => {
    if (hi - lo === 1) return leaves[lo];
    let k = 1;
    while (k * 2 < hi - lo) k *= 2;
    return nodeHash(await root(lo, lo + k), await root(lo + k, hi));
  };
  const path = async (m, lo, hi) => {
    if (hi - lo === 1) return [];
    let k = 1;
    while (k * 2 < hi - lo) k *= 2;
    return m < lo + k ? [...await path(m, lo, lo + k), await root(lo + k, hi)]
      : [...await path(m, lo + k, hi), await root(lo, lo + k)];
  };
  const top = toHex(await root(0, 13));
  for (let m = 0; m < 13; m++) {
    const proof = (await path(m, 0, 13)).map(toHex);
    assert.equal(await verifyInclusion(m, 13, toHex(leaves[m]), proof, top), true, `leaf ${m}`);
  }
});

test('canonical JSON sorts members by UTF-16 code units and writes strings and numbers as JCS does', () => {
  assert.equal(canonicalJson({ b: [1, 'x', null, true], a: { d: 2, c: 'é\u2028"' } }),
    '{"a":{"c":"é\u2028\\"","d":2},"b":[1,"x",null,true]}');
  // RFC 8785 §3.2.3: "\u20ac" (€) sorts before "\ud83d\ude00" (an emoji) by code unit, after "\r".
  assert.equal(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3 }), '{"\\r":2,"€":1,"😀":3}');
  assert.equal(canonicalJson(1e21), '1e+21');
  assert.throws(() => canonicalJson(Infinity));
});

test('an entry\'s leaf hash is SHA-256 of 0x00 and its canonical JSON', async () => {
  const leaf = { seq: 0, channel: 'online', tracker: 'FFV1-CP61-8DH2-Y6G6', vote: ['Bo Diddley', 'Ada Lovelace'],
    token: 'Rwt861oJA2dwdMrB1iaAUK2XzXxkBFdvUPa18RQiyJU', credential: { prefix: 'p', signature: 's' } };
  const expected = toHex(await leafHash(new TextEncoder().encode(
    '{"channel":"online","credential":{"prefix":"p","signature":"s"},"seq":0,'
    + '"token":"Rwt861oJA2dwdMrB1iaAUK2XzXxkBFdvUPa18RQiyJU","tracker":"FFV1-CP61-8DH2-Y6G6",'
    + '"vote":["Bo Diddley","Ada Lovelace"]}')));
  assert.equal(await entryLeafHash(leaf), expected);
});

test('a tree head signed with the record key verifies; a changed field or another key does not', async () => {
  const pair = await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const raw = new Uint8Array(await webcrypto.subtle.exportKey('raw', pair.publicKey));
  const publicKey = Buffer.from(raw).toString('base64url');
  const ballot = '3b1f0c9e-5d4a-4c1b-9a57-0e3f2a6b7c8d';
  const head = { treeSize: 3, rootHash: ROOT_3, chainHash: 'aa'.repeat(32), headerHash: 'bb'.repeat(32),
    timestamp: '2026-05-01T09:41:00Z' };
  head.signature = Buffer.from(await webcrypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey,
    treeHeadSigningBytes(ballot, head))).toString('base64url');
  assert.equal(await verifyTreeHead(publicKey, ballot, head), true);
  assert.equal(await verifyTreeHead(publicKey, ballot, { ...head, treeSize: 4 }), false);
  assert.equal(await verifyTreeHead(publicKey, '00000000-0000-0000-0000-000000000000', head), false);
  const other = await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const otherKey = Buffer.from(await webcrypto.subtle.exportKey('raw', other.publicKey)).toString('base64url');
  assert.equal(await verifyTreeHead(otherKey, ballot, head), false);
  assert.equal(await verifyTreeHead('short', ballot, head), false);

  // A whole entry as tally-service serves it: a one-entry tree, whose root is the leaf hash.
  const leaf = { seq: 0, channel: 'online', tracker: 'T', vote: ['A'], token: 't', credential: { signature: 's' } };
  const leafHex = await entryLeafHash(leaf);
  const one = { ...head, treeSize: 1, rootHash: leafHex };
  one.signature = Buffer.from(await webcrypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey,
    treeHeadSigningBytes(ballot, one))).toString('base64url');
  const entry = { ballotId: ballot, seq: 0, leaf, leafHash: leafHex, treeHead: one, proof: [] };
  assert.deepEqual(await checkEntry(entry, publicKey), { leaf: true, inclusion: true, signature: true });
  assert.deepEqual(await checkEntry({ ...entry, leaf: { ...leaf, vote: ['B'] } }, publicKey),
    { leaf: false, inclusion: true, signature: true });
});
