// A small fzf-style (v1) matcher: every space-separated term must appear in order in the text; a match is
// scored by word-boundary starts, consecutive runs and gaps. Texts are lower-cased by the caller; a 31-bit
// mask of the characters a text holds rejects most texts before any scan.

const BOUNDARY = new Uint8Array(128);
for (const c of ' -_/.:@=,+') BOUNDARY[c.charCodeAt(0)] = 1;

export function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) % 31);
  return mask;
}

export function splitTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

let windowStart = -1;

/**
 * Scores one term: the leftmost match end, then the latest start that still matches (the tightest
 * window), then a forward pass inside that window. NaN when the term does not match.
 */
function termScore(text: string, term: string, positions: number[] | undefined): number {
  const last = term.length - 1;
  const length = text.length;
  let end = -1;
  for (let i = 0; i <= last; i++) {
    const code = term.charCodeAt(i);
    do if (++end >= length) return NaN;
    while (text.charCodeAt(end) !== code);
  }
  let start = end;
  for (let j = last, i = end; i >= 0; i--) {
    if (text.charCodeAt(i) === term.charCodeAt(j) && --j < 0) {
      start = i;
      break;
    }
  }
  windowStart = start;
  let score = -start * 0.05; // earlier is a little better
  let prev = -2;
  let pos = start - 1;
  for (let i = 0; i <= last; i++) {
    const code = term.charCodeAt(i);
    do pos++;
    while (text.charCodeAt(pos) !== code);
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
export function matchesAll(text: string, terms: readonly string[]): boolean {
  const length = text.length;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    let pos = -1;
    for (let i = 0; i < term.length; i++) {
      const code = term.charCodeAt(i);
      do if (++pos >= length) return false;
      while (text.charCodeAt(pos) !== code);
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
export function scoreText(text: string, terms: readonly string[], positions?: number[]): number | undefined {
  let total = 0;
  for (let t = 0; t < terms.length; t++) {
    const score = termScore(text, terms[t]!, positions);
    if (Number.isNaN(score)) return undefined;
    if (t === 0) firstMatchStart = windowStart;
    total += score;
  }
  return total;
}
