// The console's pure parts and its one call that fetch cannot make: who may do what, the create form's body and
// its per-field errors, the members upload with progress (XMLHttpRequest: fetch has no upload progress), the
// candidate's remaining mailings, and where the console remembers a selection's ballot.

import { ApiError } from './voter.js';

export const ADMIN_ROLES = Object.freeze(['hq-admin', 'regional-admin']);

/** What the console offers a person, from their token's roles. The API refuses the rest anyway. */
export function abilities(who) {
  const roles = new Set(who?.roles ?? []);
  const admin = ADMIN_ROLES.some((r) => roles.has(r));
  return Object.freeze({
    admin,
    secretary: roles.has('procedures-secretary'),
    scrutineer: roles.has('scrutineer'),
    committee: roles.has('committee-member'),
    candidate: roles.has('candidate'),
    seesProposals: admin || roles.has('procedures-secretary') || roles.has('scrutineer'),
    seesNotices: admin || roles.has('procedures-secretary') || roles.has('scrutineer') || roles.has('committee-member'),
    seesMailings: admin || roles.has('scrutineer') || roles.has('candidate'),
    seesTurnout: admin || roles.has('scrutineer') || roles.has('candidate') || roles.has('committee-member'),
    affiliateOfficer: roles.has('affiliate-officer'),
    runsMeetings: admin || roles.has('procedures-secretary'),
    seesSteps: admin || ['procedures-secretary', 'scrutineer', 'committee-member', 'candidate'].some((r) => roles.has(r)),
    seesRoll: admin || ['procedures-secretary', 'scrutineer', 'committee-member', 'candidate'].some((r) => roles.has(r)),
  });
}

const RULEBOOK_NUMBERS = ['minimumMonths', 'noticeLeadHours', 'mailingQuota', 'mailingPeriodDays'];

/**
 * The body of POST /api/ballots/selections (SelectionRequests.NewSelection) from the form's values (strings, and
 * a boolean for arrears). Empty rulebook boxes are left out, so the service's defaults apply. Numbers that are
 * not whole numbers are sent as typed, for the service to name in its errors.
 */
export function selectionBody(values) {
  const rulebook = { arrearsDisqualify: Boolean(values.arrearsDisqualify), tieBreak: values.tieBreak || 'backwards' };
  for (const name of RULEBOOK_NUMBERS) {
    const text = String(values[name] ?? '').trim();
    if (text !== '') {
      rulebook[name] = /^-?\d+$/.test(text) ? Number(text) : text;
    }
  }
  const seed = String(values.seed ?? '').trim();
  if (seed !== '') {
    // Kept exact: a seed is at most 2^53 - 1, which a JSON number carries exactly.
    rulebook.seed = /^-?\d{1,16}$/.test(seed) ? Number(seed) : seed;
  }
  return {
    constituency: String(values.constituency ?? '').trim(),
    title: String(values.title ?? '').trim(),
    freezeDate: String(values.freezeDate ?? '').trim() || null,
    rulebook,
  };
}

/**
 * A 400 problem's `errors` ("field: message", the field being the last part of its path) sorted to the fields
 * named in `fields`; the rest, and messages of fields not on the form, go to `other`.
 */
export function fieldErrors(problem, fields) {
  const byField = {};
  const other = [];
  for (const line of Array.isArray(problem?.errors) ? problem.errors : []) {
    const text = String(line);
    const colon = text.indexOf(': ');
    const field = colon > 0 ? text.slice(0, colon).replace(/\[\d+\]$/, '') : null;
    if (field && fields.includes(field)) {
      (byField[field] ??= []).push(text.slice(colon + 2));
    } else {
      other.push(text);
    }
  }
  return { byField, other };
}

/**
 * Uploads a members CSV to /api/membership/constituencies/{code}/members as text/csv with `Authorization: Bearer`,
 * reporting upload progress (`onProgress(loaded, total)`). Resolves with the import report (200); a 422 rejects
 * with an ApiError whose `problem` carries the same report (nothing was imported); other answers reject with the
 * problem's detail.
 */
export function uploadMembers({ XHR, token, constituency, file, onProgress = () => {}, onUploaded = () => {} }) {
  return new Promise((resolve, reject) => {
    const xhr = new XHR();
    xhr.open('POST', `/api/membership/constituencies/${encodeURIComponent(constituency)}/members`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.withCredentials = false;
    if (xhr.upload) {
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) {
          onProgress(e.loaded, e.total);
        }
      });
      xhr.upload.addEventListener('load', () => onUploaded());
    }
    xhr.addEventListener('load', () => {
      let json = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = null;
      }
      if (xhr.status === 200 && json && typeof json === 'object') {
        resolve(json);
        return;
      }
      const problem = json && typeof json === 'object' && (json.detail || json.title) ? json : null;
      reject(new ApiError(xhr.status, problem, `The membership service answered ${xhr.status}.`));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, null,
      'The membership service could not be reached. Check your connection and try again.')));
    xhr.send(file);
  });
}

/**
 * The mailings a candidate may still send now: the rulebook's quota less their mailings in the last
 * `mailingPeriodDays` days, and when the oldest of those stops counting. Worked out here from the mailings list;
 * notification-service decides (429) when one is sent.
 */
export function remainingMailings(rulebook, mailings, candidate, now = Date.now()) {
  const periodMs = rulebook.mailingPeriodDays * 86_400_000;
  const recent = mailings.filter((m) => m.candidate === candidate && now - Date.parse(m.sentAt) < periodMs)
    .map((m) => Date.parse(m.sentAt)).sort((a, b) => a - b);
  const remaining = Math.max(0, rulebook.mailingQuota - recent.length);
  const nextAt = remaining === 0 && rulebook.mailingQuota > 0 && recent.length > 0
    ? new Date(recent[recent.length - rulebook.mailingQuota] + periodMs).toISOString() : null;
  return { remaining, used: recent.length, nextAt };
}

/** The candidate a username acts for in a selection (as account or agent), or null. */
export function candidateActedFor(selection, username) {
  return (selection?.candidates ?? []).find((c) => c.account === username || (c.agents ?? []).includes(username))
    ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isUuid = (text) => UUID.test(String(text).toLowerCase());

/**
 * The route the address's fragment names: {view: 'list'|'new'|'selection'|'steps'|'returns'|'meeting', id,
 * meetingId}. A selection's steps, its affiliates' returns and one of its meetings are under the selection.
 */
export function route(hash) {
  const m = /^#\/selections\/([0-9a-fA-F-]{36})(?:\/(steps|returns|meetings\/([0-9a-fA-F-]{36})))?\/?$/.exec(hash ?? '');
  if (m && isUuid(m[1]) && (m[3] == null || isUuid(m[3]))) {
    const id = m[1].toLowerCase();
    if (m[3]) {
      return { view: 'meeting', id, meetingId: m[3].toLowerCase() };
    }
    return { view: m[2] ?? 'selection', id };
  }
  if (hash === '#/new') {
    return { view: 'new', id: null };
  }
  return { view: 'list', id: null };
}

// ------------------------------------------------------------------------------------------------ steps in words

const COLLEGES = { branches: 'Branches', affiliates: 'Affiliates' };

/** A college as people say it: "Branches", "Affiliates", or the service's own name for one the page does not know. */
export const collegeWords = (college) => COLLEGES[college] ?? String(college);

/** The trigger ballot's published outcome in one plain sentence: triggered or not, and what that means. */
export function triggerVerdict(outcome) {
  return outcome.triggered
    ? 'Triggered: enough branches or affiliates asked for a contest, so a full selection follows.'
    : 'Not triggered: the sitting member is reselected, and there are no nominations.';
}

/** One college's figures in words, e.g. "Branches: 2 of 3 that voted asked for a contest; 1/3 needs 1: met." */
export function collegeSentence(c) {
  const base = c.base === c.units ? `${c.units}` : `${c.base} (of ${c.units}) that voted`;
  const forContest = Array.isArray(c.forContest) ? c.forContest.length : Number(c.forContest ?? 0);
  return `${collegeWords(c.college)}: ${forContest} of ${base} asked for a contest; `
    + `the threshold ${c.threshold} needs ${c.required}: ${c.met ? 'met' : 'not met'}.`;
}

/** A unit's trigger vote in words (nothing told by colour alone). */
export function unitVoteWords(unit) {
  if (!unit.voted) {
    return 'Did not vote';
  }
  return unit.vote === 'yes' ? 'Yes: for a contest' : 'No: against a contest';
}

/**
 * A meeting vote's result as published by `GET …/votes` (under `result`, or on the vote itself), or null when the
 * service gives none yet: {totals: [[option, votes]…], lines: [sentences]}.
 */
export function meetingResultWords(vote) {
  const r = vote?.result ?? (vote?.totals ? vote : null);
  if (!r || typeof r !== 'object') {
    return null;
  }
  const totals = r.totals && typeof r.totals === 'object' ? Object.entries(r.totals) : [];
  const lines = [];
  if (r.round != null && (r.kind ?? vote.kind) === 'round') {
    lines.push(`Round ${r.round}.`);
  }
  if (r.votes != null) {
    lines.push(`${r.votes} ${Number(r.votes) === 1 ? 'vote' : 'votes'} in all.`);
  }
  if (r.outcome) {
    lines.push(r.outcome === 'yes' || r.outcome === 'no' ? `Decided: ${r.outcome}.` : `Selected: ${r.outcome}.`);
  }
  if (r.eliminated) {
    lines.push(`No majority: ${r.eliminated} is eliminated before the next round.`);
  }
  if (r.explanation) {
    lines.push(String(r.explanation));
  }
  return { totals, lines };
}

/** A step's state in words, from `GET …/steps/{step}` (null: not opened). */
export function stepStatusWords(step, when) {
  if (!step) {
    return 'Not opened yet.';
  }
  if (step.closedAt) {
    return `Closed ${when(step.closedAt)}${step.closedBy ? ` by ${step.closedBy}` : ''}.`;
  }
  return `Open since ${when(step.openedAt)}${step.openedBy ? ` (opened by ${step.openedBy})` : ''}. `
    + `Affiliates' returns are due by ${when(step.returnsDeadline)}.`;
}
