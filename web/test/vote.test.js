// vote() end to end against a fake ballot-service and tally-service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, DEFAULT_HOLD_MAX_MS, drawHoldMs, fetchBallot, trackerFor, vote } from '../src/voter.js';
import { fakePlatform } from '../test-support/fake-platform.js';

const CODE = '7K3M-Q9XB-2HRT-V0PD';
const RANKING = ['Bo Diddley', 'Ada Lovelace'];
const noHold = { holdMs: 0 };
const fetchOf = (platform) => (url, init) => platform.fetch(url, init);

/** The forms in which a token could leak: base64url, base64, hex. */
function tokenForms(token) {
  const bytes = Buffer.from(token, 'base64url');
  return [token, bytes.toString('base64'), bytes.toString('hex')];
}

for (const variant of ['RSABSSA-SHA384-PSS-Randomized', 'RSABSSA-SHA384-PSS-Deterministic']) {
  test(`${variant}: a vote is cast with a credential that verifies, and the token goes only in the cast`, async () => {
    const platform = await fakePlatform({ variant });
    const stages = [];
    const result = await vote(fetchOf(platform), platform.id, CODE, RANKING,
      { ...noHold, onStage: (s) => stages.push(s) });

    assert.deepEqual(stages, ['ballot', 'credential', 'holding', 'casting', 'cast']);
    assert.equal(platform.record.length, 1);
    const [entry] = platform.record;
    assert.deepEqual(entry.vote, RANKING);
    assert.equal(await platform.verifies(platform.id, { token: entry.token, ...entry.credential }), true);
    assert.equal(entry.credential.prefix != null, variant.endsWith('Randomized'));
    assert.equal(result.tracker, await trackerFor(platform.id, entry.token));
    assert.equal(result.trackerConfirmed, true);
    assert.equal(result.entry, `/api/tally/public/ballots/${platform.id}/entries/${result.tracker}`);

    const [get, issue, castRequest, ...more] = platform.requests;
    assert.equal(more.length, 0);
    assert.equal(get.url, `/api/ballots/public/ballots/${platform.id}`);
    assert.equal(issue.url, `/api/ballots/public/ballots/${platform.id}/credentials`);
    assert.equal(castRequest.url, `/api/tally/public/ballots/${platform.id}/casts`);
    assert.deepEqual(Object.keys(JSON.parse(issue.init.body)), ['accessCode', 'blindedMessage']);
    assert.deepEqual(Object.keys(JSON.parse(castRequest.init.body)), ['token', 'prefix', 'signature', 'vote']);
    for (const r of [get, issue]) {
      for (const form of [...tokenForms(entry.token), entry.credential.signature, entry.credential.prefix]) {
        if (form) {
          assert.ok(!r.url.includes(form) && !String(r.init.body ?? '').includes(form), `${form} in ${r.url}`);
        }
      }
    }
    for (const r of platform.requests) {
      assert.equal(r.init.credentials, 'omit', 'no cookies');
      assert.equal(r.init.referrerPolicy, 'no-referrer');
      assert.ok(!r.url.includes(CODE) && !r.url.includes(CODE.replaceAll('-', '')), 'the code is never in a URL');
    }
    assert.ok(!castRequest.init.body.includes(CODE), 'the code is not in the cast');
    assert.equal(JSON.parse(issue.init.body).accessCode, CODE);
  });
}

test('each vote blinds a fresh token: two voters, two tokens, two trackers', async () => {
  const platform = await fakePlatform({ codes: [CODE, 'AAAA-BBBB-CCCC-DDDD'] });
  const a = await vote(fetchOf(platform), platform.id, CODE, RANKING, noHold);
  const b = await vote(fetchOf(platform), platform.id, 'AAAA-BBBB-CCCC-DDDD', ['Cy Twombly'], noHold);
  assert.notEqual(a.tracker, b.tracker);
  assert.notEqual(platform.record[0].token, platform.record[1].token);
});

test('the credential is held for a uniform random wait before the cast, by default up to DEFAULT_HOLD_MAX_MS', async () => {
  const platform = await fakePlatform();
  const waits = [];
  let castsWhenSleeping = -1;
  await vote(fetchOf(platform), platform.id, CODE, RANKING, {
    sleep: async (ms) => { waits.push(ms); castsWhenSleeping = platform.record.length; },
  });
  assert.equal(waits.length, 1);
  assert.ok(waits[0] >= 0 && waits[0] < DEFAULT_HOLD_MAX_MS, String(waits[0]));
  assert.equal(castsWhenSleeping, 0, 'the cast comes after the hold');
  assert.equal(platform.requests.at(-1).url.includes('/casts'), true);

  assert.equal(drawHoldMs(0), 0);
  assert.equal(drawHoldMs(1000, () => 0.999), 999);
  assert.equal(drawHoldMs(1000, () => 0), 0);
  assert.throws(() => drawHoldMs(-1), /negative/);
  const draws = Array.from({ length: 2000 }, () => drawHoldMs(1000));
  assert.ok(draws.every((d) => Number.isInteger(d) && d >= 0 && d < 1000));
  assert.ok(draws.filter((d) => d < 500).length > 850 && draws.filter((d) => d < 500).length < 1150, 'uniform');
});

test('a code used twice gets the problem\'s detail, and no second cast', async () => {
  const platform = await fakePlatform();
  await vote(fetchOf(platform), platform.id, CODE, RANKING, noHold);
  const error = await vote(fetchOf(platform), platform.id, CODE, RANKING, noHold).catch((e) => e);
  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 409);
  assert.equal(error.message, 'a ballot was already issued for this access code');
  assert.equal(platform.record.length, 1);
});

test('an unknown code is refused with the problem\'s detail', async () => {
  const platform = await fakePlatform();
  await assert.rejects(vote(fetchOf(platform), platform.id, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', RANKING, noHold),
    { name: 'ApiError', status: 403, message: 'that access code is not recognised for this ballot' });
});

test('an unknown ballot is refused with the problem\'s detail', async () => {
  const platform = await fakePlatform();
  await assert.rejects(vote(fetchOf(platform), '00000000-0000-0000-0000-000000000000', CODE, RANKING, noHold),
    { name: 'ApiError', status: 404, message: 'ballot 00000000-0000-0000-0000-000000000000' });
});

test('a bad ranking is refused before the code is spent', async () => {
  const platform = await fakePlatform();
  for (const ranking of [[], ['Nobody'], ['Di Fosse'], ['Bo Diddley', 'Bo Diddley']]) {
    await assert.rejects(vote(fetchOf(platform), platform.id, CODE, ranking, noHold), /candidate|withdrawn|more than once/);
  }
  assert.ok(platform.requests.every((r) => !r.url.endsWith('/credentials')), 'no credential request');
});

test('a wrong answer from the issuer is caught at finalize, and nothing is cast', async () => {
  const platform = await fakePlatform();
  platform.corruptSignatures = true;
  await assert.rejects(vote(fetchOf(platform), platform.id, CODE, RANKING, noHold), /invalid signature/);
  assert.ok(platform.requests.every((r) => !r.url.endsWith('/casts')));
});

test('a tally that answers with a tracker not derived from the token is caught', async () => {
  const platform = await fakePlatform();
  platform.lieAboutTrackers = true;
  const result = await vote(fetchOf(platform), platform.id, CODE, RANKING, noHold);
  assert.equal(result.trackerConfirmed, false);
  assert.equal(result.serverTracker, 'AAAA-BBBB-CCCC-DDDD');
  assert.equal(result.tracker, await trackerFor(platform.id, platform.record[0].token));
});

test('a link with the ballot id in upper case signs and casts under the ballot\'s own id', async () => {
  const platform = await fakePlatform();
  const result = await vote(fetchOf(platform), platform.id.toUpperCase(), CODE, RANKING, noHold);
  assert.equal(result.trackerConfirmed, true);
  assert.equal(platform.requests[2].url, `/api/tally/public/ballots/${platform.id}/casts`);
});

test('the public ballot is read as the Java client reads it (candidates as names or {name})', async () => {
  const platform = await fakePlatform();
  platform.ballot.candidates = platform.ballot.candidates.map((name) => ({ name }));
  const ballot = await fetchBallot(fetchOf(platform), platform.id);
  assert.deepEqual(ballot.candidates, ['Ada Lovelace', 'Bo Diddley', 'Cy Twombly', 'Di Fosse']);
  assert.equal(ballot.key.variant.id, 'RSABSSA-SHA384-PSS-Randomized');
  assert.equal(ballot.closesAt, '2026-05-08T17:00:00Z');
});

test('a closed ballot and an unreachable service are explained in plain words', async () => {
  const platform = await fakePlatform({ status: 'closed' });
  await assert.rejects(vote(fetchOf(platform), platform.id, CODE, RANKING, noHold),
    { status: 409, message: 'the ballot is closed' });
  await assert.rejects(vote(() => Promise.reject(new TypeError('fetch failed')), platform.id, CODE, RANKING, noHold),
    { name: 'ApiError', status: 0, message: /could not be reached/ });
  const html = async () => new Response('<html>bad gateway</html>', { status: 502 });
  await assert.rejects(vote(html, platform.id, CODE, RANKING, noHold), { status: 502, message: /answered 502/ });
});
