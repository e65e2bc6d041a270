// The console, /console: a Keycloak login (auth.js), then a small single page on hash routes
//   #/                   the selections in the caller's area
//   #/new                create a selection with its rulebook (national and regional offices)
//   #/selections/{id}    one selection: members import, roll, candidates, committee and its notices, the ballot
//                        (schedule, open, close, turnout), proposals to co-sign, mailings, timetable
//   #/selections/{id}/steps, …/meetings/{meetingId}, …/returns   the steps before the final ballot (console-steps.js)
// Every call goes through the gateway with `Authorization: Bearer`, and every refusal is shown as the problem's
// detail. Forms are offered by role only; the services decide.

import { Auth, issuerFromDocument } from './auth.js';
import { ApiError, callApi } from './voter.js';
import {
  abilities, candidateActedFor, fieldErrors,
  isUuid, remainingMailings, route, selectionBody, uploadMembers,
} from './console-api.js';
import { showMeeting, showReturns, showSteps, wireSteps } from './console-steps.js';
import { $, el, explain, when } from './page-kit.js';

const VIEWS = ['view-list', 'view-create', 'view-selection', 'view-steps', 'view-meeting', 'view-returns', 'returns-go'];
const CREATE_FIELDS = ['constituency', 'title', 'freezeDate', 'minimumMonths', 'arrearsDisqualify', 'tieBreak', 'seed',
  'noticeLeadHours', 'mailingQuota', 'mailingPeriodDays'];
const ROLE_WORDS = {
  'hq-admin': 'national office', 'regional-admin': 'regional office', 'procedures-secretary': 'procedures secretary',
  scrutineer: 'scrutineer', 'committee-member': 'committee member', candidate: 'candidate',
  'affiliate-officer': 'affiliate officer',
};
const COMMITTEE_ROLES = {
  'procedures-secretary': 'Procedures secretary', 'nec-representative': 'NEC representative',
  'regional-representative': 'Regional representative', 'union-representative': 'Union representative',
  'affiliate-representative': 'Affiliate representative', 'constituency-officer': 'Constituency officer',
};
const NOTICE_STATUS = { pending: 'not yet', delivered: 'yes', failed: 'failed', bounced: 'bounced' };
const BALLOT_STATUS = { draft: 'Scheduled, not open yet', open: 'Open: members are voting', closed: 'Closed' };
const TURNOUT_EVERY_MS = 15_000;

const state = {
  auth: null, can: abilities(null), seq: 0, selection: null, ballot: null, turnoutTimer: null, meeting: null,
  returnsStep: null,
};

const api = (path, expected, body) => callApi(state.auth.bearerFetch(), path, expected, body);
const seg = encodeURIComponent;
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// ------------------------------------------------------------------------------------------------ messages

function showError(message, details = []) {
  $('error-text').textContent = message;
  $('error-list').replaceChildren(...details.map((d) => el('li', d)));
  $('error-list').hidden = details.length === 0;
  $('error').hidden = false;
  $('error').focus();
}

function clearError() {
  $('error').hidden = true;
  $('error-text').textContent = '';
  $('error-list').replaceChildren();
  $('error-list').hidden = true;
}

function say(message) {
  $('status').textContent = message;
}

/** A section's own problem (e.g. a 403 for a part this role may not read), said in that section. */
function sectionProblem(sectionId, error) {
  const section = $(sectionId);
  let p = section.querySelector('.section-problem');
  if (!p) {
    p = el('p', null, 'section-problem');
    section.append(p);
  }
  p.textContent = error ? explain(error) : '';
  p.hidden = !error;
}

async function busy(button, work) {
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}

// ------------------------------------------------------------------------------------------------ login

function showWho(who) {
  if (!who) {
    $('who-bar').hidden = true;
    return;
  }
  const roles = who.roles.filter((r) => ROLE_WORDS[r]).map((r) => ROLE_WORDS[r]);
  const areas = [...who.regions.map((r) => `region ${r}`), ...who.constituencies.map((c) => `constituency ${c}`)];
  $('who-text').textContent = `Logged in as ${who.username}`
    + (roles.length ? ` (${roles.join(', ')})` : ' (no console role)')
    + (who.roles.includes('hq-admin') ? ', every area.' : areas.length ? `, ${areas.join(', ')}.` : '.');
  $('logout').href = state.auth.logoutUrl();
  $('who-bar').hidden = false;
}

async function showSignedOut() {
  hideViews();
  $('who-bar').hidden = true;
  $('signed-out').hidden = false;
  $('login').href = await state.auth.prepareLogin(window.location.hash);
}

// ------------------------------------------------------------------------------------------------ routing

function hideViews() {
  for (const id of VIEWS) {
    $(id).hidden = true;
  }
  stopTurnout();
}

async function render() {
  const seq = ++state.seq;
  clearError();
  say('');
  hideViews();
  const where = route(window.location.hash);
  try {
    if (where.view === 'selection') {
      await showSelection(where.id, seq);
    } else if (where.view === 'returns') {
      await showReturns(stepsContext, where.id, seq);
    } else if (where.view === 'steps' || where.view === 'meeting') {
      const selection = await api(`/api/ballots/selections/${seg(where.id)}`, 200);
      if (current(seq)) {
        state.selection = selection;
        await (where.view === 'steps' ? showSteps(stepsContext, selection, seq)
          : showMeeting(stepsContext, selection, where.meetingId, seq));
      }
    } else if (where.view === 'new') {
      await showCreate(seq);
    } else {
      await showList(seq);
    }
  } catch (error) {
    if (seq === state.seq) {
      showError(explain(error));
    }
  }
}

const current = (seq) => seq === state.seq;

function focusHeading(id) {
  $(id).focus();
}

// ------------------------------------------------------------------------------------------------ the list

async function showList(seq) {
  document.title = 'Selections – Console – Selectorate';
  // An affiliate officer reads no selections; they come to one's returns by its id.
  $('returns-go').hidden = !state.can.affiliateOfficer;
  if (state.can.affiliateOfficer && !state.can.seesRoll) {
    focusHeading('title');
    return;
  }
  const selections = await api('/api/ballots/selections', 200);
  if (!current(seq)) {
    return;
  }
  const list = Array.isArray(selections) ? selections : [];
  $('selection-rows').replaceChildren(...list.map((s) => {
    const row = el('tr');
    const title = el('td');
    const link = el('a', s.title);
    link.href = `#/selections/${s.id}`;
    title.append(link);
    const standing = (s.candidates ?? []).filter((c) => !c.withdrawnAt).length;
    row.append(title, el('td', s.constituency), el('td', s.region ?? ''), el('td', s.freezeDate ?? ''),
      el('td', String(standing)));
    return row;
  }));
  $('selection-table').hidden = list.length === 0;
  $('list-empty').hidden = list.length > 0;
  $('new-selection').hidden = !state.can.admin;
  $('view-list').hidden = false;
  focusHeading('list-heading');
}

// ------------------------------------------------------------------------------------------------ create

async function showCreate(seq) {
  document.title = 'Create a selection – Console – Selectorate';
  if (!state.can.admin) {
    showError('Only the national and regional offices create selections.');
    return;
  }
  clearFieldErrors();
  $('view-create').hidden = false;
  focusHeading('create-heading');
  try {
    const known = await api('/api/ballots/constituencies', 200);
    if (current(seq) && Array.isArray(known)) {
      $('constituency-list').replaceChildren(...known.map((c) => {
        const option = el('option');
        option.value = c.code;
        option.label = c.name ? `${c.code}: ${c.name}` : c.code;
        return option;
      }));
    }
  } catch {
    // Only the suggestions are missing; the form still works.
  }
}

function clearFieldErrors() {
  for (const field of CREATE_FIELDS) {
    $(`f-${field}-error`).hidden = true;
    $(`f-${field}-error`).textContent = '';
    $(`f-${field}`).removeAttribute('aria-invalid');
  }
}

const labelOf = (id) => document.querySelector(`label[for="${id}"]`)?.textContent.replace(/\s*\(.*\)\s*$/, '') ?? id;

async function onCreate(event) {
  event.preventDefault();
  clearError();
  clearFieldErrors();
  const values = Object.fromEntries(CREATE_FIELDS.map((f) => [f, $(`f-${f}`).value]));
  values.arrearsDisqualify = $('f-arrearsDisqualify').checked;
  await busy($('create-submit'), async () => {
    try {
      const created = await api('/api/ballots/selections', 201, selectionBody(values));
      say(`Selection created: ${created.title}.`);
      window.location.hash = `#/selections/${created.id}`;
    } catch (error) {
      const { byField, other } = fieldErrors(error?.problem, CREATE_FIELDS);
      const summary = [];
      for (const [field, messages] of Object.entries(byField)) {
        const text = messages.join('; ');
        $(`f-${field}-error`).textContent = `${labelOf(`f-${field}`)}: ${text}`;
        $(`f-${field}-error`).hidden = false;
        $(`f-${field}`).setAttribute('aria-invalid', 'true');
        summary.push(`${labelOf(`f-${field}`)}: ${text}`);
      }
      showError(explain(error), [...summary, ...other]);
    }
  });
}

// ------------------------------------------------------------------------------------------------ a selection

async function showSelection(id, seq) {
  const selection = await api(`/api/ballots/selections/${seg(id)}`, 200);
  if (!current(seq)) {
    return;
  }
  state.selection = selection;
  state.ballot = null;
  const can = state.can;
  document.title = `${selection.title} – Console – Selectorate`;
  $('sel-title').textContent = selection.title;
  $('sel-constituency').textContent = selection.constituency;
  $('sel-region').textContent = selection.region ?? '';
  $('sel-freeze').textContent = selection.freezeDate ?? '';
  const r = selection.rulebook ?? {};
  $('sel-rulebook').textContent = `version ${r.version}: at least ${r.minimumMonths} months' membership; `
    + `${r.arrearsDisqualify ? 'members in arrears cannot vote' : 'members in arrears can vote'}; `
    + `ties broken ${r.tieBreak} (seed ${r.seed}); ${r.noticeLeadHours} hours' notice to the committee; `
    + `${plural(r.mailingQuota, 'mailing', 'mailings')} per candidate every ${plural(r.mailingPeriodDays, 'day', 'days')}.`;
  $('sel-readonly').hidden = can.admin;

  $('members').hidden = !can.admin;
  $('import-report').hidden = true;
  $('import-progress-box').hidden = true;
  $('candidate-form').hidden = !can.admin;
  $('committee-form').hidden = !can.admin;
  $('meeting-form').hidden = !(can.admin || can.secretary);
  $('sel-steps').hidden = !can.seesSteps;
  $('sel-steps-link').href = `#/selections/${selection.id}/steps`;
  $('proposals').hidden = !can.seesProposals;
  $('mailings').hidden = !can.seesMailings;
  $('cosign-needed').hidden = true;
  showCandidates(selection);
  $('view-selection').hidden = false;
  focusHeading('sel-title');

  await Promise.all([
    loadRoll(selection, seq),
    loadCommittee(selection, seq),
    loadNotices(selection, seq),
    can.seesProposals ? loadProposals(selection, seq) : null,
    can.seesMailings ? loadMailings(selection, seq) : null,
    loadTimetable(selection, seq),
    can.admin || can.secretary ? loadBranches(selection, seq) : null,
    showBallot(seq),
  ]);
}

function showCandidates(selection) {
  const candidates = selection.candidates ?? [];
  $('candidate-list').replaceChildren(...candidates.map((c) => el('li', c.withdrawnAt
    ? `${c.name} (withdrew ${when(c.withdrawnAt)})`
    : c.account ? `${c.name} (login ${c.account}${c.agents?.length ? `; agents ${c.agents.join(', ')}` : ''})` : c.name)));
  $('candidates-none').hidden = candidates.length > 0;
}

// ------------------------------------------------------------------------------------------------ members import

async function onImport(event) {
  event.preventDefault();
  clearError();
  const file = $('csv-file').files?.[0];
  if (!file) {
    $('csv-file').setAttribute('aria-invalid', 'true');
    showError('Choose the members file (CSV) first.');
    return;
  }
  $('csv-file').removeAttribute('aria-invalid');
  $('import-report').hidden = true;
  const progress = $('import-progress');
  progress.max = 100;
  progress.value = 0;
  $('import-progress-label').textContent = 'Uploading the file: 0%';
  $('import-progress-box').hidden = false;
  await busy($('import-submit'), async () => {
    try {
      const report = await uploadMembers({
        XHR: window.XMLHttpRequest,
        token: await state.auth.accessToken(),
        constituency: state.selection.constituency,
        file,
        onProgress: (loaded, total) => {
          const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
          progress.value = percent;
          $('import-progress-label').textContent = `Uploading the file: ${percent}%`;
        },
        onUploaded: () => {
          progress.removeAttribute('value'); // indeterminate: the service is checking the rows
          $('import-progress-label').textContent = 'Uploaded. Checking every row…';
        },
      });
      showReport(report, true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.problem && 'rows' in error.problem) {
        showReport(error.problem, false);
      } else {
        $('import-progress-box').hidden = true;
        showError(explain(error));
      }
    }
  });
}

function showReport(report, written) {
  $('import-progress-box').hidden = true;
  $('import-outcome').textContent = written
    ? `Imported ${plural(report.imported, 'member', 'members')} from ${plural(report.rows, 'row', 'rows')}.`
      + (report.rejected > 0 ? ` ${plural(report.rejected, 'row was', 'rows were')} left out.` : '')
    : `Nothing was imported: ${report.rejected} of ${plural(report.rows, 'row is', 'rows are')} wrong. `
      + 'Fix the rows below and upload the whole file again.';
  $('import-rows').textContent = String(report.rows);
  $('import-imported').textContent = String(report.imported);
  $('import-rejected').textContent = String(report.rejected);
  const errors = Array.isArray(report.errors) ? report.errors : [];
  $('import-error-rows').replaceChildren(...errors.map((e) => {
    const row = el('tr');
    row.append(el('td', String(e.line)), el('td', e.field ?? ''), el('td', e.reason ?? ''));
    return row;
  }));
  $('import-errors').hidden = errors.length === 0;
  $('import-report').hidden = false;
  $('import-report').focus();
}

// ------------------------------------------------------------------------------------------------ the roll

async function loadRoll(selection, seq) {
  sectionProblem('roll', null);
  let roll = null;
  try {
    roll = await api(`/api/membership/selections/${seg(selection.id)}/roll`, 200);
  } catch (error) {
    if (error?.status !== 404) {
      if (current(seq)) {
        sectionProblem('roll', error);
      }
    }
  }
  if (!current(seq)) {
    return;
  }
  showRoll(roll);
  await loadElectorate(selection, seq);
}

function showRoll(roll) {
  $('roll-none').hidden = roll != null;
  $('roll-facts').hidden = roll == null;
  $('freeze').hidden = roll != null || !state.can.admin;
  if (roll) {
    $('roll-version').textContent = String(roll.version);
    $('roll-electorate').textContent = String(roll.electorate);
    $('roll-frozen-at').textContent = roll.frozenAt ? when(roll.frozenAt) : '';
    $('roll-root').textContent = roll.root;
  }
}

async function loadElectorate(selection, seq) {
  try {
    const e = await api(`/api/ballots/selections/${seg(selection.id)}/electorate`, 200);
    if (current(seq) && e && e.version != null) {
      $('roll-arrived').textContent = e.complete
        ? `The ballot service has the whole roll (version ${e.version}, ${plural(e.electors, 'elector', 'electors')}).`
        : `The ballot service has received ${e.electors} of ${e.expected ?? '?'} electors of version ${e.version} so far.`;
    }
  } catch {
    $('roll-arrived').textContent = '';
  }
}

async function onFreeze() {
  clearError();
  await busy($('freeze'), async () => {
    try {
      const roll = await api(`/api/membership/selections/${seg(state.selection.id)}/roll/freeze`, 201, {});
      showRoll(roll);
      say(`The roll is frozen: ${plural(roll.electorate, 'elector', 'electors')}, root ${roll.root}.`);
      $('roll-heading').setAttribute('tabindex', '-1');
      $('roll-heading').focus();
    } catch (error) {
      showError(error?.status === 404
        ? `${explain(error)}. The membership service learns of a new selection a few seconds after it is created: `
          + 'try again in a moment.'
        : explain(error));
    }
  });
}

// ------------------------------------------------------------------------------------------------ candidates

async function onAddCandidate(event) {
  event.preventDefault();
  clearError();
  const name = $('c-name').value.trim();
  if (!name) {
    $('c-name').setAttribute('aria-invalid', 'true');
    showError('Type the candidate\'s name.');
    return;
  }
  $('c-name').removeAttribute('aria-invalid');
  const body = { name };
  const account = $('c-account').value.trim();
  const agents = $('c-agents').value.split(',').map((a) => a.trim()).filter(Boolean);
  if (account) {
    body.account = account;
  }
  if (agents.length) {
    body.agents = agents;
  }
  await busy($('candidate-submit'), async () => {
    try {
      state.selection = await api(`/api/ballots/selections/${seg(state.selection.id)}/candidates`, 201, body);
      showCandidates(state.selection);
      $('candidate-form').reset();
      say(`${name} was added as a candidate.`);
    } catch (error) {
      showError(explain(error), error?.problem?.errors ?? []);
    }
  });
}

// ------------------------------------------------------------------------------------------------ committee and notices

async function loadCommittee(selection, seq) {
  sectionProblem('committee', null);
  if (state.can.candidate && !state.can.admin && !state.can.scrutineer && !state.can.secretary && !state.can.committee) {
    $('committee').hidden = true; // candidates are not shown the committee (the API refuses them)
    return;
  }
  $('committee').hidden = false;
  try {
    const members = await api(`/api/ballots/selections/${seg(selection.id)}/committee`, 200);
    if (current(seq)) {
      showCommittee(members);
    }
  } catch (error) {
    if (current(seq)) {
      sectionProblem('committee', error);
    }
  }
}

function showCommittee(members) {
  $('committee-rows').replaceChildren(...members.map((m) => {
    const row = el('tr');
    row.append(el('td', m.name), el('td', COMMITTEE_ROLES[m.role] ?? m.role), el('td', m.email),
      el('td', m.appointedAt ? when(m.appointedAt) : ''));
    return row;
  }));
  $('committee-table').hidden = members.length === 0;
  $('committee-none').hidden = members.length > 0;
}

async function onAppoint(event) {
  event.preventDefault();
  clearError();
  const body = { name: $('m-name').value.trim(), email: $('m-email').value.trim(), role: $('m-role').value };
  await busy($('committee-submit'), async () => {
    try {
      await api(`/api/ballots/selections/${seg(state.selection.id)}/committee`, 201, body);
      $('committee-form').reset();
      say(`${body.name} was appointed to the committee.`);
      await loadCommittee(state.selection, state.seq);
    } catch (error) {
      showError(explain(error), error?.problem?.errors ?? []);
    }
  });
}

async function loadNotices(selection, seq) {
  if (!state.can.seesNotices) {
    return [];
  }
  try {
    const notices = await api(`/api/notifications/selections/${seg(selection.id)}/notices`, 200);
    if (current(seq)) {
      showNotices(notices);
    }
    return notices;
  } catch (error) {
    if (current(seq)) {
      sectionProblem('committee', notYetKnown(error) ? null : error);
    }
    return [];
  }
}

/**
 * notification-service learns of a selection from ballot-service's events a moment after it is made: until then
 * its 404 means "nothing yet" for a selection this caller may already see, not a fault to show.
 */
function notYetKnown(error) {
  return error?.status === 404;
}

function showNotices(notices) {
  $('notice-rows').replaceChildren(...notices.map((n) => {
    const row = el('tr');
    const delivered = n.status === 'delivered' && n.deliveredAt ? `yes, ${when(n.deliveredAt)}`
      : n.status === 'bounced' ? `bounced${n.bounceReason ? `: ${n.bounceReason}` : ''}`
        : n.status === 'failed' ? `failed${n.lastError ? `: ${n.lastError}` : ''}` : NOTICE_STATUS[n.status] ?? n.status;
    row.append(el('td', n.summary || n.kind), el('td', `${n.name} (${COMMITTEE_ROLES[n.role] ?? n.role})`),
      el('td', delivered), el('td', n.acknowledgedAt ? `yes, ${when(n.acknowledgedAt)}` : 'not yet'));
    return row;
  }));
  $('notice-table').hidden = notices.length === 0;
  $('notices-none').hidden = notices.length > 0;
}

// ------------------------------------------------------------------------------------------------ the ballot

async function showBallot(seq) {
  sectionProblem('ballot', null);
  $('ballot-body').hidden = true;
  $('ballot-none').hidden = false;
  $('schedule-form').hidden = true;
  let ballot;
  try {
    [ballot] = await api(`/api/ballots/selections/${seg(state.selection.id)}/ballots`, 200);
  } catch (error) {
    if (current(seq)) {
      sectionProblem('ballot', error);
    }
    return;
  }
  if (!current(seq)) {
    return;
  }
  if (!ballot) {
    $('schedule-form').hidden = !state.can.admin;
    return;
  }
  const admin = state.can.admin;
  state.ballot = ballot;
  $('ballot-none').hidden = true;
  $('ballot-status').textContent = BALLOT_STATUS[ballot.status] ?? ballot.status;
  $('ballot-closes').textContent = ballot.closedAt
    ? `Closed ${when(ballot.closedAt)}${ballot.closedBy ? ` by ${ballot.closedBy}` : ''}`
    : when(ballot.closesAt);
  $('ballot-ident').textContent = ballot.id;
  $('ballot-record-link').href = `/record/${encodeURIComponent(ballot.id)}`;
  $('ballot-roll-link').href = `/roll/${encodeURIComponent(ballot.selectionId)}`;
  $('ballot-pages').hidden = ballot.status === 'draft';
  $('ballot-actions').hidden = !admin || ballot.status === 'closed';
  $('open-ballot').hidden = ballot.status !== 'draft';
  $('close-form').hidden = ballot.status !== 'open';
  $('ballot-body').hidden = false;
  await loadTurnout();
  stopTurnout();
  if (ballot.status === 'open' && state.can.seesTurnout) {
    state.turnoutTimer = window.setInterval(() => loadTurnout(), TURNOUT_EVERY_MS);
  }
}

function stopTurnout() {
  if (state.turnoutTimer != null) {
    window.clearInterval(state.turnoutTimer);
    state.turnoutTimer = null;
  }
}

async function loadTurnout() {
  if (!state.ballot || !state.can.seesTurnout) {
    $('turnout').hidden = true;
    $('turnout-refresh').hidden = true;
    return;
  }
  try {
    const t = await api(`/api/ballots/ballots/${seg(state.ballot.id)}/turnout`, 200);
    const issued = t.issued ?? {};
    $('turnout-electorate').textContent = t.electorate == null ? 'not known yet' : String(t.electorate);
    $('turnout-online').textContent = String(issued.online ?? 0);
    $('turnout-postal').textContent = String(issued.postal ?? 0);
    $('turnout-in-person').textContent = String(issued['in-person'] ?? 0);
    const share = t.electorate ? ` (${Math.round((t.total / t.electorate) * 1000) / 10}%)` : '';
    $('turnout-total').textContent = `${t.total}${share}`;
    $('turnout').hidden = false;
    $('turnout-refresh').hidden = false;
    sectionProblem('ballot', null);
  } catch (error) {
    sectionProblem('ballot', error);
  }
}

async function onSchedule(event) {
  event.preventDefault();
  clearError();
  const { out, missing } = instantsOf({ 'closes-at': 'closesAt' });
  if (missing.length > 0) {
    showError('Choose the day and time voting closes.');
    return;
  }
  await busy($('schedule-submit'), async () => {
    try {
      const ballot = await api(`/api/ballots/selections/${seg(state.selection.id)}/ballots`, 201, out);
      say(`The ballot is scheduled to close ${when(ballot.closesAt)}.`);
      await showBallot(state.seq);
    } catch (error) {
      showError(explain(error), error?.problem?.errors ?? []);
    }
  });
}

async function onOpen() {
  clearError();
  await busy($('open-ballot'), async () => {
    try {
      await api(`/api/ballots/ballots/${seg(state.ballot.id)}/open`, 200, {});
      say('The ballot is open. Every elector is being sent an access code.');
      await showBallot(state.seq);
    } catch (error) {
      showError(explain(error));
    }
  });
}

async function onClose(event) {
  event.preventDefault();
  clearError();
  $('cosign-needed').hidden = true;
  const reason = $('close-reason').value.trim();
  await busy($('close-ballot'), async () => {
    try {
      await api(`/api/ballots/ballots/${seg(state.ballot.id)}/close`, 200, reason ? { reason } : {});
      say('The ballot is closed. The count follows.');
      await showBallot(state.seq);
    } catch (error) {
      const proposal = error?.problem?.proposal;
      if (error?.status === 409 && proposal) {
        $('cosign-text').textContent = 'Closing before the closing time needs two people. Nothing is closed yet: '
          + 'your close is now a proposal, and a scrutineer must co-sign it. Give them the proposal and its digest.';
        $('cosign-id').textContent = proposal.id;
        $('cosign-digest').textContent = proposal.digest;
        $('cosign-needed').hidden = false;
        $('cosign-needed').focus();
        say('A scrutineer must co-sign the early close.');
        if (state.can.seesProposals) {
          await loadProposals(state.selection, state.seq);
        }
      } else if (error?.status === 400) {
        $('close-reason').setAttribute('aria-invalid', 'true');
        showError(explain(error), error?.problem?.errors ?? []);
      } else {
        showError(explain(error));
      }
    }
  });
}

// ------------------------------------------------------------------------------------------------ proposals

const PROPOSAL_KINDS = {
  'close-ballot': 'Close the ballot early', 'withdraw-candidate': 'Withdraw a candidate after opening',
  'change-meeting': 'Change a meeting', 'cancel-meeting': 'Cancel a meeting',
  'notice-override': 'Go ahead without every committee member told',
};

async function loadProposals(selection, seq) {
  sectionProblem('proposals', null);
  try {
    const proposals = await api(`/api/ballots/selections/${seg(selection.id)}/proposals`, 200);
    if (current(seq)) {
      showProposals(proposals.filter((p) => p.status === 'pending'));
    }
  } catch (error) {
    if (current(seq)) {
      sectionProblem('proposals', error);
    }
  }
}

function showProposals(pending) {
  $('proposal-list').replaceChildren(...pending.map((p) => {
    const item = el('li', null, 'proposal');
    item.append(el('h4', PROPOSAL_KINDS[p.kind] ?? p.kind),
      el('p', `Proposed by ${p.proposedBy} (${ROLE_WORDS[p.proposerRole] ?? p.proposerRole}) ${when(p.proposedAt)}: `
        + `“${p.reason}”`));
    const facts = el('dl', null, 'facts');
    const idDd = el('dd');
    idDd.append(el('code', p.id));
    const digestDd = el('dd');
    digestDd.append(el('code', p.digest));
    facts.append(el('dt', 'Proposal'), idDd, el('dt', 'Digest'), digestDd);
    const details = el('details');
    details.append(el('summary', 'Exactly what it does'), el('pre', p.canonical, 'canonical'));
    item.append(facts, details);
    if (state.can.scrutineer) {
      item.append(cosignForm(p));
    }
    return item;
  }));
  $('proposals-none').hidden = pending.length > 0;
}

function cosignForm(p) {
  const form = el('form');
  form.noValidate = true;
  const inputId = `cosign-reason-${p.id}`;
  const label = el('label', 'Your reason for co-signing');
  label.htmlFor = inputId;
  const input = el('input');
  input.id = inputId;
  input.type = 'text';
  input.className = 'wide';
  input.maxLength = 2000;
  input.autocomplete = 'off';
  const button = el('button', 'Co-sign');
  button.type = 'submit';
  form.append(label, input, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    const reason = input.value.trim();
    if (!reason) {
      input.setAttribute('aria-invalid', 'true');
      showError('Give your reason for co-signing.');
      return;
    }
    input.removeAttribute('aria-invalid');
    await busy(button, async () => {
      try {
        await api(`/api/ballots/proposals/${seg(p.id)}/cosign`, 200, { reason, digest: p.digest });
        say(`Co-signed: ${PROPOSAL_KINDS[p.kind] ?? p.kind} is done.`);
        await render();
      } catch (error) {
        showError(explain(error));
      }
    });
  });
  return form;
}

// ------------------------------------------------------------------------------------------------ mailings, timetable

async function loadMailings(selection, seq) {
  sectionProblem('mailings', null);
  try {
    const mailings = await api(`/api/notifications/selections/${seg(selection.id)}/mailings`, 200);
    if (!current(seq)) {
      return;
    }
    $('mailing-rows').replaceChildren(...mailings.map((m) => {
      const row = el('tr');
      row.append(el('td', when(m.sentAt)), el('td', `${m.candidate} (sent by ${m.sentBy})`), el('td', m.subject),
        el('td', String(m.recipients)));
      return row;
    }));
    $('mailing-table').hidden = mailings.length === 0;
    $('mailings-none').hidden = mailings.length > 0;
    const r = selection.rulebook;
    const mine = state.can.candidate ? candidateActedFor(selection, state.auth.who.username) : null;
    if (mine) {
      const left = remainingMailings(r, mailings, mine.name);
      $('quota').textContent = `You may send ${plural(left.remaining, 'more mailing', 'more mailings')} for `
        + `${mine.name} now (each candidate has ${r.mailingQuota} in any ${plural(r.mailingPeriodDays, 'day', 'days')}).`
        + (left.nextAt ? ` The next may go from ${when(left.nextAt)}.` : '');
    } else {
      $('quota').textContent = `Each candidate may send ${plural(r.mailingQuota, 'mailing', 'mailings')} in any `
        + `${plural(r.mailingPeriodDays, 'day', 'days')}.`;
    }
  } catch (error) {
    if (current(seq)) {
      sectionProblem('mailings', notYetKnown(error) ? null : error);
    }
  }
}

async function loadTimetable(selection, seq) {
  sectionProblem('timetable', null);
  try {
    const meetings = await api(`/api/ballots/selections/${seg(selection.id)}/meetings`, 200);
    if (!current(seq)) {
      return;
    }
    $('meeting-list').replaceChildren(...meetings.map((m) => {
      const item = el('li');
      const link = el('a', m.title);
      link.href = `#/selections/${selection.id}/meetings/${m.id}`;
      item.append(link, `: ${when(m.startsAt)} to ${when(m.endsAt)}, ${m.location}`
        + `${m.branch ? `, branch ${m.branch}` : ''}${m.status === 'scheduled' ? '' : ` (${m.status})`}`);
      return item;
    }));
    $('meetings-none').hidden = meetings.length > 0;
  } catch (error) {
    if (current(seq)) {
      sectionProblem('timetable', error);
    }
  }
}

/** The constituency's branches, offered for a branch meeting; without them only a meeting for all is offered. */
async function loadBranches(selection, seq) {
  try {
    const units = await api(`/api/ballots/constituencies/${seg(selection.constituency)}/units`, 200);
    if (current(seq)) {
      $('mt-branch').replaceChildren($('mt-branch').options[0], ...(units.branches ?? []).map((b) => {
        const option = el('option', b.name ? `${b.name} (${b.code})` : b.code);
        option.value = b.code;
        return option;
      }));
    }
  } catch {
    // Only the branch choice is missing; a meeting for every elector can still be scheduled.
  }
}

/** The local date-time boxes as instants; a box left empty or unreadable is named, so nothing half-made is sent. */
function instantsOf(ids) {
  const out = {};
  const missing = [];
  for (const [id, name] of Object.entries(ids)) {
    const value = $(id).value ? new Date($(id).value) : null;
    const ok = value && !Number.isNaN(value.getTime());
    if (ok) {
      $(id).removeAttribute('aria-invalid');
      out[name] = value.toISOString();
    } else {
      $(id).setAttribute('aria-invalid', 'true');
      missing.push(name);
    }
  }
  return { out, missing };
}

async function onScheduleMeeting(event) {
  event.preventDefault();
  clearError();
  const { out, missing } = instantsOf({ 'mt-starts': 'startsAt', 'mt-ends': 'endsAt' });
  if (missing.length > 0) {
    showError('Choose the day and time the meeting starts and ends.');
    return;
  }
  const body = { title: $('mt-title').value.trim(), location: $('mt-location').value.trim(), ...out };
  if ($('mt-branch').value) {
    body.branch = $('mt-branch').value;
  }
  if ($('mt-step').value) {
    body.step = $('mt-step').value;
  }
  await busy($('meeting-submit'), async () => {
    try {
      await api(`/api/ballots/selections/${seg(state.selection.id)}/meetings`, 201, body);
      $('meeting-form').reset();
      say(`${body.title} is scheduled; the committee is being told.`);
      await loadTimetable(state.selection, state.seq);
    } catch (error) {
      showError(explain(error), error?.problem?.errors ?? []);
    }
  });
}

// ------------------------------------------------------------------------------------------------ steps, meetings, returns

/** What console-steps.js shares of this page. */
const stepsContext = {
  api, showError, clearError, say, busy, current, focusHeading, sectionProblem, instantsOf,
  seq: () => state.seq,
  can: () => state.can,
  who: () => state.auth.who,
  selection: () => state.selection,
  meeting: () => state.meeting,
  setMeeting: (meeting) => { state.meeting = meeting; },
  returnsStep: () => state.returnsStep,
  setReturnsStep: (selectionId, step) => { state.returnsStep = { selectionId, step }; },
  rerender: () => render(),
};

function onReturnsGo(event) {
  event.preventDefault();
  clearError();
  const id = $('returns-go-id').value.trim().toLowerCase();
  if (!isUuid(id)) {
    $('returns-go-id').setAttribute('aria-invalid', 'true');
    showError('That is not a selection\'s id: it looks like 6f1c2a8e-1b2c-4d5e-8f90-123456789abc.');
    return;
  }
  $('returns-go-id').removeAttribute('aria-invalid');
  window.location.hash = `#/selections/${id}/returns`;
}

// ------------------------------------------------------------------------------------------------ start

function wire() {
  // Only the console's own routes (#/…, or none) change the view: the skip link's #main does not.
  window.addEventListener('hashchange', () => {
    if (window.location.hash === '' || window.location.hash.startsWith('#/')) {
      render();
    }
  });
  $('create-form').addEventListener('submit', onCreate);
  $('import-form').addEventListener('submit', onImport);
  $('freeze').addEventListener('click', onFreeze);
  $('candidate-form').addEventListener('submit', onAddCandidate);
  $('committee-form').addEventListener('submit', onAppoint);
  $('meeting-form').addEventListener('submit', onScheduleMeeting);
  $('schedule-form').addEventListener('submit', onSchedule);
  $('open-ballot').addEventListener('click', onOpen);
  $('close-form').addEventListener('submit', onClose);
  $('turnout-refresh').addEventListener('click', () => busy($('turnout-refresh'), loadTurnout));
  $('returns-go').addEventListener('submit', onReturnsGo);
  wireSteps(stepsContext);
  // The browser leaves for Keycloak's logout; the tokens are dropped here first.
  $('logout').addEventListener('click', () => {
    state.started = false; // leaving: no "your login has ended" on the way out
    state.auth.forget();
  });
}

async function start() {
  const issuer = issuerFromDocument(document);
  if (!issuer) {
    showError('This page does not know where to log in: it must be opened through the platform\'s gateway, at /console.');
    return;
  }
  state.auth = new Auth({
    issuer,
    fetch: (url, init) => window.fetch(url, init),
    location: window.location,
    history: window.history,
    storage: window.sessionStorage,
    onChange: (who) => {
      state.can = abilities(who);
      showWho(who);
      if (!who && state.started) {
        showSignedOut();
        showError('Your login has ended. Log in again.');
      }
    },
  });
  $('loading').hidden = false;
  try {
    if (state.auth.isCallback()) {
      await state.auth.completeLogin();
    } else {
      await state.auth.resume();
    }
  } catch (error) {
    showError(explain(error));
  } finally {
    $('loading').hidden = true;
  }
  if (!state.auth.who) {
    await showSignedOut();
    return;
  }
  state.started = true;
  wire();
  await render();
}

start();
