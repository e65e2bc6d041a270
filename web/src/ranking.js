// The Vote page's ranking, apart from the page so it can be tested without a browser: each candidate gets a
// number (1 = first choice) or none; the numbers must run 1, 2, 3… with no repeats and no gaps.

/**
 * Turns the numbers a voter chose into a ranking. `choices` maps each rankable candidate to a number or 0 (not
 * ranked). Returns {ranking, problems}: the names in order of preference, and what to fix in plain words.
 */
export function rankingFromChoices(candidates, choices) {
  const byNumber = new Map();
  for (const name of candidates) {
    const n = Number(choices.get(name) ?? 0);
    if (n > 0) {
      byNumber.set(n, [...(byNumber.get(n) ?? []), name]);
    }
  }
  const problems = [];
  if (byNumber.size === 0) {
    return { ranking: [], problems: ['Give at least one candidate a number: 1 for your first choice.'] };
  }
  const numbers = [...byNumber.keys()].sort((a, b) => a - b);
  for (const n of numbers) {
    const names = byNumber.get(n);
    if (names.length > 1) {
      problems.push(`You gave number ${n} to more than one candidate (${listOf(names)}). Each number can be used once.`);
    }
  }
  const highest = numbers[numbers.length - 1];
  const missing = [];
  for (let n = 1; n <= highest; n++) {
    if (!byNumber.has(n)) {
      missing.push(n);
    }
  }
  if (missing.length > 0) {
    problems.push(`Your numbers skip ${listOf(missing.map(String))}. Number your choices 1, 2, 3 and so on, with no gaps.`);
  }
  const ranking = problems.length === 0 ? numbers.map((n) => byNumber.get(n)[0]) : [];
  return { ranking, problems };
}

/** "a", "a and b", "a, b and c". */
export function listOf(items) {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The ordinal words the confirmation reads out: "1st choice", "2nd choice"… */
export function ordinal(n) {
  const rem100 = n % 100;
  const suffix = rem100 >= 11 && rem100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The access code from the page's fragment (`#code=7K3M-…`), or '' if none; the fragment never reaches a server. */
export function codeFromFragment(hash) {
  const params = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  return (params.get('code') ?? '').trim();
}

/** The ballot id from the page's path, `/vote/{ballot}`; null if the path has none. */
export function ballotFromPath(pathname) {
  const m = /^\/vote\/([^/?#]+)\/?$/.exec(String(pathname ?? ''));
  if (!m) {
    return null;
  }
  try {
    const id = decodeURIComponent(m[1]);
    return id.trim() === '' ? null : id;
  } catch {
    return null;
  }
}
