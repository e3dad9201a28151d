// A small fzf-style (v1) matcher: every space-separated term must appear in order in the text; a match is
// scored by word-boundary starts, consecutive runs and gaps. Texts are lower-cased by the caller. Each scan
// step is a native indexOf/lastIndexOf for the next character of a term: a few calls per text instead of a
// loop over its characters, which also keeps the first keystrokes (before the JIT has compiled anything) fast.

const BOUNDARY = new Uint8Array(128);
for (const c of ' -_/.:@=,+') BOUNDARY[c.charCodeAt(0)] = 1;

export function splitTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Terms as the characters (UTF-16 units) the scans look for, split once per query. */
export type TermChars = readonly (readonly string[])[];

const split = new WeakMap<readonly string[], TermChars>();

export function termChars(terms: readonly string[]): TermChars {
  let chars = split.get(terms);
  if (!chars) split.set(terms, (chars = terms.map((t) => Array.from({ length: t.length }, (_, i) => t.charAt(i)))));
  return chars;
}

let windowStart = -1;

/**
 * Scores one term: the leftmost match end, then the latest start that still matches (the tightest
 * window), then a forward pass inside that window. NaN when the term does not match.
 */
function termScore(text: string, term: readonly string[], positions: number[] | undefined): number {
  const last = term.length - 1;
  let end = -1;
  for (let i = 0; i <= last; i++) {
    end = text.indexOf(term[i]!, end + 1);
    if (end < 0) return NaN;
  }
  // Backwards from the end: the latest position of each character before the next one's.
  let start = end;
  for (let j = last - 1, i = end; j >= 0; j--) {
    i = i > 0 ? text.lastIndexOf(term[j]!, i - 1) : -1;
    if (i < 0) break;
    if (j === 0) start = i;
  }
  if (last === 0) start = end;
  windowStart = start;
  let score = -start * 0.05; // earlier is a little better
  let prev = -2;
  let pos = start - 1;
  for (let i = 0; i <= last; i++) {
    pos = text.indexOf(term[i]!, pos + 1);
    positions?.push(pos);
    score += 16;
    if (pos === 0 || BOUNDARY[text.charCodeAt(pos - 1) & 127] === 1) score += i === 0 ? 12 : 8;
    if (pos === prev + 1) score += 6;
    else if (prev >= 0) score -= 3 + Math.min(pos - prev - 2, 20);
    prev = pos;
  }
  return score;
}

/** Whether every term appears, in order, somewhere in the text (no scoring: the cheap first pass). */
export function matchesAll(text: string, terms: readonly string[] | TermChars): boolean {
  const chars = typeof terms[0] === 'string' ? termChars(terms as readonly string[]) : (terms as TermChars);
  for (let t = 0; t < chars.length; t++) {
    const term = chars[t]!;
    let pos = -1;
    for (let i = 0; i < term.length; i++) {
      pos = text.indexOf(term[i]!, pos + 1);
      if (pos < 0) return false;
    }
  }
  return true;
}

/** Where the first term's match started in the last text scored (for the caller's own bonuses). */
export let firstMatchStart = -1;

/**
 * Scores `text` against the terms; undefined when a term does not match. With `positions`, the matched
 * character positions are pushed into it (for highlighting).
 */
export function scoreText(
  text: string,
  terms: readonly string[] | TermChars,
  positions?: number[],
): number | undefined {
  const chars = typeof terms[0] === 'string' ? termChars(terms as readonly string[]) : (terms as TermChars);
  let total = 0;
  for (let t = 0; t < chars.length; t++) {
    const score = termScore(text, chars[t]!, positions);
    if (Number.isNaN(score)) return undefined;
    if (t === 0) firstMatchStart = windowStart;
    total += score;
  }
  return total;
}
