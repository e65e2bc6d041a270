// The Console in jsdom against a fake Keycloak and gateway: the login redirect and callback, a bearer on every API
// call, the list, create with per-field errors, the members import with its report, the freeze, the early close that
// needs a co-signature, and read-only views by role. Not a browser test (README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { challengeS256, PENDING_KEY, REFRESH_KEY } from '../src/auth.js';
import { checkPage } from '../src/csp-check.js';
import { ISSUER, TOKEN_URL, fakeConsole, fakeXhr } from '../test-support/fake-console.js';
import { openPage } from '../test-support/page.js';

const ORIGIN = 'http://127.0.0.1:18080';
const SEL = '6f1c2a8e-1b2c-4d5e-8f90-123456789abc';
const BALLOT = '0b6d1c1e-8d8a-4a77-9d07-2f4f7d3d2a51';
const RULEBOOK = { version: 1, minimumMonths: 6, arrearsDisqualify: true, tieBreak: 'backwards', seed: 42,
  noticeLeadHours: 0, mailingQuota: 2, mailingPeriodDays: 7 };
const SELECTION = { id: SEL, constituency: 'L01', region: 'L', title: 'Selection for Hackney South',
  freezeDate: '2026-04-01', rulebook: RULEBOOK, createdAt: '2026-04-01T09:00:00Z',
  candidates: [{ id: 'c1', name: 'Ada Lovelace', withdrawnAt: null, account: 'ada', agents: ['ada.agent'] },
    { id: 'c2', name: 'Bo Diddley', withdrawnAt: null, account: null, agents: [] }] };

const options = (extra = {}) => ({
  html: 'console.html', script: 'console-page.js', skipWaits: false,
  rewrite: (html) => html.replace('{{issuer}}', ISSUER),
  ...extra,
});

/** A platform with one selection whose ballot is open, as the routes below answer. */
function platformFor(user) {
  const platform = fakeConsole({ user });
  platform
    .on('GET', '/api/ballots/selections', { status: 200, body: [SELECTION] })
    .on('GET', `/api/ballots/selections/${SEL}`, { status: 200, body: SELECTION })
    .on('GET', `/api/membership/selections/${SEL}/roll`, { status: 404, body: { status: 404, detail: 'the roll of selection is not frozen' } })
    .on('GET', `/api/ballots/selections/${SEL}/electorate`, { status: 200, body: { version: null } })
    .on('GET', `/api/ballots/selections/${SEL}/committee`, { status: 200, body: [
      { id: 'm1', name: 'Morgan Hale', email: 'secretary@example.org', role: 'procedures-secretary', appointedAt: '2026-04-02T09:00:00Z' }] })
    .on('GET', `/api/notifications/selections/${SEL}/notices`, { status: 200, body: [
      { noticeId: 'n1', ballotId: BALLOT, kind: 'ballot-scheduled', summary: 'Ballot scheduled', name: 'Morgan Hale',
        role: 'procedures-secretary', recipient: 'secretary@example.org', status: 'delivered',
        deliveredAt: '2026-04-02T10:00:00Z', acknowledgedAt: null }] })
    .on('GET', `/api/ballots/selections/${SEL}/proposals`, { status: 200, body: [] })
    .on('GET', `/api/notifications/selections/${SEL}/mailings`, { status: 200, body: [] })
    .on('GET', `/api/ballots/selections/${SEL}/meetings`, { status: 200, body: [] })
    .on('GET', `/api/ballots/selections/${SEL}/ballots`, { status: 200, body: [{ id: BALLOT, selectionId: SEL,
      title: SELECTION.title, status: 'open', closesAt: '2026-05-08T17:00:00Z' }] })
    .on('GET', `/api/ballots/ballots/${BALLOT}/turnout`, { status: 200, body: { ballotId: BALLOT, status: 'open',
      electorate: 200, issued: { online: 40, postal: 8, 'in-person': 2 }, total: 50 } });
  return platform;
}

/** Opens the console as Keycloak's callback with a login started in this tab, as a logged-in user. */
async function loggedIn(platform, hash = '') {
  const pending = { state: 'state-1', nonce: 'nonce-1', verifier: 'v'.repeat(43), redirectUri: `${ORIGIN}/console`,
    returnTo: hash };
  const page = await openPage(platform, `${ORIGIN}/console?state=state-1&session_state=x&code=code-1`, options({
    prepare: (window) => {
      window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
      window.XMLHttpRequest = fakeXhr(platform, window);
    },
  }));
  await page.until(() => page.visible('who-bar'), 'the login');
  return { page, pending };
}

const rows = (page, id) => [...page.$(id).querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent));

test('logged out: the login link is the authorization request with PKCE S256, and nothing is asked of the API', async () => {
  const platform = platformFor();
  const page = await openPage(platform, `${ORIGIN}/console#/selections/${SEL}`, options());
  await page.until(() => page.$('login').href.startsWith(ISSUER), 'the login link');
  assert.ok(page.visible('signed-out'));
  const url = new URL(page.$('login').href);
  const q = Object.fromEntries(url.searchParams);
  const pending = JSON.parse(page.window.sessionStorage.getItem(PENDING_KEY));
  assert.equal(`${url.origin}${url.pathname}`, `${ISSUER}/protocol/openid-connect/auth`);
  assert.equal(q.client_id, 'selectorate-web');
  assert.equal(q.redirect_uri, `${ORIGIN}/console`);
  assert.equal(q.response_type, 'code');
  assert.equal(q.code_challenge_method, 'S256');
  assert.equal(q.code_challenge, await challengeS256(pending.verifier));
  assert.equal(q.state, pending.state);
  assert.equal(q.nonce, pending.nonce);
  assert.equal(pending.returnTo, `#/selections/${SEL}`, 'back to the same selection after the login');
  assert.equal(platform.requests.length, 0);
  page.window.close();
});

test('the page says so when it was not served by the gateway (no issuer)', async () => {
  const page = await openPage(fakeConsole(), `${ORIGIN}/console`, options({ rewrite: (h) => h }));
  await page.until(() => page.visible('error'), 'the error');
  assert.match(page.$('error-text').textContent, /gateway/);
  page.window.close();
});

test('callback: code exchanged with the verifier, removed from the address bar; who is logged in; the list', async () => {
  const platform = platformFor({ preferred_username: 'rita', realm_access: { roles: ['regional-admin'] }, regions: ['L'] });
  const { page, pending } = await loggedIn(platform);
  const { window } = page;
  assert.equal(window.location.href, `${ORIGIN}/console`, 'no code or state left in the address');
  const exchange = platform.requests[0];
  assert.equal(exchange.url, TOKEN_URL);
  assert.equal(exchange.method, 'POST');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(exchange.body)), { grant_type: 'authorization_code',
    code: 'code-1', redirect_uri: `${ORIGIN}/console`, client_id: 'selectorate-web', code_verifier: pending.verifier });
  assert.equal(window.sessionStorage.getItem(PENDING_KEY), null);
  assert.equal(window.sessionStorage.getItem(REFRESH_KEY), 'refresh-1');
  assert.equal(page.$('who-text').textContent, 'Logged in as rita (regional office), region L.');
  const logout = new URL(page.$('logout').href);
  assert.equal(`${logout.origin}${logout.pathname}`, `${ISSUER}/protocol/openid-connect/logout`);
  assert.equal(logout.searchParams.get('post_logout_redirect_uri'), `${ORIGIN}/console`);
  assert.ok(logout.searchParams.get('id_token_hint'));

  await page.until(() => page.visible('view-list'), 'the list');
  assert.deepEqual(rows(page, 'selection-rows'), [[SELECTION.title, 'L01', 'L', '2026-04-01', '2']]);
  assert.equal(page.$('selection-rows').querySelector('a').getAttribute('href'), `#/selections/${SEL}`);
  assert.ok(page.visible('new-selection'), 'admins are offered to create one');
  const requestsBefore = platform.requests.length;
  window.location.hash = '#main'; // the skip link
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(page.visible('view-list'), 'the skip link does not change the view');
  assert.equal(platform.requests.length, requestsBefore);
  window.close();
});

test('the list shows only what the API returns, and every API call carries the bearer token', async () => {
  const platform = platformFor();
  platform.on('GET', '/api/ballots/selections', { status: 200, body: [] });
  const { page } = await loggedIn(platform);
  await page.until(() => page.visible('view-list'), 'the list');
  assert.ok(page.visible('list-empty'));
  assert.equal(page.$('selection-rows').children.length, 0);
  assert.ok(!page.visible('selection-table'));

  page.window.location.hash = `#/selections/${SEL}`;
  await page.until(() => page.visible('ballot-body') && page.visible('turnout'), 'the selection and its ballot');
  const api = platform.apiRequests();
  assert.ok(api.length >= 8);
  const token = platform.accessTokens.at(-1);
  for (const r of api) {
    assert.equal(r.headers.authorization, `Bearer ${token}`, `${r.method} ${r.path}`);
  }
  assert.ok(platform.requests.filter((r) => r.path === TOKEN_URL).every((r) => !r.headers.authorization));
  page.window.close();
});

test('creating a selection: the body sent, and a 400 problem\'s errors shown at their fields', async () => {
  const platform = platformFor();
  platform.on('GET', '/api/ballots/constituencies', { status: 200, body: [{ code: 'L01', name: 'Hackney South', region: 'L' }] });
  platform.on('POST', '/api/ballots/selections', { status: 400, body: { type: 'https://selectorate.org/problems/invalid-request',
    title: 'The request is invalid', status: 400, detail: '3 field(s) are invalid',
    errors: ['minimumMonths: must be less than or equal to 240', 'tieBreak: must be one of backwards, forwards, order, random',
      'title: must not be blank'] } });
  const { page } = await loggedIn(platform, '#/new');
  await page.until(() => page.visible('view-create'), 'the form');
  await page.until(() => page.$('constituency-list').children.length === 1, 'the constituencies');
  page.$('f-constituency').value = 'L01';
  page.$('f-freezeDate').value = '2026-04-01';
  page.$('f-minimumMonths').value = '300';
  page.$('f-seed').value = '9007199254740991';
  page.submit('create-form');
  await page.until(() => page.visible('error'), 'the problem');

  const sent = platform.requests.find((r) => r.method === 'POST' && r.path === '/api/ballots/selections');
  assert.deepEqual(sent.json, { constituency: 'L01', title: '', freezeDate: '2026-04-01',
    rulebook: { arrearsDisqualify: true, tieBreak: 'backwards', minimumMonths: 300, seed: 9007199254740991 } });
  assert.equal(page.$('error-text').textContent, '3 field(s) are invalid');
  for (const [field, text] of [['title', 'Title: must not be blank'],
    ['minimumMonths', 'Minimum months of membership: must be less than or equal to 240'],
    ['tieBreak', 'How a tie is broken: must be one of backwards, forwards, order, random']]) {
    assert.ok(page.visible(`f-${field}-error`), field);
    assert.equal(page.$(`f-${field}-error`).textContent, text);
    assert.equal(page.$(`f-${field}`).getAttribute('aria-invalid'), 'true');
    assert.ok(page.$(`f-${field}`).getAttribute('aria-describedby').includes(`f-${field}-error`));
  }
  assert.ok(!page.visible('f-constituency-error'));
  assert.equal(page.$('error-list').children.length, 3);
  assert.equal(page.window.document.activeElement, page.$('error'));

  platform.on('POST', '/api/ballots/selections', { status: 201, body: { ...SELECTION } });
  page.$('f-title').value = SELECTION.title;
  page.$('f-minimumMonths').value = '';
  page.submit('create-form');
  await page.until(() => page.window.location.hash === `#/selections/${SEL}`, 'the new selection');
  await page.until(() => page.visible('view-selection'), 'the selection');
  assert.equal(page.$('sel-title').textContent, SELECTION.title);
  page.window.close();
});

test('a members file with bad rows: uploaded with progress, the report shown, and nothing imported said plainly', async () => {
  const platform = platformFor();
  const report = { rows: 3, imported: 0, rejected: 2, errors: [
    { line: 2, field: 'email', reason: 'must be an email address' },
    { line: 4, field: 'joined', reason: 'must be an ISO date (YYYY-MM-DD)' }] };
  platform.on('POST', '/api/membership/constituencies/L01/members', { status: 422, body: {
    type: 'https://selectorate.org/problems/invalid-rows', title: 'The file has invalid rows', status: 422,
    detail: '2 of 3 rows are invalid; nothing was imported (send ?acceptValid=true to import the valid rows)', ...report } });
  const { page } = await loggedIn(platform, `#/selections/${SEL}`);
  await page.until(() => page.visible('view-selection'), 'the selection');
  assert.ok(page.visible('members'));

  page.submit('import-form');
  assert.match(page.$('error-text').textContent, /Choose the members file/);

  const csv = 'membership_number,first_name,last_name,email,phone,address,branch,joined,status,arrears\n'
    + 'L01-1,Ada,L,not-an-email,,,L01-B1,2020-01-01,active,false\n';
  const file = new page.window.File([csv], 'members.csv', { type: 'text/csv' });
  Object.defineProperty(page.$('csv-file'), 'files', { value: [file], configurable: true });
  page.submit('import-form');
  await page.until(() => page.visible('import-report'), 'the report');

  const upload = platform.requests.find((r) => r.via === 'xhr');
  assert.equal(upload.method, 'POST');
  assert.equal(upload.url, '/api/membership/constituencies/L01/members');
  assert.equal(upload.headers['content-type'], 'text/csv');
  assert.equal(upload.headers.authorization, `Bearer ${platform.accessTokens.at(-1)}`);
  assert.equal(upload.body, csv);
  assert.equal(page.$('import-outcome').textContent,
    'Nothing was imported: 2 of 3 rows are wrong. Fix the rows below and upload the whole file again.');
  assert.equal(page.$('import-rows').textContent, '3');
  assert.equal(page.$('import-imported').textContent, '0');
  assert.equal(page.$('import-rejected').textContent, '2');
  assert.deepEqual(rows(page, 'import-error-rows'), [['2', 'email', 'must be an email address'],
    ['4', 'joined', 'must be an ISO date (YYYY-MM-DD)']]);
  assert.ok(!page.visible('import-progress-box'));
  assert.equal(page.window.document.activeElement, page.$('import-report'));

  platform.on('POST', '/api/membership/constituencies/L01/members', { status: 200,
    body: { rows: 3, imported: 3, rejected: 0, errors: [] } });
  page.submit('import-form');
  await page.until(() => /^Imported 3 members/.test(page.$('import-outcome').textContent), 'the second report');
  assert.ok(!page.visible('import-errors'));
  page.window.close();
});

test('freezing the roll shows the electorate and the root', async () => {
  const platform = platformFor();
  const root = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
  platform.on('POST', `/api/membership/selections/${SEL}/roll/freeze`, { status: 201, body: { selectionId: SEL,
    constituency: 'L01', version: 1, root, electorate: 187, perBranch: { 'L01-B1': 187 }, freezeDate: '2026-04-01',
    frozenAt: '2026-04-03T09:00:00Z', changed: 0 } });
  const { page } = await loggedIn(platform, `#/selections/${SEL}`);
  await page.until(() => page.visible('view-selection') && page.visible('freeze'), 'the freeze button');
  assert.ok(page.visible('roll-none'));
  page.click('freeze');
  await page.until(() => page.visible('roll-facts'), 'the frozen roll');
  assert.equal(page.$('roll-root').textContent, root);
  assert.equal(page.$('roll-electorate').textContent, '187');
  assert.equal(page.$('status').textContent, `The roll is frozen: 187 electors, root ${root}.`);
  assert.ok(!page.visible('freeze'));
  const freeze = platform.requests.find((r) => r.path.endsWith('/roll/freeze'));
  assert.equal(freeze.method, 'POST');
  page.window.close();
});

test('no ballot yet: an admin schedules it and the console shows the one ballot-service names', async () => {
  const platform = platformFor();
  const scheduled = [];
  platform.on('GET', `/api/ballots/selections/${SEL}/ballots`, () => ({ status: 200, body: scheduled }));
  platform.on('POST', `/api/ballots/selections/${SEL}/ballots`, (req) => {
    scheduled.push({ id: BALLOT, selectionId: SEL, title: SELECTION.title, status: 'draft', closesAt: req.json.closesAt });
    return { status: 201, body: scheduled[0] };
  });
  const { page } = await loggedIn(platform, `#/selections/${SEL}`);
  await page.until(() => page.visible('schedule-form'), 'the schedule form');
  assert.ok(page.visible('ballot-none'));
  page.submit('schedule-form');
  await page.until(() => page.visible('error'), 'the missing closing time');
  assert.equal(page.$('closes-at').getAttribute('aria-invalid'), 'true');
  page.$('closes-at').value = '2026-05-08T17:00';
  page.submit('schedule-form');
  await page.until(() => page.visible('ballot-body'), 'the scheduled ballot');
  assert.equal(page.$('ballot-ident').textContent, BALLOT);
  assert.ok(page.visible('open-ballot') && !page.visible('schedule-form'));
  assert.ok(!page.visible('ballot-pages'), 'a draft ballot has no public pages yet');
  assert.equal(platform.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/ballots')).length, 1);
  page.window.close();
});

test('a meeting scheduled from the timetable: both times required, the body sent, the list reloaded', async () => {
  const platform = platformFor({ preferred_username: 'morgan', realm_access: { roles: ['procedures-secretary'] },
    constituencies: ['L01'] });
  const meetings = [];
  platform.on('GET', `/api/ballots/selections/${SEL}/meetings`, () => ({ status: 200, body: meetings }));
  platform.on('POST', `/api/ballots/selections/${SEL}/meetings`, (req) => {
    meetings.push({ id: 'mt1', ...req.json, status: 'scheduled', sequence: 0 });
    return { status: 201, body: meetings[0] };
  });
  const { page } = await loggedIn(platform, `#/selections/${SEL}`);
  await page.until(() => page.visible('meeting-form'), 'the meeting form for the secretary');
  assert.ok(!page.visible('committee-form') && !page.visible('members'), 'a secretary appoints and imports nothing');
  page.$('mt-title').value = 'Hustings';
  page.$('mt-location').value = 'Town hall';
  page.$('mt-starts').value = '2026-05-02T18:00';
  page.submit('meeting-form');
  await page.until(() => page.visible('error'), 'the missing end');
  assert.equal(page.$('mt-ends').getAttribute('aria-invalid'), 'true');
  assert.ok(!page.$('mt-starts').hasAttribute('aria-invalid'));
  assert.equal(platform.apiRequests().filter((r) => r.method === 'POST').length, 0, 'nothing sent');
  page.$('mt-ends').value = '2026-05-02T20:00';
  page.submit('meeting-form');
  await page.until(() => page.$('meeting-list').children.length === 1, 'the meeting listed');
  const sent = platform.requests.find((r) => r.method === 'POST' && r.path.endsWith('/meetings')).json;
  assert.deepEqual(Object.keys(sent).sort(), ['endsAt', 'location', 'startsAt', 'title']);
  assert.equal(new Date(sent.endsAt).getTime() - new Date(sent.startsAt).getTime(), 2 * 3600 * 1000);
  assert.match(page.$('meeting-list').textContent, /Hustings: .* Town hall/);
  page.window.close();
});

test('an early close needs a scrutineer: the proposal and its digest are shown', async () => {
  const platform = platformFor();
  const proposal = { id: '3c1d8f9e-2a4b-4c6d-8e0f-1a2b3c4d5e6f', href: '/api/ballots/proposals/3c1d8f9e-2a4b-4c6d-8e0f-1a2b3c4d5e6f',
    kind: 'close-ballot', status: 'pending', digest: 'a'.repeat(64), proposedBy: 'hq.admin', proposerRole: 'hq-admin',
    proposedAt: '2026-04-05T09:00:00Z', reason: 'every member has voted', canonical: '{"kind":"close-ballot"}' };
  platform.on('POST', `/api/ballots/ballots/${BALLOT}/close`, (req) => (req.json?.reason
    ? { status: 409, body: { type: 'https://selectorate.org/problems/cosign-required', title: 'A second person must co-sign',
      status: 409, detail: `closing before closesAt: proposal ${proposal.id} awaits a scrutineer's co-signature`, proposal } }
    : { status: 400, body: { status: 400, detail: 'closing before closesAt needs a second person; a proposal needs a reason',
      errors: ['reason: must not be blank'] } }));
  const { page } = await loggedIn(platform, `#/selections/${SEL}`);
  await page.until(() => page.visible('ballot-body') && page.visible('turnout'), 'the ballot');
  assert.equal(page.$('ballot-ident').textContent, BALLOT, 'the selection\'s ballot, as ballot-service names it');
  assert.equal(page.$('ballot-record-link').getAttribute('href'), `/record/${BALLOT}`);
  assert.equal(page.$('turnout-total').textContent, '50 (25%)');
  assert.equal(page.$('turnout-online').textContent, '40');
  assert.ok(page.visible('close-form'));
  assert.ok(!page.visible('open-ballot'));

  page.submit('close-form');
  await page.until(() => page.visible('error'), 'the missing reason');
  assert.match(page.$('error-text').textContent, /needs a reason/);
  assert.equal(page.$('close-reason').getAttribute('aria-invalid'), 'true');

  page.$('close-reason').value = 'every member has voted';
  page.submit('close-form');
  await page.until(() => page.visible('cosign-needed'), 'the co-sign message');
  assert.equal(page.$('cosign-needed').querySelector('h4').textContent, 'A scrutineer must co-sign');
  assert.equal(page.$('cosign-id').textContent, proposal.id);
  assert.equal(page.$('cosign-digest').textContent, proposal.digest);
  assert.match(page.$('cosign-text').textContent, /Nothing is closed yet/);
  const close = platform.requests.filter((r) => r.path.endsWith('/close')).at(-1);
  assert.deepEqual(close.json, { reason: 'every member has voted' });
  page.window.close();
});

test('a scrutineer sees the selection read-only and co-signs a proposal with its digest', async () => {
  const platform = platformFor({ preferred_username: 'sam', realm_access: { roles: ['scrutineer'] }, constituencies: ['L01'] });
  const proposal = { id: '3c1d8f9e-2a4b-4c6d-8e0f-1a2b3c4d5e6f', kind: 'close-ballot', status: 'pending',
    digest: 'b'.repeat(64), proposedBy: 'hq.admin', proposerRole: 'hq-admin', proposedAt: '2026-04-05T09:00:00Z',
    reason: 'every member has voted', canonical: '{"kind":"close-ballot"}' };
  platform.on('GET', `/api/ballots/selections/${SEL}/proposals`, { status: 200, body: [proposal] });
  platform.on('GET', `/api/membership/selections/${SEL}/roll`, { status: 403, body: { status: 403, detail: 'your role does not allow this action' } });
  platform.on('POST', `/api/ballots/proposals/${proposal.id}/cosign`, { status: 200, body: { ...proposal, status: 'done' } });
  const { page } = await loggedIn(platform, `#/selections/${SEL}`);
  await page.until(() => page.visible('view-selection') && page.$('proposal-list').children.length === 1, 'the proposal');
  assert.ok(page.visible('sel-readonly'));
  for (const id of ['members', 'candidate-form', 'committee-form', 'freeze', 'schedule-form']) {
    assert.ok(!page.visible(id), `${id} is hidden`);
  }
  await page.until(() => page.visible('ballot-body'), 'the ballot');
  assert.ok(!page.visible('ballot-actions'));
  assert.equal(page.$('roll').querySelector('.section-problem').textContent, 'your role does not allow this action',
    'a refusal is shown as its detail');
  const form = page.$('proposal-list').querySelector('form');
  form.querySelector('input').value = 'checked with the returning officer';
  form.dispatchEvent(new page.window.Event('submit', { bubbles: true, cancelable: true }));
  await page.until(() => platform.requests.some((r) => r.path.endsWith('/cosign')), 'the co-signature');
  const cosign = platform.requests.find((r) => r.path.endsWith('/cosign'));
  assert.deepEqual(cosign.json, { reason: 'checked with the returning officer', digest: proposal.digest });
  page.window.close();
});

test('a candidate sees turnout and their remaining mailings', async () => {
  const platform = platformFor({ preferred_username: 'ada', realm_access: { roles: ['candidate'] }, constituencies: ['L01'] });
  const recent = new Date(Date.now() - 86_400_000).toISOString();
  platform.on('GET', `/api/notifications/selections/${SEL}/mailings`, { status: 200, body: [
    { id: 'x', selectionId: SEL, candidate: 'Ada Lovelace', sentBy: 'ada', sentAt: recent, subject: 'Hello', body: '…', recipients: 187 }] });
  platform.on('GET', `/api/ballots/selections/${SEL}/proposals`, { status: 403, body: { status: 403, detail: 'no' } });
  const { page } = await loggedIn(platform, `#/selections/${SEL}`);
  await page.until(() => page.$('quota').textContent !== '', 'the quota');
  assert.equal(page.$('quota').textContent,
    'You may send 1 more mailing for Ada Lovelace now (each candidate has 2 in any 7 days).');
  assert.deepEqual(rows(page, 'mailing-rows').map((r) => r.slice(1)), [['Ada Lovelace (sent by ada)', 'Hello', '187']]);
  assert.ok(!page.visible('proposals'));
  assert.ok(!page.visible('committee'));
  assert.ok(!platform.requests.some((r) => r.path.endsWith('/proposals') || r.path.endsWith('/notices')));
  page.window.close();
});

test('console.html passes the strict-CSP checks and keeps the issuer placeholder for the gateway', async () => {
  const html = await readFile(new URL('../src/console.html', import.meta.url), 'utf8');
  assert.deepEqual(checkPage('console.html', html), []);
  assert.ok(html.includes('<meta name="selectorate-oidc-issuer" content="{{issuer}}">'));
  for (const m of html.matchAll(/<(input|select)\b[^>]*\bid="([^"]+)"/g)) {
    assert.ok(html.includes(`for="${m[2]}"`), `${m[2]} has a label`);
  }
});
