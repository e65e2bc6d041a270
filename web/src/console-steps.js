// The console's screens for the steps before the final ballot (issue 13):
//   #/selections/{id}/steps                the trigger ballot and nominations: open with the returns deadline,
//                                          close, and the published outcomes in words and tables
//   #/selections/{id}/meetings/{meetingId} a meeting, started here: attendance by membership number (counts against
//                                          the quorum, never the list) and its secret votes (yes/no, or a round
//                                          of an exhaustive ballot), opened, closed and listed with their results
//   #/selections/{id}/returns              an affiliate officer: their affiliates' returns for the open step,
//                                          entered by one officer and confirmed by another
// The page's shared parts (api, messages, busy buttons, local times) come in `ctx` from console-page.js.

import {
  collegeSentence, collegeWords, meetingResultWords, stepStatusWords, triggerVerdict, unitVoteWords,
} from './console-api.js';
import { $, el, explain, when } from './page-kit.js';

const seg = encodeURIComponent;
const STEPS = ['trigger', 'nominations'];
const STEP_WORDS = { trigger: 'the trigger ballot', nominations: 'nominations' };
const MEETING_STATUS = { scheduled: 'Scheduled', started: 'Started', cancelled: 'Cancelled' };
const VOTE_STATUS = { draft: 'not open yet', open: 'open: attendees are voting', closed: 'closed' };

/** GET that answers null for a 404 (a step not opened yet), and throws anything else. */
async function orNull(ctx, path) {
  try {
    return await ctx.api(path, 200);
  } catch (error) {
    if (error?.status === 404) {
      return null;
    }
    throw error;
  }
}

/** The constituency's units by code ({code: name}), or {} when this role may not read them. */
async function unitNames(ctx, constituency) {
  try {
    const units = await ctx.api(`/api/ballots/constituencies/${seg(constituency)}/units`, 200);
    return Object.fromEntries([...(units.branches ?? []), ...(units.affiliates ?? [])].map((u) => [u.code, u.name]));
  } catch {
    return {};
  }
}

const named = (names, code) => (names[code] ? `${names[code]} (${code})` : code);

// ------------------------------------------------------------------------------------------------ steps

export async function showSteps(ctx, selection, seq) {
  document.title = `Steps – ${selection.title} – Console – Selectorate`;
  $('steps-title').textContent = `Steps before the final ballot: ${selection.title}`;
  $('steps-back').href = `#/selections/${selection.id}`;
  $('view-steps').hidden = false;
  ctx.focusHeading('steps-title');
  const names = await unitNames(ctx, selection.constituency);
  await Promise.all(STEPS.map((name) => loadStep(ctx, selection, name, names, seq)));
}

async function loadStep(ctx, selection, name, names, seq) {
  ctx.sectionProblem(`step-${name}`, null);
  let step;
  let returns = [];
  try {
    step = await orNull(ctx, `/api/ballots/selections/${seg(selection.id)}/steps/${name}`);
    if (step) {
      returns = await ctx.api(`/api/ballots/selections/${seg(selection.id)}/steps/${name}/returns`, 200);
    }
  } catch (error) {
    if (ctx.current(seq)) {
      ctx.sectionProblem(`step-${name}`, error);
    }
    return;
  }
  if (!ctx.current(seq)) {
    return;
  }
  const admin = ctx.can().admin;
  $(`${name}-status`).textContent = stepStatusWords(step, when);
  $(`${name}-open-form`).hidden = !admin || step != null;
  $(`${name}-close`).hidden = !admin || step == null || step.closedAt != null;
  const confirmed = (Array.isArray(returns) ? returns : []).filter((r) => r.status === 'confirmed');
  $(`${name}-return-rows`).replaceChildren(...confirmed.map((r) => {
    const row = el('tr');
    const digest = el('td');
    digest.append(el('code', r.digest ?? ''));
    row.append(el('td', named(names, r.affiliate)), el('td', name === 'trigger' ? triggerReturnWords(r.vote) : r.vote),
      digest);
    return row;
  }));
  $(`${name}-returns`).hidden = confirmed.length === 0;
  const outcome = step?.outcome;
  if (name === 'trigger') {
    showTriggerOutcome(outcome, names);
  } else {
    showNominationsOutcome(outcome);
  }
}

const triggerReturnWords = (vote) => (vote === 'yes' ? 'Yes: for a contest' : vote === 'no' ? 'No' : vote);

function showTriggerOutcome(outcome, names) {
  $('trigger-outcome').hidden = !outcome;
  if (!outcome) {
    return;
  }
  $('trigger-verdict').textContent = triggerVerdict(outcome);
  $('trigger-colleges').replaceChildren(...(outcome.colleges ?? []).map((c) => el('li', collegeSentence(c))));
  $('trigger-why').textContent = outcome.explanation ? `As counted: ${outcome.explanation}` : '';
  $('trigger-unit-rows').replaceChildren(...(outcome.units ?? []).map((u) => {
    const row = el('tr');
    row.append(el('td', named(names, u.unit)), el('td', collegeWords(u.college)), el('td', unitVoteWords(u)));
    return row;
  }));
}

/** The nominations step's outcome (counting's Shortlist.Outcome as published), when the service gives one. */
function showNominationsOutcome(outcome) {
  const standings = Array.isArray(outcome?.standings) ? outcome.standings : null;
  $('nominations-outcome').hidden = !outcome;
  if (!outcome) {
    return;
  }
  $('nominations-standings').hidden = !standings;
  $('nominations-standing-rows').replaceChildren(...(standings ?? []).map((s) => {
    const row = el('tr');
    const byCollege = (s.colleges ?? []).map((c) => `${collegeWords(c.college)} ${c.nominations} of ${c.units} `
      + `(${c.threshold} needs ${c.required}): ${c.met ? 'reached' : 'not reached'}`).join('; ');
    row.append(el('td', s.gender ? `${s.candidate} (${s.gender})` : s.candidate), el('td', String(s.nominations)),
      el('td', byCollege), el('td', s.reached ? 'Reached' : 'Not reached'));
    return row;
  }));
  const reached = Array.isArray(outcome.byThreshold) ? outcome.byThreshold : [];
  $('nominations-reached').textContent = reached.length
    ? `Reached the thresholds: ${reached.join(', ')}.` : 'Nobody reached the thresholds.';
  $('nominations-added').replaceChildren(...(outcome.added ?? []).map((a) => el('li',
    `Added for gender balance: ${a.candidate}${a.reason ? ` (${a.reason})` : ''}.`)));
  const shortlist = (outcome.shortlist ?? []).map((c) => (typeof c === 'string' ? c : c?.name ?? String(c)));
  $('nominations-shortlist').replaceChildren(...shortlist.map((c) => el('li', c)));
  $('nominations-why').textContent = outcome.explanation ? `As counted: ${outcome.explanation}` : '';
}

async function onOpenStep(ctx, name, event) {
  event.preventDefault();
  ctx.clearError();
  const { out, missing } = ctx.instantsOf({ [`${name}-deadline`]: 'returnsDeadline' });
  if (missing.length > 0) {
    ctx.showError('Choose the day and time the affiliates\' returns are due.');
    return;
  }
  await ctx.busy($(`${name}-open`), async () => {
    try {
      const step = await ctx.api(`/api/ballots/selections/${seg(ctx.selection().id)}/steps/${name}/open`, 200, out);
      await ctx.rerender();
      ctx.say(`Opened ${STEP_WORDS[name]}: returns are due by ${when(step.returnsDeadline)}.`);
    } catch (error) {
      ctx.showError(explain(error), error?.problem?.errors ?? []);
    }
  });
}

async function onCloseStep(ctx, name) {
  ctx.clearError();
  await ctx.busy($(`${name}-close`), async () => {
    try {
      const step = await ctx.api(`/api/ballots/selections/${seg(ctx.selection().id)}/steps/${name}/close`, 200, {});
      await ctx.rerender();
      ctx.say(name === 'trigger' && step.outcome ? `The trigger ballot is closed. ${triggerVerdict(step.outcome)}`
        : `Closed ${STEP_WORDS[name]}.`);
    } catch (error) {
      ctx.showError(explain(error));
    }
  });
}

// ------------------------------------------------------------------------------------------------ a meeting

export async function showMeeting(ctx, selection, meetingId, seq) {
  const meeting = await ctx.api(`/api/ballots/selections/${seg(selection.id)}/meetings/${seg(meetingId)}`, 200);
  if (!ctx.current(seq)) {
    return;
  }
  ctx.setMeeting(meeting);
  document.title = `${meeting.title} – ${selection.title} – Console – Selectorate`;
  $('meeting-back').href = `#/selections/${selection.id}`;
  $('meeting-title').textContent = meeting.title;
  $('meeting-when').textContent = `${when(meeting.startsAt)} to ${when(meeting.endsAt)}`;
  $('meeting-where').textContent = meeting.location;
  $('meeting-status').textContent = MEETING_STATUS[meeting.status] ?? meeting.status;
  $('meeting-step').textContent = meeting.step ? STEP_WORDS[meeting.step] ?? meeting.step : 'no step';
  $('meeting-branch').textContent = meeting.branch ? `members of branch ${meeting.branch} only` : 'any elector';
  const runs = ctx.can().runsMeetings && meeting.status === 'started';
  $('meeting-start').hidden = !(ctx.can().runsMeetings && meeting.status === 'scheduled');
  $('attendance-form').hidden = !runs;
  $('vote-form').hidden = !runs;
  $('attendance-number-error').hidden = true;
  $('attendance-number').removeAttribute('aria-invalid');
  candidateBoxes(selection);
  showKind();
  $('view-meeting').hidden = false;
  ctx.focusHeading('meeting-title');
  if (meeting.branch) {
    const names = await unitNames(ctx, selection.constituency);
    if (ctx.current(seq) && names[meeting.branch]) {
      $('meeting-branch').textContent = `members of the ${names[meeting.branch]} branch (${meeting.branch}) only`;
    }
  }
  await Promise.all([loadAttendance(ctx, seq), loadVotes(ctx, seq)]);
}

const meetingPath = (ctx) => `/api/ballots/selections/${seg(ctx.selection().id)}/meetings/${seg(ctx.meeting().id)}`;

function attendanceWords(a) {
  const counted = `${a.attending} ${a.attending === 1 ? 'member attends' : 'members attend'}`;
  if (!a.quorum) {
    return `${counted}. The rulebook sets no quorum.`;
  }
  return `${counted}; the quorum is ${a.quorum}: ${a.quorate ? 'quorate, votes may open' : 'not quorate yet'}.`;
}

/** Starting needs every committee member told of the meeting as it stands (409 committee-not-told names them). */
async function onStartMeeting(ctx) {
  ctx.clearError();
  await ctx.busy($('meeting-start'), async () => {
    try {
      await ctx.api(`${meetingPath(ctx)}/start`, 200, {});
      await ctx.rerender();
      ctx.say('The meeting has started: register each member as they arrive.');
    } catch (error) {
      ctx.showError(explain(error), error?.problem?.errors ?? []);
    }
  });
}

async function loadAttendance(ctx, seq) {
  ctx.sectionProblem('attendance', null);
  if (ctx.meeting().status !== 'started') {
    $('attendance-count').textContent = 'Attendance is registered once the meeting has started.';
    return;
  }
  try {
    const a = await ctx.api(`${meetingPath(ctx)}/attendance`, 200);
    if (ctx.current(seq)) {
      $('attendance-count').textContent = attendanceWords(a);
    }
  } catch (error) {
    if (ctx.current(seq)) {
      $('attendance-count').textContent = '';
      ctx.sectionProblem('attendance', error);
    }
  }
}

async function onAttend(ctx, event) {
  event.preventDefault();
  ctx.clearError();
  const input = $('attendance-number');
  const problem = $('attendance-number-error');
  const number = input.value.trim();
  const fail = (message) => {
    input.setAttribute('aria-invalid', 'true');
    problem.textContent = message;
    problem.hidden = false;
    ctx.showError(message);
  };
  if (!number) {
    fail('Type the member\'s membership number.');
    return;
  }
  await ctx.busy($('attendance-submit'), async () => {
    try {
      const a = await ctx.api(`${meetingPath(ctx)}/attendance`, 200, { membershipNumber: number });
      input.removeAttribute('aria-invalid');
      problem.hidden = true;
      input.value = '';
      $('attendance-count').textContent = attendanceWords(a);
      ctx.say(`Registered ${number} as attending. ${attendanceWords(a)}`);
      input.focus();
    } catch (error) {
      // 409 not-on-roll, other-branch, already-attending…: the service's words, and nothing registered.
      fail(`${number} is not registered: ${explain(error)}`);
    }
  });
}

function candidateBoxes(selection) {
  const standing = (selection.candidates ?? []).filter((c) => !c.withdrawnAt);
  $('vote-candidate-boxes').replaceChildren(...standing.map((c, i) => {
    const row = el('div', null, 'check-row');
    const box = el('input');
    box.type = 'checkbox';
    box.id = `vote-candidate-${i}`;
    box.value = c.name;
    box.name = 'candidates';
    const label = el('label', c.name);
    label.htmlFor = box.id;
    row.append(box, label);
    return row;
  }));
}

function showKind() {
  $('vote-candidates').hidden = !$('vote-kind-round').checked;
}

async function loadVotes(ctx, seq) {
  ctx.sectionProblem('meeting-votes', null);
  try {
    const votes = await ctx.api(`${meetingPath(ctx)}/votes`, 200);
    if (ctx.current(seq)) {
      showVotes(ctx, Array.isArray(votes) ? votes : []);
    }
  } catch (error) {
    if (ctx.current(seq)) {
      ctx.sectionProblem('meeting-votes', error);
    }
  }
}

function showVotes(ctx, votes) {
  const runs = ctx.can().runsMeetings;
  $('vote-list').replaceChildren(...votes.map((v) => {
    const item = el('li', null, 'proposal');
    item.append(el('h4', v.title ?? 'Vote'));
    const paper = (v.candidates ?? []).join(', ');
    item.append(el('p', `${v.candidates?.length === 2 && paper === 'Yes, No' ? 'Yes or no' : `Paper: ${paper}`}; `
      + `${VOTE_STATUS[v.status] ?? v.status}; `
      + (v.closedAt ? `closed ${when(v.closedAt)}.` : `closes ${when(v.closesAt)}.`)));
    const result = meetingResultWords(v);
    if (result) {
      if (result.totals.length) {
        const table = el('table', null, 'data');
        table.append(el('caption', `Result: ${v.title ?? 'vote'}`));
        const head = el('thead');
        const hr = el('tr');
        for (const h of ['Choice', 'Votes']) {
          const th = el('th', h);
          th.scope = 'col';
          hr.append(th);
        }
        head.append(hr);
        const body = el('tbody');
        for (const [option, count] of result.totals) {
          const tr = el('tr');
          tr.append(el('td', option), el('td', String(count)));
          body.append(tr);
        }
        table.append(head, body);
        item.append(table);
      }
      for (const line of result.lines) {
        item.append(el('p', line));
      }
    } else if (v.status === 'closed') {
      item.append(el('p', 'The result is not published yet.'));
    }
    if (runs && v.status === 'open') {
      const close = el('button', 'Close this vote');
      close.type = 'button';
      close.addEventListener('click', () => onCloseVote(ctx, v, close));
      item.append(close);
    }
    return item;
  }));
  $('votes-none').hidden = votes.length > 0;
}

async function onOpenVote(ctx, event) {
  event.preventDefault();
  ctx.clearError();
  const question = $('vote-question').value.trim();
  const kind = $('vote-kind-round').checked ? 'round' : 'yes-no';
  const candidates = [...$('vote-candidate-boxes').querySelectorAll('input:checked')].map((b) => b.value);
  const problems = [];
  if (!question) {
    $('vote-question').setAttribute('aria-invalid', 'true');
    problems.push('Type the question.');
  } else {
    $('vote-question').removeAttribute('aria-invalid');
  }
  if (kind === 'round' && candidates.length < 2) {
    problems.push('Choose two or more candidates for the round.');
  }
  const { out, missing } = ctx.instantsOf({ 'vote-closes': 'closesAt' });
  if (missing.length > 0) {
    problems.push('Choose the day and time voting closes.');
  }
  if (problems.length > 0) {
    ctx.showError('The vote is not open yet.', problems);
    return;
  }
  const body = { question, kind, ...out, ...(kind === 'round' ? { candidates } : {}) };
  await ctx.busy($('vote-submit'), async () => {
    try {
      await ctx.api(`${meetingPath(ctx)}/votes`, 201, body);
      $('vote-form').reset();
      showKind();
      ctx.say(`The vote is open: each attending member is being sent an access code.`);
      await loadVotes(ctx, ctx.seq());
    } catch (error) {
      ctx.showError(explain(error), error?.problem?.errors ?? []);
    }
  });
}

async function onCloseVote(ctx, vote, button) {
  ctx.clearError();
  await ctx.busy(button, async () => {
    try {
      await ctx.api(`${meetingPath(ctx)}/votes/${seg(vote.id)}/close`, 200, {});
      ctx.say(`Closed the vote: ${vote.title ?? ''}.`);
      await loadVotes(ctx, ctx.seq());
    } catch (error) {
      ctx.showError(explain(error));
    }
  });
}

// ------------------------------------------------------------------------------------------------ returns

/**
 * An affiliate officer's returns. They may not read the selection's steps, so the step in progress is the latest
 * whose returns answer (a step not opened answers 404); the service refuses a return to a closed step (409).
 */
export async function showReturns(ctx, selectionId, seq) {
  document.title = 'Affiliate returns – Console – Selectorate';
  $('view-returns').hidden = false;
  ctx.focusHeading('returns-title');
  const found = {};
  for (const name of STEPS) {
    found[name] = await orNull(ctx, `/api/ballots/selections/${seg(selectionId)}/steps/${name}/returns`);
  }
  let candidates = [];
  try {
    candidates = (await ctx.api(`/api/ballots/selections/${seg(selectionId)}`, 200)).candidates ?? [];
  } catch {
    // An affiliate officer may not read the selection: the candidate's name is typed instead.
  }
  if (!ctx.current(seq)) {
    return;
  }
  const step = found.nominations ? 'nominations' : found.trigger ? 'trigger' : null;
  ctx.setReturnsStep(selectionId, step);
  $('returns-step-words').textContent = step
    ? `Returns for ${STEP_WORDS[step]}, for the affiliates you are an officer of.`
    : 'Neither the trigger ballot nor nominations has opened for returns yet.';
  $('return-form').hidden = !step;
  $('returns-table').hidden = true;
  $('returns-none').hidden = !step;
  if (!step) {
    return;
  }
  const mine = ctx.who()?.affiliates ?? [];
  $('return-affiliate').replaceChildren(...mine.map((a) => {
    const option = el('option', a);
    option.value = a;
    return option;
  }));
  $('return-trigger-choice').hidden = step !== 'trigger';
  $('return-nomination-choice').hidden = step !== 'nominations';
  $('return-candidates').replaceChildren(...candidates.filter((c) => !c.withdrawnAt).map((c) => {
    const option = el('option');
    option.value = c.name;
    return option;
  }));
  showReturnRows(ctx, step, found[step]);
}

function showReturnRows(ctx, step, returns) {
  const me = ctx.who()?.username;
  $('returns-rows').replaceChildren(...returns.map((r) => {
    const row = el('tr');
    const action = el('td');
    if (r.status === 'pending' && r.enteredBy !== me) {
      const button = el('button', `Confirm ${r.affiliate}'s return`);
      button.type = 'button';
      button.addEventListener('click', () => onConfirm(ctx, r, button));
      action.append(button);
    } else if (r.status === 'pending') {
      action.textContent = 'Another officer must confirm it';
    } else {
      action.append(el('code', r.digest ?? ''));
    }
    row.append(el('td', r.affiliate), el('td', step === 'trigger' ? triggerReturnWords(r.vote) : r.vote),
      el('td', r.status === 'confirmed' ? `Confirmed by ${r.confirmedBy}` : 'Waiting for confirmation'),
      el('td', r.enteredBy), action);
    return row;
  }));
  $('returns-table').hidden = returns.length === 0;
  $('returns-none').hidden = returns.length > 0;
}

async function onEnterReturn(ctx, event) {
  event.preventDefault();
  ctx.clearError();
  const { selectionId, step } = ctx.returnsStep();
  const affiliate = $('return-affiliate').value;
  const vote = step === 'trigger'
    ? ($('return-yes').checked ? 'yes' : $('return-no').checked ? 'no' : '')
    : $('return-candidate').value.trim();
  if (!affiliate || !vote) {
    ctx.showError(!affiliate ? 'Your login names no affiliate you are an officer of.'
      : step === 'trigger' ? 'Choose yes or no.' : 'Type the name of the candidate the affiliate nominates.');
    return;
  }
  await ctx.busy($('return-submit'), async () => {
    try {
      await ctx.api(`/api/ballots/selections/${seg(selectionId)}/steps/${step}/returns`, 200, { affiliate, vote });
      $('return-form').reset();
      await ctx.rerender();
      ctx.say(`${affiliate}'s return is entered. Another officer must confirm it.`);
    } catch (error) {
      ctx.showError(explain(error), error?.problem?.errors ?? []);
    }
  });
}

async function onConfirm(ctx, r, button) {
  ctx.clearError();
  const { selectionId, step } = ctx.returnsStep();
  await ctx.busy(button, async () => {
    try {
      await ctx.api(`/api/ballots/selections/${seg(selectionId)}/steps/${step}/returns/${seg(r.id)}/confirm`, 200, {});
      await ctx.rerender();
      ctx.say(`${r.affiliate}'s return is confirmed and counts.`);
    } catch (error) {
      ctx.showError(explain(error));
    }
  });
}

/** The screens' forms, wired once. */
export function wireSteps(ctx) {
  for (const name of STEPS) {
    $(`${name}-open-form`).addEventListener('submit', (event) => onOpenStep(ctx, name, event));
    $(`${name}-close`).addEventListener('click', () => onCloseStep(ctx, name));
  }
  $('meeting-start').addEventListener('click', () => onStartMeeting(ctx));
  $('attendance-form').addEventListener('submit', (event) => onAttend(ctx, event));
  $('vote-form').addEventListener('submit', (event) => onOpenVote(ctx, event));
  $('vote-kind-round').addEventListener('change', showKind);
  $('vote-kind-yes-no').addEventListener('change', showKind);
  $('return-form').addEventListener('submit', (event) => onEnterReturn(ctx, event));
}
