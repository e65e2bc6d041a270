// What a reader checks in the browser, with nothing but the platform's published values: an entry's leaf hash, its
// RFC 9162 inclusion proof against a signed tree head, and the head's Ed25519 signature under the record's key; a
// roll entry's proof against the roll's Merkle root. The same rules as integrity's merkle and record packages.

import { base64urlDecode } from './voter.js';

const utf8 = new TextEncoder();
const subtle = () => globalThis.crypto.subtle;

export const TREE_HEAD_SCHEMA = 'selectorate-tree-head/1';

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex) {
  if (typeof hex !== 'string' || !/^([0-9a-f]{2})*$/.test(hex)) {
    throw new Error('not lower-case hex');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(hex.substr(i * 2, 2), 16);
  }
  return out;
}

export async function sha256(bytes) {
  return new Uint8Array(await subtle().digest('SHA-256', bytes));
}

/**
 * RFC 8785 (JCS) of a JSON value as the platform publishes them: members sorted by UTF-16 code units (JavaScript's
 * own string order), strings and numbers as ECMAScript serialises them, which is what JCS specifies.
 */
export function canonicalJson(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error('JSON has no infinite or NaN numbers');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** RFC 9162 leaf hash: SHA-256(0x00 || data). */
export function leafHash(data) {
  return sha256(concat(Uint8Array.of(0), data));
}

/** RFC 9162 interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(1), left, right));
}

/** The leaf hash of a record entry (the entry as published, without its leafHash): SHA-256(0x00 || JCS(entry)). */
export async function entryLeafHash(leaf) {
  return toHex(await leafHash(utf8.encode(canonicalJson(leaf))));
}

/** The leaf hash of a roll entry, whose published leaf is already its canonical JSON text. */
export async function rollLeafHash(leafText) {
  return toHex(await leafHash(utf8.encode(leafText)));
}

/**
 * RFC 9162 §2.1.3.2: does `proof` (hex, leaf to root) take the leaf at `index` of a tree of `size` to `root`?
 * Answers false, never throws, for anything malformed.
 */
export async function verifyInclusion(index, size, leafHex, proof, rootHex) {
  try {
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
      return false;
    }
    let fn = index;
    let sn = size - 1;
    let r = fromHex(leafHex);
    for (const p of proof) {
      if (sn === 0) {
        return false;
      }
      const sibling = fromHex(p);
      if (fn % 2 === 1 || fn === sn) {
        r = await nodeHash(sibling, r);
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) {
            fn = Math.floor(fn / 2);
            sn = Math.floor(sn / 2);
          }
        }
      } else {
        r = await nodeHash(r, sibling);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && toHex(r) === rootHex;
  } catch {
    return false;
  }
}

/** The bytes a tree head's Ed25519 signature covers (docs/record-schema.md). */
export function treeHeadSigningBytes(ballotId, head) {
  return utf8.encode(canonicalJson({
    ballot: ballotId,
    chainHash: head.chainHash,
    headerHash: head.headerHash,
    rootHash: head.rootHash,
    schema: TREE_HEAD_SCHEMA,
    timestamp: head.timestamp,
    treeSize: head.treeSize,
  }));
}

/** Does the head's signature verify under the record's Ed25519 key (base64url of its 32 raw bytes)? */
export async function verifyTreeHead(publicKey, ballotId, head) {
  try {
    const raw = base64urlDecode(publicKey);
    if (raw.length !== 32) {
      return false;
    }
    const key = await subtle().importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    return await subtle().verify({ name: 'Ed25519' }, key, base64urlDecode(head.signature),
      treeHeadSigningBytes(ballotId, head));
  } catch {
    return false;
  }
}

/**
 * Everything a voter can check of their entry: it hashes to its leaf hash, the proof takes that to the head's root,
 * and the head is signed by the record's key. Each finding is named, so a page can say which check failed.
 */
export async function checkEntry(entry, publicKey) {
  const head = entry.treeHead;
  return {
    leaf: (await entryLeafHash(entry.leaf)) === entry.leafHash,
    inclusion: await verifyInclusion(entry.seq, head.treeSize, entry.leafHash, entry.proof, head.rootHash),
    signature: await verifyTreeHead(publicKey, entry.ballotId, head),
  };
}
