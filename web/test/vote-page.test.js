// The Vote page in jsdom against the fake platform: the steps a voter goes through, what each request carries,
// and the page's own rules (no inline script or style, nothing from another origin). Not a browser test: layout,
// focus rings, 320 px and screen readers still need the real browser (README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DEFAULT_HOLD_MAX_MS, trackerFor } from '../src/voter.js';
import { ballotFromPath, codeFromFragment, rankingFromChoices, ordinal } from '../src/ranking.js';
import { checkPage, checkStylesheet } from '../src/csp-check.js';
import { ruleSentences } from '../src/rules.js';
import { fakePlatform } from '../test-support/fake-platform.js';
import { openPage } from '../test-support/page.js';

const CODE = '7K3M-Q9XB-2HRT-V0PD';
const ORIGIN = 'https://selectorate.test';

test('a member follows the link, numbers the candidates, confirms, and gets the tracker', async () => {
  const platform = await fakePlatform();
  const page = await openPage(platform, `${ORIGIN}/vote/${platform.id}#code=${CODE}`);
  const { $, window } = page;

  await page.until(() => page.visible('step-code'), 'the code step');
  assert.equal(window.location.hash, '', 'the code is gone from the address bar and history');
  assert.equal(window.location.href, `${ORIGIN}/vote/${platform.id}`);
  assert.equal($('code').value, CODE, 'the code from the fragment is filled in');
  assert.equal($('title').textContent, 'Hackney South final ballot');
  assert.match($('closes').textContent, /2026/);
  assert.equal($('closes').getAttribute('datetime'), '2026-05-08T17:00:00Z');
  assert.deepEqual([...$('candidate-list').children].map((li) => li.textContent),
    ['Ada Lovelace', 'Bo Diddley', 'Cy Twombly', 'Di Fosse (withdrawn)']);
  const rules = [...$('rule-list').children].map((li) => li.textContent);
  assert.match(rules[0], /alternative vote/);
  assert.ok(rules.some((r) => /at least 6 months/.test(r)), 'the eligibility rule');
  assert.ok(rules.some((r) => /seed 424242/.test(r)), 'the lot\'s seed');
  assert.deepEqual(JSON.parse($('rulebook-json').textContent), platform.ballot.rulebook, 'the rulebook whole');

  page.submit('code-form');
  await page.until(() => page.visible('step-rank'), 'the ranking step');
  assert.equal($('code').value, '', 'the code is cleared once used');
  const selects = [...$('rank-list').querySelectorAll('select')];
  assert.deepEqual(selects.map((s) => s.dataset.candidate), ['Ada Lovelace', 'Bo Diddley', 'Cy Twombly'],
    'withdrawn candidates cannot be numbered');
  for (const s of selects) {
    assert.equal(window.document.querySelector(`label[for="${s.id}"]`).textContent, s.dataset.candidate,
      'each number has its candidate as label');
  }

  page.choose('Bo Diddley', 1);
  page.choose('Ada Lovelace', 2);
  page.submit('rank-form');
  await page.until(() => page.visible('step-confirm'), 'the confirmation');
  assert.deepEqual([...$('confirm-list').children].map((li) => li.textContent),
    ['1st choice: Bo Diddley', '2nd choice: Ada Lovelace']);
  assert.equal(platform.record.length, 0, 'nothing is cast before the voter confirms');

  page.click('change');
  assert.ok(page.visible('step-rank'));
  page.submit('rank-form');
  page.click('cast');
  assert.ok(page.visible('step-sending'));
  assert.equal($('sending-heading').textContent, 'Sending your vote securely…');
  await page.until(() => page.visible('step-done'), 'the tracker');

  assert.equal(platform.record.length, 1);
  assert.deepEqual(platform.record[0].vote, ['Bo Diddley', 'Ada Lovelace']);
  assert.equal($('tracker').textContent, await trackerFor(platform.id, platform.record[0].token));
  assert.ok(!page.visible('tracker-warning'));
  assert.ok(!page.visible('withheld-note'), 'the final ballot\'s record is public as it runs');
  assert.equal(page.waits.length, 1, 'one hold');
  assert.ok(page.waits[0] < DEFAULT_HOLD_MAX_MS);

  page.click('copy');
  await page.until(() => page.$('copy-status').textContent !== '', 'the copy');
  assert.equal(page.$('copy-status').textContent, 'Copied. Paste it somewhere safe.');
  assert.equal(page.clipboard[0], $('tracker').textContent);

  const urls = platform.requests.map((r) => `${r.init.method} ${r.url}`);
  assert.deepEqual(urls, [`GET /api/ballots/public/ballots/${platform.id}`,
    `POST /api/ballots/public/ballots/${platform.id}/credentials`, `POST /api/tally/public/ballots/${platform.id}/casts`]);
  const [, issue, castRequest] = platform.requests;
  assert.equal(JSON.parse(issue.init.body).accessCode, CODE);
  assert.ok(!castRequest.init.body.includes(CODE.replaceAll('-', '')) && !castRequest.init.body.includes(CODE));
  assert.ok(!issue.init.body.includes(platform.record[0].token), 'the token is only in the cast');
  page.window.close();
});

test('a meeting\'s vote says its record is published when the step closes', async () => {
  const platform = await fakePlatform({ candidates: ['Yes', 'No'], withdrawn: [] });
  platform.ballot.kind = 'meeting';
  const page = await openPage(platform, `${ORIGIN}/vote/${platform.id}#code=${CODE}`);
  await page.until(() => page.visible('step-code'), 'the code step');
  page.submit('code-form');
  await page.until(() => page.visible('step-rank'), 'the ranking step');
  page.choose('Yes', 1);
  page.submit('rank-form');
  await page.until(() => page.visible('step-confirm'), 'the confirmation');
  page.click('cast');
  await page.until(() => page.visible('step-done'), 'the tracker');
  assert.deepEqual(platform.record[0].vote, ['Yes']);
  assert.ok(page.visible('withheld-note'));
  page.window.close();
});

test('a typed code that is not one, then one the service does not know: plain words and the problem\'s detail', async () => {
  const platform = await fakePlatform();
  const page = await openPage(platform, `${ORIGIN}/vote/${platform.id}`);
  await page.until(() => page.visible('step-code'), 'the code step');
  assert.equal(page.$('code').value, '');

  page.$('code').value = 'hello';
  page.submit('code-form');
  assert.ok(page.visible('error'));
  assert.match(page.$('error-text').textContent, /does not look like an access code/);
  assert.equal(page.$('code').getAttribute('aria-invalid'), 'true');
  assert.equal(platform.requests.length, 1, 'nothing sent');

  page.$('code').value = 'zzzz zzzz zzzz zzzz';
  page.submit('code-form');
  await page.until(() => /not recognised/.test(page.$('error-text').textContent), 'the detail');
  assert.equal(page.$('error-text').textContent, 'that access code is not recognised for this ballot');
  assert.ok(page.visible('step-code'));
  page.window.close();
});

test('numbers used twice or skipped are explained before anything is sent', async () => {
  const platform = await fakePlatform();
  const page = await openPage(platform, `${ORIGIN}/vote/${platform.id}#code=${CODE}`);
  await page.until(() => page.visible('step-code'), 'the code step');
  page.submit('code-form');
  await page.until(() => page.visible('step-rank'), 'the ranking step');

  page.submit('rank-form');
  assert.match(page.$('rank-problem-list').textContent, /at least one candidate/);
  page.choose('Ada Lovelace', 1);
  page.choose('Bo Diddley', 1);
  page.submit('rank-form');
  assert.match(page.$('rank-problem-list').textContent, /number 1 to more than one candidate \(Ada Lovelace and Bo Diddley\)/);
  page.choose('Bo Diddley', 3);
  page.submit('rank-form');
  assert.match(page.$('rank-problem-list').textContent, /skip 2/);
  assert.ok(page.visible('step-rank'));
  assert.equal(platform.requests.filter((r) => r.url.endsWith('/casts')).length, 0);
  page.window.close();
});

test('an unknown ballot, a closed ballot and a link without a ballot are explained', async () => {
  const platform = await fakePlatform({ status: 'closed' });
  let page = await openPage(platform, `${ORIGIN}/vote/00000000-0000-0000-0000-000000000000`);
  await page.until(() => page.visible('error'), 'the error');
  assert.equal(page.$('error-text').textContent, 'ballot 00000000-0000-0000-0000-000000000000');
  page.window.close();

  page = await openPage(platform, `${ORIGIN}/vote/${platform.id}`);
  await page.until(() => page.visible('error'), 'the error');
  assert.equal(page.$('error-text').textContent, 'Voting in this ballot has closed.');
  assert.ok(!page.visible('step-code'));
  page.window.close();

  page = await openPage(platform, `${ORIGIN}/vote/`);
  await page.until(() => page.visible('error'), 'the error');
  assert.match(page.$('error-text').textContent, /does not name a ballot/);
  assert.equal(platform.requests.length, 2);
  page.window.close();
});

test('the page passes the strict-CSP checks the build runs', async () => {
  const html = await readFile(new URL('../src/vote.html', import.meta.url), 'utf8');
  assert.deepEqual(checkPage('vote.html', html), []);
  assert.deepEqual(checkStylesheet('style.css', await readFile(new URL('../src/style.css', import.meta.url), 'utf8')), []);
  assert.deepEqual(checkPage('bad.html', '<script>x()</script><div style="x" onclick="y"><a href="https://cdn.example/x">'),
    ['bad.html: inline <script>', 'bad.html: style attribute', 'bad.html: event-handler attribute onclick',
      'bad.html: href="https://cdn.example/x" is not a same-origin path']);
  const script = await readFile(new URL('../src/vote-page.js', import.meta.url), 'utf8');
  assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|\.style\b|setAttribute\('style'|eval\(/);
});

test('the rules in plain words, with unknown values named rather than hidden', () => {
  assert.deepEqual(ruleSentences('av', { minimumMonths: 0, arrearsDisqualify: false, tieBreak: 'forwards', seed: 7 })
    .slice(1), [
    'Every member on the roll when it was frozen may vote, however recently they joined.',
    'Members behind with their subscriptions may still vote.',
    'A tie for exclusion is decided by the earliest stage at which the tied candidates had different votes, and by '
      + 'lot if they were level at every stage.',
    'Any lot is drawn from the seed 7, fixed and published before voting began, so anyone can repeat the count and '
      + 'get the same result.',
  ]);
  assert.deepEqual(ruleSentences('stv', { tieBreak: 'coin' }),
    ['Votes are counted by the method “stv”.', 'A tie for exclusion is decided by the rule “coin”.']);
  assert.equal(ruleSentences('av', undefined).length, 1, 'no rulebook: only the method');
});

test('ranking, fragment and path helpers', () => {
  const c = ['A', 'B', 'C'];
  assert.deepEqual(rankingFromChoices(c, new Map([['A', 2], ['B', 1], ['C', 0]])), { ranking: ['B', 'A'], problems: [] });
  assert.deepEqual(rankingFromChoices(c, new Map([['A', 1], ['B', 1], ['C', 3]])).problems.length, 2);
  assert.equal(ordinal(1), '1st');
  assert.equal(ordinal(2), '2nd');
  assert.equal(ordinal(3), '3rd');
  assert.equal(ordinal(11), '11th');
  assert.equal(ordinal(22), '22nd');
  assert.equal(codeFromFragment('#code=7K3M-Q9XB-2HRT-V0PD'), '7K3M-Q9XB-2HRT-V0PD');
  assert.equal(codeFromFragment(''), '');
  assert.equal(ballotFromPath('/vote/0b5c3a2e-8f1d-4c7a-9e21-5d6f0a7b8c9d'), '0b5c3a2e-8f1d-4c7a-9e21-5d6f0a7b8c9d');
  assert.equal(ballotFromPath('/vote/abc/'), 'abc');
  assert.equal(ballotFromPath('/vote/'), null);
  assert.equal(ballotFromPath('/other/abc'), null);
});
