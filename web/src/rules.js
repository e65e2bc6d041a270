// The rulebook a ballot is counted under, in plain words for the voter. The published rulebook (canonical JSON)
// is shown whole beside these sentences, so a field this page does not know yet is still there to read.

const METHODS = {
  av: 'Votes are counted by the alternative vote. If no candidate has more than half of the votes, the candidate '
    + 'with fewest votes is excluded and their votes go to each voter\'s next choice. This repeats until one '
    + 'candidate has more than half of the votes still in the count.',
};

const TIE_BREAKS = {
  backwards: 'A tie for exclusion is decided by the latest earlier stage at which the tied candidates had '
    + 'different votes, and by lot if they were level at every stage.',
  forwards: 'A tie for exclusion is decided by the earliest stage at which the tied candidates had different '
    + 'votes, and by lot if they were level at every stage.',
  random: 'A tie for exclusion is decided by lot.',
};

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** Sentences describing the rules, in the order a voter needs them; unknown values are named as they are. */
export function ruleSentences(method, rulebook) {
  const r = rulebook ?? {};
  const out = [METHODS[method] ?? `Votes are counted by the method “${method}”.`];
  if (Number.isInteger(r.minimumMonths)) {
    out.push(r.minimumMonths === 0
      ? 'Every member on the roll when it was frozen may vote, however recently they joined.'
      : `Members may vote if they had been members for at least ${plural(r.minimumMonths, 'month', 'months')} `
        + 'when the roll was frozen.');
  }
  if (typeof r.arrearsDisqualify === 'boolean') {
    out.push(r.arrearsDisqualify
      ? 'Members behind with their subscriptions when the roll was frozen are not on it.'
      : 'Members behind with their subscriptions may still vote.');
  }
  if (typeof r.tieBreak === 'string') {
    out.push(TIE_BREAKS[r.tieBreak] ?? `A tie for exclusion is decided by the rule “${r.tieBreak}”.`);
  }
  if (r.seed !== undefined) {
    out.push(`Any lot is drawn from the seed ${r.seed}, fixed and published before voting began, so anyone can `
      + 'repeat the count and get the same result.');
  }
  return out;
}
