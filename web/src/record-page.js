// The ballot's public page, /record/{ballot}: find a vote by its tracker and check it on this device (its leaf,
// its inclusion proof, the signed head it is under), the record's current signed head, and after the count the
// result with every stage as a chart and a table, and the files to recount it with.

import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { callApi, grouped, readTyped } from './voter.js';
import { checkEntry, verifyTreeHead } from './proofs.js';
import { $, check, clearError, el, explain, idFromPath, showError, when } from './page-kit.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const api = (url, init) => window.fetch(url, init);
const state = { ballotId: null, publicKey: null };

const votes = (text) => Number.parseFloat(text);
const plain = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

// ------------------------------------------------------------------------------------------------ find my vote

async function onFind(event) {
  event.preventDefault();
  clearError();
  $('found').hidden = true;
  const symbols = readTyped($('tracker').value);
  if (!symbols) {
    $('tracker').setAttribute('aria-invalid', 'true');
    showError('That is not a tracker: it has 16 letters and digits, like FFV1-CP61-8DH2-Y6G6.');
    return;
  }
  $('tracker').removeAttribute('aria-invalid');
  const button = $('find-submit');
  button.disabled = true;
  try {
    const path = `/api/tally/public/ballots/${state.ballotId}/entries/${grouped(symbols)}`;
    const entry = await callApi(api, path, 200);
    await showEntry(entry);
  } catch (error) {
    showError(error?.status === 404
      ? 'No vote with that tracker is on the record yet. Votes are added in batches, so yours may appear later, '
        + 'at the latest when voting closes. Check the tracker you typed.'
      : explain(error));
  } finally {
    button.disabled = false;
  }
}

async function showEntry(entry) {
  $('found-vote').replaceChildren(...(entry.vote.length === 0 ? [el('li', 'A blank ballot: no candidate numbered')]
    : entry.vote.map((name) => el('li', name))));
  const head = entry.treeHead;
  $('found-where').textContent = `Entry ${entry.seq + 1} of the ${head.treeSize} on the record signed `
    + `${when(head.timestamp)} (${entry.channel}).`;
  const found = await checkEntry(entry, state.publicKey);
  $('found-checks').replaceChildren(
    check(found.leaf, 'the entry shown is exactly the one recorded (its fingerprint matches).',
      'the entry shown does not match its fingerprint on the record. Tell the scrutineers.'),
    check(found.inclusion, `the entry is in the record of ${head.treeSize} entries (its proof leads to the record's root).`,
      'the proof does not lead to the record\'s root. Tell the scrutineers.'),
    check(found.signature, 'that record is signed with this ballot\'s record key.',
      'the record\'s signature does not check out. Tell the scrutineers.'));
  $('found').hidden = false;
  $('found').focus();
}

// ------------------------------------------------------------------------------------------------ the record now

async function showHead() {
  const now = await callApi(api, `/api/tally/public/ballots/${state.ballotId}/head`, 200);
  state.publicKey = now.publicKey;
  $('head-key').textContent = now.publicKey;
  if (!now.treeHead) {
    $('head-summary').textContent = 'No votes are on the record yet: they are added in batches while voting is open.';
    $('head-checks').replaceChildren();
  } else {
    const head = now.treeHead;
    $('head-summary').textContent = `${head.treeSize} ${head.treeSize === 1 ? 'vote' : 'votes'} on the record, `
      + `signed ${when(head.timestamp)}.`;
    $('head-root').textContent = head.rootHash;
    $('head-checks').replaceChildren(check(await verifyTreeHead(now.publicKey, state.ballotId, head),
      'the record\'s latest signature is valid for this ballot\'s record key.',
      'the record\'s latest signature is not valid. Tell the scrutineers.'));
  }
  $('head').hidden = false;
}

// ------------------------------------------------------------------------------------------------ the result

/** One stage as bars, on the same scale as every other stage, so a bar that grows between charts grew in votes. */
function stageChart(stage, candidates, max) {
  const figure = el('figure', null, 'stage');
  const tallies = candidates.map((c) => votes(stage.tallies[c] ?? '0'));
  const marks = (c) => (stage.elected.includes(c) ? ' (elected)' : stage.excluded.includes(c) ? ' (excluded)' : '');
  const labels = candidates.map((c) => `${c}${marks(c)}`);
  const summary = candidates.map((c, i) => `${c}${marks(c)}: ${plain(tallies[i])}`).join('; ');
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Stage ${stage.stage}: ${summary}`);
  canvas.append(el('p', `Stage ${stage.stage}: ${summary}`));
  const box = el('div', null, 'chart-box');
  box.append(canvas);
  figure.append(el('figcaption', `Stage ${stage.stage}: ${stage.action}`), box, el('p', changes(stage), 'help'));
  new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: 'Votes', data: tallies, backgroundColor: '#2f5d8a', borderWidth: 0 }] },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { beginAtZero: true, max, title: { display: true, text: 'Votes' } } },
      plugins: { legend: { display: false } },
    },
  });
  return figure;
}

/** A stage's transfers and notes, in words: the chart's bars show the totals, this says how they moved. */
function changes(stage) {
  const parts = [];
  for (const [from, to] of Object.entries(stage.transfers ?? {})) {
    const moves = Object.entries(to).filter(([, v]) => votes(v) !== 0)
      .map(([name, v]) => `${plain(votes(v))} to ${name}`);
    if (moves.length > 0) {
      parts.push(`From ${from}: ${moves.join(', ')}.`);
    }
  }
  if (stage.threshold) {
    parts.push(`Votes needed to be elected: ${plain(votes(stage.threshold))}.`);
  }
  parts.push(...(stage.notes ?? []));
  return parts.length > 0 ? parts.join(' ') : 'First preferences.';
}

function stageTable(stages, candidates) {
  const head = el('tr');
  head.append(el('th', 'Candidate'), ...stages.map((s) => el('th', `Stage ${s.stage}`)));
  head.querySelectorAll('th').forEach((th) => th.setAttribute('scope', 'col'));
  $('stage-head').replaceChildren(head);
  $('stage-rows').replaceChildren(...candidates.map((c) => {
    const row = el('tr');
    const name = el('th', c);
    name.setAttribute('scope', 'row');
    row.append(name, ...stages.map((s) => {
      const mark = s.elected.includes(c) ? ' elected' : s.excluded.includes(c) ? ' excluded' : '';
      return el('td', `${s.tallies[c] == null ? '–' : plain(votes(s.tallies[c]))}${mark}`);
    }));
    return row;
  }));
}

async function showResult() {
  $('result').hidden = false;
  let result;
  try {
    result = await callApi(api, `/api/tally/public/ballots/${state.ballotId}/result`, 200);
  } catch (error) {
    if (error?.status === 409) {
      $('result-pending').hidden = false;
      return;
    }
    throw error;
  }
  const elected = result.elected.length === 0 ? 'Nobody was elected.' : `Elected: ${result.elected.join(', ')}.`;
  $('elected').textContent = elected;
  $('totals').textContent = `${result.votes} ${result.votes === 1 ? 'vote' : 'votes'} counted (${result.method}).`;
  const channels = Object.entries(result.votesByChannel ?? {});
  if (channels.length > 0) {
    $('channel-rows').replaceChildren(...channels.map(([channel, n]) => {
      const row = el('tr');
      row.append(el('td', channel), el('td', String(n)));
      return row;
    }));
    $('channels').hidden = false;
  }
  const candidates = Object.keys(result.stages[0]?.tallies ?? {});
  const max = Math.max(1, ...result.stages.flatMap((s) => Object.values(s.tallies).map(votes)));
  $('stages').replaceChildren(...result.stages.map((s) => stageChart(s, candidates, max)));
  stageTable(result.stages, candidates);
  $('result-body').hidden = false;
  const base = `/api/tally/public/ballots/${state.ballotId}/record`;
  $('download-json').href = base;
  $('download-json').setAttribute('download', `${state.ballotId}.json`);
  $('download-blt').href = `${base}?format=blt`;
  $('download-blt').setAttribute('download', `${state.ballotId}.blt`);
  $('saved-name').textContent = `${state.ballotId}.json`;
  $('verify-command').textContent = `./selectorate verify ${state.ballotId}.json`;
  $('downloads').hidden = false;
}

// ------------------------------------------------------------------------------------------------ start

async function start() {
  state.ballotId = idFromPath(window.location.pathname, 'record');
  if (!state.ballotId) {
    showError('This address does not name a ballot.');
    return;
  }
  $('find-form').addEventListener('submit', onFind);
  try {
    const ballot = await callApi(api, `/api/ballots/public/ballots/${state.ballotId}`, 200);
    document.title = `${ballot.title} – record – Selectorate`;
    $('title').textContent = ballot.title;
    $('status-line').textContent = {
      open: `Voting is open until ${when(ballot.closesAt)}.`,
      closed: 'Voting has closed.',
    }[ballot.status] ?? 'Voting has not opened yet.';
    await showHead();
    await showResult();
  } catch (error) {
    showError(explain(error));
  }
}

start();
