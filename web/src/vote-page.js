// The Vote page, /vote/{ballot}: access code (from the link's fragment, or typed), a ballot paper made on this
// device (RFC 9474, see voter.js), the voter's numbers, a confirmation, the cast after a random hold, the tracker.
// No inline script or style (CSP script-src 'self'); every text goes in with textContent.

import { ApiError, DEFAULT_HOLD_MAX_MS, cast, drawHoldMs, fetchBallot, grouped, readTyped, redeem, trackerFor }
  from './voter.js';
import { ballotFromPath, codeFromFragment, ordinal, rankingFromChoices } from './ranking.js';
import { $, clearError, el, explain, showError, when } from './page-kit.js';
import { ruleSentences } from './rules.js';

const STEPS = ['step-code', 'step-rank', 'step-confirm', 'step-sending', 'step-done'];
const api = (url, init) => window.fetch(url, init);
const state = { ballot: null, held: null, ranking: [], sending: false, cast: false };

// ------------------------------------------------------------------------------------------------ helpers

function show(stepId, { focus = true } = {}) {
  for (const id of STEPS) {
    $(id).hidden = id !== stepId;
  }
  if (focus) {
    $(stepId).querySelector('h2').focus();
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rankable() {
  return state.ballot.candidates.filter((c) => !state.ballot.withdrawn.includes(c));
}

// ------------------------------------------------------------------------------------------------ the ballot

function renderBallot(ballot) {
  document.title = `Vote: ${ballot.title} – Selectorate`;
  $('title').textContent = ballot.title || 'Your ballot';
  if (ballot.closesAt) {
    $('closes').dateTime = ballot.closesAt;
    $('closes').textContent = when(ballot.closesAt);
  }
  const list = $('candidate-list');
  list.replaceChildren(...ballot.candidates.map((name) => el('li',
    ballot.withdrawn.includes(name) ? `${name} (withdrawn)` : name)));
  if (ballot.withdrawn.length > 0) {
    $('withdrawn-note').textContent = 'A candidate marked withdrawn has left the contest and cannot be given a number.';
    $('withdrawn-note').hidden = false;
  }
  $('rule-list').replaceChildren(...ruleSentences(ballot.method, ballot.rulebook).map((s) => el('li', s)));
  $('rulebook-json').textContent = JSON.stringify(ballot.rulebook ?? {}, null, 2);
  $('about').hidden = false;
}

function renderRanking() {
  const names = rankable();
  const items = names.map((name, i) => {
    const li = el('li', null, 'rank-item');
    const label = el('label', name, 'rank-name');
    label.htmlFor = `rank-${i}`;
    const select = el('select', null, 'rank-number');
    select.id = `rank-${i}`;
    select.dataset.candidate = name;
    select.append(new Option('No number', '0'));
    for (let n = 1; n <= names.length; n++) {
      select.append(new Option(`${n}${n === 1 ? ' (first choice)' : ''}`, String(n)));
    }
    li.append(label, select);
    return li;
  });
  $('rank-list').replaceChildren(...items);
}

function choices() {
  const map = new Map();
  for (const select of $('rank-list').querySelectorAll('select')) {
    map.set(select.dataset.candidate, Number(select.value));
  }
  return map;
}

// ------------------------------------------------------------------------------------------------ steps

async function onCode(event) {
  event.preventDefault();
  clearError();
  const typed = $('code').value;
  const symbols = readTyped(typed, 16);
  if (symbols == null) {
    showError('That does not look like an access code. It has 16 letters and numbers, like 7K3M-Q9XB-2HRT-V0PD.');
    $('code').setAttribute('aria-invalid', 'true');
    return;
  }
  $('code').removeAttribute('aria-invalid');
  const button = $('code-submit');
  button.disabled = true;
  button.textContent = 'Getting your ballot paper…';
  try {
    state.held = await redeem(api, state.ballot, grouped(symbols));
    $('code').value = '';
    renderRanking();
    show('step-rank');
  } catch (e) {
    showError(explain(e));
  } finally {
    button.disabled = false;
    button.textContent = 'Get my ballot paper';
  }
}

function onRank(event) {
  event.preventDefault();
  clearError();
  const { ranking, problems } = rankingFromChoices(rankable(), choices());
  if (problems.length > 0) {
    $('rank-problem-list').replaceChildren(...problems.map((p) => el('li', p)));
    $('rank-problems').hidden = false;
    $('rank-problems').focus();
    return;
  }
  $('rank-problems').hidden = true;
  state.ranking = ranking;
  $('confirm-list').replaceChildren(...ranking.map((name, i) => {
    const li = el('li');
    li.append(el('span', `${ordinal(i + 1)} choice: `, 'choice-number'), el('strong', name));
    return li;
  }));
  show('step-confirm');
}

async function onCast() {
  if (state.sending || state.cast) {
    return;
  }
  clearError();
  state.sending = true;
  show('step-sending');
  try {
    // Hold the ballot paper a uniformly random time before sending, as the reference client does (Voter.Hold).
    await sleep(drawHoldMs(DEFAULT_HOLD_MAX_MS));
    const result = await cast(api, state.held, state.ranking);
    done(result.tracker, result.trackerConfirmed ? null : result.serverTracker);
  } catch (e) {
    if (e instanceof ApiError && e.status === 409 && /credential-used$/.test(e.problem?.type ?? '')) {
      // The vote arrived before (the answer was lost on the way back): the tracker comes from the token.
      done(await trackerFor(state.held.ballot.id, state.held.token), null);
      return;
    }
    showError(`${explain(e)} Your ballot paper is still on this device: you can try again.`);
    show('step-confirm', { focus: false });
  } finally {
    state.sending = false;
  }
}

function done(tracker, serverTracker) {
  state.cast = true;
  state.held = null; // the credential is spent: nothing worth keeping in memory
  $('tracker').textContent = tracker;
  $('record-link').href = `/record/${state.ballot.id}`;
  $('withheld-note').hidden = state.ballot.kind !== 'meeting';
  if (serverTracker) {
    $('server-tracker').textContent = serverTracker;
    $('tracker-warning').hidden = false;
  }
  show('step-done');
}

async function onCopy() {
  const text = $('tracker').textContent;
  try {
    await navigator.clipboard.writeText(text);
    $('copy-status').textContent = 'Copied. Paste it somewhere safe.';
  } catch {
    $('copy-status').textContent = 'Copying did not work here: please write the tracker down.';
  }
}

function onLeave(event) {
  if (state.held && !state.cast) {
    event.preventDefault();
    event.returnValue = ''; // the browser asks "leave this page?": the ballot paper exists only here
  }
}

// ------------------------------------------------------------------------------------------------ start

async function start() {
  $('hold-seconds').textContent = String(Math.round(DEFAULT_HOLD_MAX_MS / 1000));
  const code = codeFromFragment(window.location.hash);
  if (window.location.hash) {
    // The code leaves the address bar and the history at once; it goes only into the credential request.
    window.history.replaceState(null, '', window.location.pathname);
  }
  $('code-form').addEventListener('submit', onCode);
  $('rank-form').addEventListener('submit', onRank);
  $('cast').addEventListener('click', onCast);
  $('change').addEventListener('click', () => show('step-rank'));
  $('copy').addEventListener('click', onCopy);
  window.addEventListener('beforeunload', onLeave);

  const ballotId = ballotFromPath(window.location.pathname);
  if (!ballotId) {
    $('loading').hidden = true;
    showError('This link does not name a ballot. Please use the link in your email.');
    return;
  }
  try {
    state.ballot = await fetchBallot(api, ballotId);
  } catch (e) {
    $('loading').hidden = true;
    showError(explain(e));
    return;
  }
  $('loading').hidden = true;
  renderBallot(state.ballot);
  if (state.ballot.status !== 'open' || !state.ballot.key) {
    showError(state.ballot.status === 'closed' ? 'Voting in this ballot has closed.'
      : `Voting in this ballot has not started yet.${state.ballot.opensAt ? ` It opens ${when(state.ballot.opensAt)}.` : ''}`);
    return;
  }
  $('code').value = code;
  show('step-code', { focus: false });
  $('title').focus();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
