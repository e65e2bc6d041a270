// "Am I on the roll?", /roll/{selection}: a member's number and email, both needed to get their entry; the entry's
// inclusion proof checked on this device against the root the roll was frozen with.

import { callApi } from './voter.js';
import { rollLeafHash, verifyInclusion } from './proofs.js';
import { $, check, clearError, explain, idFromPath, showError } from './page-kit.js';

const api = (url, init) => window.fetch(url, init);
let selectionId = null;

async function onCheck(event) {
  event.preventDefault();
  clearError();
  $('answer').hidden = true;
  const membershipNumber = $('number').value.trim();
  const email = $('email').value.trim();
  if (!membershipNumber || !email) {
    showError('Type both your membership number and your email address.');
    return;
  }
  const button = $('roll-submit');
  button.disabled = true;
  try {
    const answer = await callApi(api, `/api/membership/public/selections/${selectionId}/roll/check`, 200,
      { membershipNumber, email });
    await show(answer);
  } catch (error) {
    showError(explain(error));
  } finally {
    button.disabled = false;
  }
}

async function show(answer) {
  $('entry').hidden = !answer.onRoll;
  $('not-on-roll').hidden = answer.onRoll;
  if (answer.onRoll) {
    const leaf = JSON.parse(answer.leaf);
    $('answer-heading').textContent = 'You are on the roll';
    $('entry-name').textContent = leaf.name;
    $('entry-branch').textContent = leaf.branch;
    $('entry-version').textContent = String(answer.version);
    $('entry-size').textContent = String(answer.treeSize);
    $('entry-root').textContent = answer.root;
    const leafOk = (await rollLeafHash(answer.leaf)) === answer.leafHash;
    const proofOk = await verifyInclusion(answer.leafIndex, answer.treeSize, answer.leafHash, answer.proof, answer.root);
    $('entry-checks').replaceChildren(
      check(leafOk, 'your entry is exactly the one shown.',
        'your entry does not match its fingerprint. Tell the scrutineer.'),
      check(proofOk, `your entry is one of the ${answer.treeSize} on the frozen roll.`,
        'the proof does not lead to the roll\'s root. Tell the scrutineer.'));
  } else {
    $('answer-heading').textContent = 'Not found on the roll';
  }
  $('answer').hidden = false;
  $('answer').focus();
}

selectionId = idFromPath(window.location.pathname, 'roll');
if (selectionId) {
  $('roll-form').addEventListener('submit', onCheck);
} else {
  showError('This address does not name a selection.');
}
