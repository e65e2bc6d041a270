// The console's screens for the steps before the final ballot, in jsdom against a fake Keycloak and gateway: the
// Steps view (open with the deadline, close, the trigger's and nominations' outcomes in words and tables), a started
// meeting (attendance counts, a 409's detail, votes opened, closed and listed with their results), scheduling a
// branch meeting for a step, and an affiliate officer's returns (enter, confirm another officer's, errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PENDING_KEY } from '../src/auth.js';
import {
  collegeSentence, meetingResultWords, route, stepStatusWords, unitVoteWords,
} from '../src/console-api.js';
import { ISSUER, fakeConsole } from '../test-support/fake-console.js';
import { openPage } from '../test-support/page.js';

const ORIGIN = 'http://127.0.0.1:18080';
const SEL = '6f1c2a8e-1b2c-4d5e-8f90-123456789abc';
const MEETING = '7a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d';
const VOTE1 = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const VOTE2 = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const RULEBOOK = { version: 1, minimumMonths: 6, arrearsDisqualify: true, tieBreak: 'backwards', seed: 42,
  noticeLeadHours: 0, mailingQuota: 2, mailingPeriodDays: 7 };
const SELECTION = { id: SEL, constituency: 'L01', region: 'L', title: 'Selection for Hackney South',
  freezeDate: '2026-04-01', rulebook: RULEBOOK,
  candidates: [{ id: 'c1', name: 'Ada Lovelace', withdrawnAt: null }, { id: 'c2', name: 'Bo Diddley', withdrawnAt: null },
    { id: 'c3', name: 'Cy Twombly', withdrawnAt: '2026-04-03T09:00:00Z' }] };
const UNITS = { constituency: 'L01', branches: [{ code: 'B1', name: 'Dalston' }, { code: 'B2', name: 'Homerton' }],
  affiliates: [{ code: 'UNITE-L01', name: 'Unite Hackney', kind: 'union', officers: ['olu', 'pat'] }] };
const MEETING_VIEW = { id: MEETING, selectionId: SEL, title: 'Dalston branch trigger meeting',
  startsAt: '2026-04-10T18:00:00Z', endsAt: '2026-04-10T20:00:00Z', location: 'Dalston Library', sequence: 0,
  status: 'started', branch: 'B1', step: 'trigger' };
const base = `/api/ballots/selections/${SEL}`;

const options = (extra = {}) => ({
  html: 'console.html', script: 'console-page.js', skipWaits: false,
  rewrite: (html) => html.replace('{{issuer}}', ISSUER),
  ...extra,
});

function platformFor(user) {
  return fakeConsole({ user })
    .on('GET', '/api/ballots/selections', { status: 200, body: [SELECTION] })
    .on('GET', base, { status: 200, body: SELECTION })
    .on('GET', '/api/ballots/constituencies/L01/units', { status: 200, body: UNITS })
    .on('GET', `${base}/steps/trigger`, { status: 404, body: { status: 404, detail: 'the trigger step does not exist' } })
    .on('GET', `${base}/steps/nominations`, { status: 404, body: { status: 404, detail: 'not opened' } });
}

async function loggedIn(platform, hash) {
  const pending = { state: 'state-1', nonce: 'nonce-1', verifier: 'v'.repeat(43), redirectUri: `${ORIGIN}/console`,
    returnTo: hash };
  const page = await openPage(platform, `${ORIGIN}/console?state=state-1&session_state=x&code=code-1`, options({
    prepare: (window) => window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending)),
  }));
  await page.until(() => page.visible('who-bar'), 'the login');
  return page;
}

const rows = (page, id) => [...page.$(id).querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent));
const sent = (platform, method, path) => platform.apiRequests().filter((r) => r.method === method && r.path === path);
const conflict = (slug, detail) => ({ status: 409, body: { type: `https://selectorate.org/problems/${slug}`,
  title: 'Conflict with the current state', status: 409, detail } });

test('the words: routes, a step\'s state, a college, a unit\'s vote, and a meeting result only when there is one', () => {
  assert.deepEqual(route(`#/selections/${SEL}/steps`), { view: 'steps', id: SEL });
  assert.deepEqual(route(`#/selections/${SEL}/returns`), { view: 'returns', id: SEL });
  assert.deepEqual(route(`#/selections/${SEL}/meetings/${MEETING.toUpperCase()}`),
    { view: 'meeting', id: SEL, meetingId: MEETING });
  assert.deepEqual(route(`#/selections/${SEL}/meetings/nope`), { view: 'list', id: null });
  const w = (iso) => iso;
  assert.equal(stepStatusWords(null, w), 'Not opened yet.');
  assert.match(stepStatusWords({ openedAt: 'a', openedBy: 'rita', returnsDeadline: 'd' }, w), /due by d\.$/);
  assert.equal(stepStatusWords({ openedAt: 'a', closedAt: 'c', closedBy: 'rita' }, w), 'Closed c by rita.');
  assert.equal(collegeSentence({ college: 'branches', units: 3, voted: 2, forContest: ['B1'], base: 2,
    threshold: '1/3', required: 1, met: true }),
  'Branches: 1 of 2 (of 3) that voted asked for a contest; the threshold 1/3 needs 1: met.');
  assert.equal(unitVoteWords({ voted: false, vote: null }), 'Did not vote');
  assert.equal(unitVoteWords({ voted: true, vote: 'no' }), 'No: against a contest');
  assert.equal(meetingResultWords({ kind: 'yes-no', status: 'closed' }), null);
  assert.deepEqual(meetingResultWords({ kind: 'round', result: { round: 2, totals: { A: 3, B: 1 }, votes: 4,
    outcome: null, eliminated: 'B' } }), { totals: [['A', 3], ['B', 1]],
    lines: ['Round 2.', '4 votes in all.', 'No majority: B is eliminated before the next round.'] });
});

test('Steps: an admin opens the trigger ballot with its returns deadline; a 409 on close shows its detail', async () => {
  let trigger = null;
  const platform = platformFor({ preferred_username: 'rita', realm_access: { roles: ['regional-admin'] }, regions: ['L'] })
    .on('GET', `${base}/steps/trigger`, () => (trigger ? { status: 200, body: trigger }
      : { status: 404, body: { status: 404, detail: 'not opened' } }))
    .on('GET', `${base}/steps/trigger/returns`, { status: 200, body: [] })
    .on('POST', `${base}/steps/trigger/open`, (req) => {
      trigger = { selectionId: SEL, step: 'trigger', returnsDeadline: req.json.returnsDeadline,
        openedAt: '2026-04-02T09:00:00Z', openedBy: 'rita', closedAt: null, closedBy: null, outcome: null };
      return { status: 200, body: trigger };
    })
    .on('POST', `${base}/steps/trigger/close`, conflict('meeting-vote-open',
      'a vote of the meeting Dalston branch trigger meeting is still open'));
  const page = await loggedIn(platform, `#/selections/${SEL}/steps`);
  await page.until(() => page.visible('view-steps') && page.$('trigger-status').textContent, 'the steps');
  assert.equal(page.$('trigger-status').textContent, 'Not opened yet.');
  assert.ok(page.visible('trigger-open-form') && !page.visible('trigger-close'));
  assert.equal(page.window.document.activeElement.id, 'steps-title');

  page.submit('trigger-open-form');
  await page.until(() => page.visible('error'), 'the missing deadline');
  assert.equal(page.$('trigger-deadline').getAttribute('aria-invalid'), 'true');
  assert.equal(sent(platform, 'POST', `${base}/steps/trigger/open`).length, 0, 'nothing sent without a deadline');

  page.$('trigger-deadline').value = '2026-04-20T17:00';
  page.submit('trigger-open-form');
  await page.until(() => page.visible('trigger-close'), 'the open step');
  const [open] = sent(platform, 'POST', `${base}/steps/trigger/open`);
  assert.equal(open.json.returnsDeadline, new Date('2026-04-20T17:00').toISOString());
  assert.match(page.$('trigger-status').textContent, /^Open since .*\(opened by rita\)\. Affiliates' returns are due by /);
  assert.ok(!page.visible('trigger-open-form'));

  page.click('trigger-close');
  await page.until(() => page.visible('error'), 'the 409');
  assert.equal(page.$('error-text').textContent, 'a vote of the meeting Dalston branch trigger meeting is still open');
  assert.equal(page.window.document.activeElement.id, 'error', 'the alert takes focus');
  page.window.close();
});

test('Steps: the trigger\'s published outcome in words and a table of every unit, and the nominations\' shortlist', async () => {
  const outcome = { selection: SEL, step: 'trigger', rule: { preset: '2021' }, triggered: true,
    explanation: 'triggered (either college must reach its threshold): branches 1 of 2 ...',
    units: [{ unit: 'B1', college: 'branches', voted: true, vote: 'yes' },
      { unit: 'B2', college: 'branches', voted: false, vote: null },
      { unit: 'UNITE-L01', college: 'affiliates', voted: true, vote: 'no' }],
    colleges: [{ college: 'branches', units: 2, voted: 1, forContest: ['B1'], base: 1, threshold: '1/2', required: 1, met: true },
      { college: 'affiliates', units: 1, voted: 1, forContest: [], base: 1, threshold: '1/2', required: 1, met: false }],
    returns: [{ affiliate: 'UNITE-L01', vote: 'no', return: 'r1', digest: 'ab12' }] };
  const nominations = { standings: [
    { candidate: 'Ada Lovelace', gender: 'woman', nominations: 1, reached: false,
      colleges: [{ college: 'affiliates', nominations: 1, units: 1, threshold: '1/2', required: 1, met: true },
        { college: 'branches', nominations: 0, units: 2, threshold: '1/2', required: 1, met: false }] },
    { candidate: 'Bo Diddley', gender: 'man', nominations: 2, reached: true,
      colleges: [{ college: 'branches', nominations: 2, units: 2, threshold: '1/2', required: 1, met: true }] }],
  byThreshold: ['Bo Diddley'], added: [{ candidate: 'Ada Lovelace', reason: 'most nominations among women' }],
  shortlist: ['Bo Diddley', 'Ada Lovelace'], explanation: 'shortlisted: Bo Diddley; added: Ada Lovelace' };
  const platform = platformFor({ preferred_username: 'sam', realm_access: { roles: ['scrutineer'] }, constituencies: ['L01'] })
    .on('GET', `${base}/steps/trigger`, { status: 200, body: { selectionId: SEL, step: 'trigger',
      returnsDeadline: '2026-04-20T17:00:00Z', openedAt: '2026-04-02T09:00:00Z', openedBy: 'rita',
      closedAt: '2026-04-21T09:00:00Z', closedBy: 'rita', outcome } })
    .on('GET', `${base}/steps/trigger/returns`, { status: 200, body: [{ id: 'r1', affiliate: 'UNITE-L01', vote: 'no',
      status: 'confirmed', enteredBy: 'olu', confirmedBy: 'pat', digest: 'ab12' }] })
    .on('GET', `${base}/steps/nominations`, { status: 200, body: { selectionId: SEL, step: 'nominations',
      returnsDeadline: '2026-05-01T17:00:00Z', openedAt: '2026-04-22T09:00:00Z', openedBy: 'rita',
      closedAt: '2026-05-02T09:00:00Z', closedBy: 'rita', outcome: nominations } })
    .on('GET', `${base}/steps/nominations/returns`, { status: 200, body: [] });
  const page = await loggedIn(platform, `#/selections/${SEL}/steps`);
  await page.until(() => page.visible('trigger-outcome') && page.visible('nominations-outcome'), 'the outcomes');
  assert.match(page.$('trigger-status').textContent, /^Closed .* by rita\.$/);
  assert.ok(!page.visible('trigger-open-form') && !page.visible('trigger-close'), 'a scrutineer only reads');
  assert.match(page.$('trigger-verdict').textContent, /^Triggered: /);
  assert.deepEqual([...page.$('trigger-colleges').children].map((li) => li.textContent), [
    'Branches: 1 of 1 (of 2) that voted asked for a contest; the threshold 1/2 needs 1: met.',
    'Affiliates: 0 of 1 asked for a contest; the threshold 1/2 needs 1: not met.']);
  assert.deepEqual(rows(page, 'trigger-unit-rows'), [['Dalston (B1)', 'Branches', 'Yes: for a contest'],
    ['Homerton (B2)', 'Branches', 'Did not vote'], ['Unite Hackney (UNITE-L01)', 'Affiliates', 'No: against a contest']]);
  assert.deepEqual(rows(page, 'trigger-return-rows'), [['Unite Hackney (UNITE-L01)', 'No', 'ab12']]);
  assert.deepEqual(rows(page, 'nominations-standing-rows'), [
    ['Ada Lovelace (woman)', '1', 'Affiliates 1 of 1 (1/2 needs 1): reached; Branches 0 of 2 (1/2 needs 1): not reached',
      'Not reached'],
    ['Bo Diddley (man)', '2', 'Branches 2 of 2 (1/2 needs 1): reached', 'Reached']]);
  assert.equal(page.$('nominations-reached').textContent, 'Reached the thresholds: Bo Diddley.');
  assert.equal(page.$('nominations-added').textContent,
    'Added for gender balance: Ada Lovelace (most nominations among women).');
  assert.deepEqual([...page.$('nominations-shortlist').children].map((li) => li.textContent), ['Bo Diddley', 'Ada Lovelace']);
  assert.ok(!page.visible('nominations-returns'));
  page.window.close();
});

test('a started meeting: attendance against the quorum, a 409 not-on-roll shown, votes opened, listed with results and closed', async () => {
  let attending = 9;
  const votes = [
    { id: VOTE1, title: 'Do you want a contest?', status: 'closed', kind: 'meeting', meetingId: MEETING,
      candidates: ['Yes', 'No'], closesAt: '2026-04-10T19:00:00Z', closedAt: '2026-04-10T19:00:00Z',
      result: { round: 1, kind: 'yes-no', totals: { Yes: 7, No: 3 }, votes: 10, outcome: 'yes',
        explanation: 'Yes has a majority of the 10 votes' } },
    { id: VOTE2, title: 'Round 1', status: 'open', kind: 'meeting', meetingId: MEETING,
      candidates: ['Ada Lovelace', 'Bo Diddley'], closesAt: '2026-04-10T19:45:00Z' }];
  const platform = platformFor({ preferred_username: 'morgan', realm_access: { roles: ['procedures-secretary'] },
    constituencies: ['L01'] })
    .on('GET', `${base}/meetings/${MEETING}`, { status: 200, body: MEETING_VIEW })
    .on('GET', `${base}/meetings/${MEETING}/attendance`, () => ({ status: 200, body: { meetingId: MEETING,
      branch: 'B1', rollVersion: 1, attending, quorum: 10, quorate: attending >= 10 } }))
    .on('POST', `${base}/meetings/${MEETING}/attendance`, (req) => {
      if (req.json.membershipNumber === 'M404') {
        return conflict('not-on-roll', 'member M404 is not on roll version 1 of the selection');
      }
      attending += 1;
      return { status: 200, body: { meetingId: MEETING, branch: 'B1', rollVersion: 1, attending, quorum: 10,
        quorate: attending >= 10 } };
    })
    .on('GET', `${base}/meetings/${MEETING}/votes`, () => ({ status: 200, body: votes }))
    .on('POST', `${base}/meetings/${MEETING}/votes`, (req) => ({ status: 201, body: { id: 'v3', title: req.json.question,
      status: 'open', kind: 'meeting', meetingId: MEETING, candidates: req.json.candidates, closesAt: req.json.closesAt } }))
    .on('POST', `${base}/meetings/${MEETING}/votes/${VOTE2}/close`, () => {
      votes[1] = { ...votes[1], status: 'closed', closedAt: '2026-04-10T19:30:00Z' };
      return { status: 200, body: votes[1] };
    });
  const page = await loggedIn(platform, `#/selections/${SEL}/meetings/${MEETING}`);
  await page.until(() => page.visible('view-meeting') && page.$('vote-list').children.length === 2
    && page.$('attendance-count').textContent, 'the meeting');
  assert.equal(page.$('meeting-title').textContent, MEETING_VIEW.title);
  assert.equal(page.$('meeting-branch').textContent, 'members of the Dalston branch (B1) only');
  assert.equal(page.$('meeting-step').textContent, 'the trigger ballot');
  assert.equal(page.$('attendance-count').textContent, '9 members attend; the quorum is 10: not quorate yet.');

  page.$('attendance-number').value = 'M404';
  page.submit('attendance-form');
  await page.until(() => page.visible('error'), 'the 409');
  assert.equal(page.$('error-text').textContent, 'M404 is not registered: member M404 is not on roll version 1 of the selection');
  assert.equal(page.$('attendance-number').getAttribute('aria-invalid'), 'true');
  assert.equal(page.$('attendance-number-error').textContent, page.$('error-text').textContent);
  assert.equal(page.$('attendance-count').textContent, '9 members attend; the quorum is 10: not quorate yet.');

  page.$('attendance-number').value = ' M100 ';
  page.submit('attendance-form');
  await page.until(() => /quorate, votes may open/.test(page.$('attendance-count').textContent), 'the new count');
  assert.deepEqual(sent(platform, 'POST', `${base}/meetings/${MEETING}/attendance`).map((r) => r.json),
    [{ membershipNumber: 'M404' }, { membershipNumber: 'M100' }]);
  assert.equal(page.$('attendance-count').textContent, '10 members attend; the quorum is 10: quorate, votes may open.');
  assert.ok(!page.$('attendance-number').hasAttribute('aria-invalid'));

  const [first, second] = page.$('vote-list').children;
  assert.deepEqual(rows({ $: () => first }, 'x').slice(1), [['Yes', '7'], ['No', '3']]);
  assert.match(first.textContent, /10 votes in all\.Decided: yes\.Yes has a majority/);
  assert.match(second.textContent, /Paper: Ada Lovelace, Bo Diddley; open: attendees are voting/);
  assert.ok(!/Round 1\./.test(first.textContent), 'a yes/no vote is not called a round');

  // A round needs two candidates: nothing is sent until it has them.
  page.$('vote-question').value = 'Round 2';
  page.$('vote-kind-round').checked = true;
  page.$('vote-kind-round').dispatchEvent(new page.window.Event('change'));
  assert.ok(page.visible('vote-candidates'));
  const boxes = [...page.$('vote-candidate-boxes').querySelectorAll('input')];
  assert.deepEqual(boxes.map((b) => b.labels[0].textContent), ['Ada Lovelace', 'Bo Diddley'], 'withdrawn not offered');
  boxes[0].checked = true;
  page.$('vote-closes').value = '2030-04-10T19:45';
  page.submit('vote-form');
  await page.until(() => page.visible('error'), 'the missing candidate');
  assert.deepEqual([...page.$('error-list').children].map((li) => li.textContent), ['Choose two or more candidates for the round.']);
  assert.equal(sent(platform, 'POST', `${base}/meetings/${MEETING}/votes`).length, 0);
  boxes[1].checked = true;
  page.submit('vote-form');
  await page.until(() => /The vote is open/.test(page.$('status').textContent), 'the vote opened');
  assert.deepEqual(sent(platform, 'POST', `${base}/meetings/${MEETING}/votes`)[0].json, { question: 'Round 2', kind: 'round',
    closesAt: new Date('2030-04-10T19:45').toISOString(), candidates: ['Ada Lovelace', 'Bo Diddley'] });

  second.querySelector('button').click();
  await page.until(() => sent(platform, 'POST', `${base}/meetings/${MEETING}/votes/${VOTE2}/close`).length === 1
    && /The result is not published yet/.test(page.$('vote-list').children[1].textContent), 'the close');
  assert.equal(page.$('vote-list').children[1].querySelector('button'), null);
  page.window.close();
});

test('a scheduled meeting is started from its screen; a 409 committee-not-told shows its detail, then it starts', async () => {
  let meeting = { ...MEETING_VIEW, status: 'scheduled' };
  let told = false;
  const platform = platformFor({ preferred_username: 'morgan', realm_access: { roles: ['procedures-secretary'] },
    constituencies: ['L01'] })
    .on('GET', `${base}/meetings/${MEETING}`, () => ({ status: 200, body: meeting }))
    .on('GET', `${base}/meetings/${MEETING}/votes`, { status: 200, body: [] })
    .on('GET', `${base}/meetings/${MEETING}/attendance`, { status: 200, body: { meetingId: MEETING, branch: 'B1',
      rollVersion: 1, attending: 0, quorum: 0, quorate: true } })
    .on('POST', `${base}/meetings/${MEETING}/start`, () => {
      if (!told) {
        told = true;
        return conflict('committee-not-told', 'not every committee member has been told of the meeting: Morgan Hale');
      }
      meeting = { ...meeting, status: 'started' };
      return { status: 200, body: meeting };
    });
  const page = await loggedIn(platform, `#/selections/${SEL}/meetings/${MEETING}`);
  await page.until(() => page.visible('meeting-start'), 'the start button');
  assert.ok(!page.visible('attendance-form') && !page.visible('vote-form'), 'nothing to register before the start');
  assert.equal(page.$('attendance-count').textContent, 'Attendance is registered once the meeting has started.');
  page.click('meeting-start');
  await page.until(() => page.visible('error'), 'the 409');
  assert.equal(page.$('error-text').textContent, 'not every committee member has been told of the meeting: Morgan Hale');
  page.click('meeting-start');
  await page.until(() => page.visible('attendance-form'), 'the started meeting');
  assert.ok(!page.visible('meeting-start') && page.visible('vote-form'));
  assert.equal(page.$('attendance-count').textContent, '0 members attend. The rulebook sets no quorum.');
  page.window.close();
});

test('scheduling a branch meeting for a step: branches from the units, both sent', async () => {
  const platform = platformFor({ preferred_username: 'morgan', realm_access: { roles: ['procedures-secretary'] },
    constituencies: ['L01'] })
    .on('GET', `/api/membership/selections/${SEL}/roll`, { status: 404, body: { status: 404, detail: 'no roll' } })
    .on('GET', `${base}/electorate`, { status: 200, body: { version: null } })
    .on('GET', `${base}/committee`, { status: 200, body: [] })
    .on('GET', `/api/notifications/selections/${SEL}/notices`, { status: 200, body: [] })
    .on('GET', `${base}/proposals`, { status: 200, body: [] })
    .on('GET', `${base}/ballots`, { status: 200, body: [] })
    .on('GET', `${base}/meetings`, { status: 200, body: [MEETING_VIEW] })
    .on('POST', `${base}/meetings`, (req) => ({ status: 201, body: { id: 'm2', ...req.json, status: 'scheduled' } }));
  const page = await loggedIn(platform, `#/selections/${SEL}`);
  await page.until(() => page.$('mt-branch').options.length === 3 && page.$('meeting-list').children.length === 1,
    'the branches and the timetable');
  assert.equal(page.$('meeting-list').querySelector('a').getAttribute('href'), `#/selections/${SEL}/meetings/${MEETING}`);
  assert.equal(page.$('sel-steps-link').getAttribute('href'), `#/selections/${SEL}/steps`);
  assert.deepEqual([...page.$('mt-branch').options].map((o) => o.textContent).slice(1), ['Dalston (B1)', 'Homerton (B2)']);
  page.$('mt-title').value = 'Homerton branch nominations meeting';
  page.$('mt-starts').value = '2030-04-10T18:00';
  page.$('mt-ends').value = '2030-04-10T20:00';
  page.$('mt-location').value = 'Homerton Library';
  page.$('mt-branch').value = 'B2';
  page.$('mt-step').value = 'nominations';
  page.submit('meeting-form');
  await page.until(() => sent(platform, 'POST', `${base}/meetings`).length === 1, 'the meeting sent');
  const { json } = sent(platform, 'POST', `${base}/meetings`)[0];
  assert.equal(json.branch, 'B2');
  assert.equal(json.step, 'nominations');
  page.window.close();
});

test('an affiliate officer: to the returns by id, confirms another officer\'s return, and sees a 409 when entering one', async () => {
  const returns = [{ id: 'r1', selectionId: SEL, step: 'trigger', affiliate: 'UNITE-L01', vote: 'yes', status: 'pending',
    enteredBy: 'olu', enteredAt: '2026-04-05T10:00:00Z' }];
  const platform = platformFor({ preferred_username: 'pat', realm_access: { roles: ['affiliate-officer'] },
    affiliates: ['UNITE-L01'] })
    .on('GET', base, { status: 403, body: { status: 403, detail: 'forbidden' } })
    .on('GET', `${base}/steps/trigger/returns`, () => ({ status: 200, body: returns }))
    .on('GET', `${base}/steps/nominations/returns`, { status: 404, body: { status: 404, detail: 'not opened' } })
    .on('POST', `${base}/steps/trigger/returns/r1/confirm`, () => {
      Object.assign(returns[0], { status: 'confirmed', confirmedBy: 'pat', digest: 'cd34' });
      return { status: 200, body: returns[0] };
    })
    .on('POST', `${base}/steps/trigger/returns`, conflict('return-exists', 'UNITE-L01 has a return for the trigger step'));
  const page = await loggedIn(platform, '');
  await page.until(() => page.visible('returns-go'), 'the returns form');
  assert.equal(platform.apiRequests().length, 0, 'no selections asked for: an affiliate officer reads none');
  assert.match(page.$('who-text').textContent, /\(affiliate officer\)/);

  page.$('returns-go-id').value = 'not-an-id';
  page.submit('returns-go');
  assert.ok(page.visible('error'));
  assert.equal(page.$('returns-go-id').getAttribute('aria-invalid'), 'true');
  page.$('returns-go-id').value = SEL.toUpperCase();
  page.submit('returns-go');
  await page.until(() => page.visible('returns-table'), 'the returns');
  assert.equal(page.$('returns-step-words').textContent,
    'Returns for the trigger ballot, for the affiliates you are an officer of.');
  assert.deepEqual([...page.$('return-affiliate').options].map((o) => o.value), ['UNITE-L01']);
  assert.ok(page.visible('return-trigger-choice') && !page.visible('return-nomination-choice'));
  assert.deepEqual(rows(page, 'returns-rows'), [['UNITE-L01', 'Yes: for a contest', 'Waiting for confirmation', 'olu',
    'Confirm UNITE-L01\'s return']]);

  page.$('returns-rows').querySelector('button').click();
  await page.until(() => /confirmed and counts/.test(page.$('status').textContent), 'the confirmation');
  await page.until(() => rows(page, 'returns-rows')[0]?.[2] === 'Confirmed by pat', 'the confirmed row');
  assert.deepEqual(rows(page, 'returns-rows'), [['UNITE-L01', 'Yes: for a contest', 'Confirmed by pat', 'olu', 'cd34']]);

  page.submit('return-form');
  await page.until(() => page.visible('error'), 'no vote chosen');
  assert.equal(page.$('error-text').textContent, 'Choose yes or no.');
  page.$('return-no').checked = true;
  page.submit('return-form');
  await page.until(() => page.$('error-text').textContent.includes('has a return'), 'the 409');
  assert.equal(page.$('error-text').textContent, 'UNITE-L01 has a return for the trigger step');
  assert.deepEqual(sent(platform, 'POST', `${base}/steps/trigger/returns`)[0].json, { affiliate: 'UNITE-L01', vote: 'no' });
  page.window.close();
});

test('an affiliate officer\'s nomination: the candidate typed (or suggested) and sent', async () => {
  const platform = platformFor({ preferred_username: 'olu', realm_access: { roles: ['affiliate-officer'] },
    affiliates: ['UNITE-L01'] })
    .on('GET', `${base}/steps/trigger/returns`, { status: 200, body: [] })
    .on('GET', `${base}/steps/nominations/returns`, { status: 200, body: [] })
    .on('POST', `${base}/steps/nominations/returns`, (req) => ({ status: 200, body: { id: 'r2', ...req.json,
      status: 'pending', enteredBy: 'olu' } }));
  const page = await loggedIn(platform, `#/selections/${SEL}/returns`);
  await page.until(() => page.visible('return-nomination-choice'), 'the nominations form');
  assert.ok(page.visible('returns-none'));
  assert.deepEqual([...page.$('return-candidates').options].map((o) => o.value), ['Ada Lovelace', 'Bo Diddley']);
  page.$('return-candidate').value = 'Ada Lovelace';
  page.submit('return-form');
  await page.until(() => /must confirm it/.test(page.$('status').textContent), 'the return entered');
  assert.deepEqual(sent(platform, 'POST', `${base}/steps/nominations/returns`)[0].json,
    { affiliate: 'UNITE-L01', vote: 'Ada Lovelace' });
  page.window.close();
});
