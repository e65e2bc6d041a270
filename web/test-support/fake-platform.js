// A fake of ballot-service's and tally-service's public endpoints for vote(), signing with blindrsa-ts's signer
// side and checking casts as tally-service's CastService does (with WebCrypto directly, not through voter.js).
import { RSABSSA, getSuiteByName, BlindRSA } from '@cloudflare/blindrsa-ts';
import { trackerFor } from '../src/voter.js';

const json = (status, body, type = 'application/json') => new Response(JSON.stringify(body),
  { status, headers: { 'content-type': type } });
const problem = (status, slug, detail, errors) => json(status,
  { type: `https://selectorate.org/problems/${slug}`, title: slug, status, detail, ...(errors ? { errors } : {}) },
  'application/problem+json');

export async function fakePlatform({ variant = 'RSABSSA-SHA384-PSS-Randomized', codes = ['7K3M-Q9XB-2HRT-V0PD'],
  status = 'open', candidates = ['Ada Lovelace', 'Bo Diddley', 'Cy Twombly', 'Di Fosse'], withdrawn = ['Di Fosse'],
  id = '0b5c3a2e-8f1d-4c7a-9e21-5d6f0a7b8c9d' } = {}) {
  const pair = await RSABSSA.SHA384.generateKey({ modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) });
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64url');
  const suite = getSuiteByName(BlindRSA, variant);
  const unused = new Set(codes.map((c) => c.replaceAll('-', '').toUpperCase()));
  const issued = new Set();
  const record = [];
  const tokens = new Set();
  const platform = {
    id, variant, requests: [], record, pair,
    /** Answer with a corrupt blind signature (a faulty or lying issuer). */
    corruptSignatures: false,
    /** Answer casts with a tracker not derived from the token (a lying tally). */
    lieAboutTrackers: false,
    ballot: {
      id, title: 'Hackney South final ballot', status, method: 'av', opensAt: '2026-05-01T09:00:00Z',
      closesAt: '2026-05-08T17:00:00Z', candidates, withdrawn, credentialKey: spki, variant,
      rulebook: { arrearsDisqualify: true, minimumMonths: 6, seed: 424242, tieBreak: 'backwards', version: 1 },
    },
    async fetch(url, init = {}) {
      platform.requests.push({ url: String(url), init: { ...init } });
      const method = init.method ?? 'GET';
      const body = init.body ? JSON.parse(init.body) : null;
      let m;
      if (method === 'GET' && (m = /^\/api\/ballots\/public\/ballots\/([^/]+)$/.exec(url))) {
        return m[1].toLowerCase() === id ? json(200, platform.ballot) : problem(404, 'not-found', `ballot ${m[1]}`);
      }
      if (method === 'POST' && (m = /^\/api\/ballots\/public\/ballots\/([^/]+)\/credentials$/.exec(url))) {
        if (m[1] !== id) {
          return problem(404, 'not-found', `ballot ${m[1]}`);
        }
        if (platform.ballot.status !== 'open') {
          return problem(409, 'ballot-closed', 'the ballot is closed');
        }
        const code = String(body.accessCode).replaceAll('-', '').toUpperCase();
        if (issued.has(code)) {
          return problem(409, 'credential-already-issued', 'a ballot was already issued for this access code');
        }
        if (!unused.has(code)) {
          return problem(403, 'access-code-not-recognised', 'that access code is not recognised for this ballot');
        }
        unused.delete(code);
        issued.add(code);
        const blindSig = await suite.blindSign(pair.privateKey, Buffer.from(body.blindedMessage, 'base64url'));
        if (platform.corruptSignatures) {
          blindSig[blindSig.length - 1] ^= 1;
        }
        return json(200, { blindSignature: Buffer.from(blindSig).toString('base64url') });
      }
      if (method === 'POST' && (m = /^\/api\/tally\/public\/ballots\/([^/]+)\/casts$/.exec(url))) {
        const ballotId = m[1];
        if (ballotId !== id) {
          return problem(404, 'not-found', `ballot ${ballotId}`);
        }
        const { token, prefix, signature, vote } = body;
        const problems = [];
        const seen = new Set();
        for (const name of vote ?? []) {
          if (!candidates.includes(name)) problems.push(`vote: "${name}" is not a candidate`);
          else if (withdrawn.includes(name)) problems.push(`vote: "${name}" has withdrawn`);
          else if (seen.has(name)) problems.push(`vote: "${name}" is ranked more than once`);
          seen.add(name);
        }
        if (!vote?.length) problems.push('vote: rank at least one candidate');
        if (problems.length) {
          return problem(400, 'bad-request', `the vote is invalid: ${problems[0].slice(6)}`, problems);
        }
        if (!(await platform.verifies(ballotId, body))) {
          return problem(403, 'forbidden', 'the credential is not a valid signature for this ballot and token');
        }
        if (tokens.has(token)) {
          return problem(409, 'credential-used', 'this credential has already been used');
        }
        tokens.add(token);
        record.push({ token, credential: { prefix, signature }, vote });
        const tracker = platform.lieAboutTrackers ? 'AAAA-BBBB-CCCC-DDDD' : await trackerFor(ballotId, token);
        return json(202, { tracker, entry: `/api/tally/public/ballots/${ballotId}/entries/${tracker}` });
      }
      return problem(404, 'not-found', `no route ${method} ${url}`);
    },
    /** As tally-service checks a cast: RSASSA-PSS-SHA384 over prefix ‖ JCS(ballot, schema, token). */
    async verifies(ballotId, { token, prefix, signature }) {
      const randomized = variant.endsWith('Randomized');
      if (randomized !== (prefix != null) || Buffer.from(token, 'base64url').length !== 32) {
        return false;
      }
      const message = Buffer.from(`{"ballot":${JSON.stringify(ballotId)},"schema":"selectorate-credential/1",`
        + `"token":${JSON.stringify(token)}}`);
      const input = Buffer.concat([prefix ? Buffer.from(prefix, 'base64url') : Buffer.alloc(0), message]);
      return crypto.subtle.verify({ name: 'RSA-PSS', saltLength: 48 }, pair.publicKey,
        Buffer.from(signature, 'base64url'), input);
    },
  };
  return platform;
}
