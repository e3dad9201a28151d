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

/** Where a term's tightest match window starts and what it scores; NaN when the term does not match. */
interface TermMatch {
  score: number;
  start: number;
}

/**
 * Scores one term into `out`: the leftmost match end, then the latest start that still matches (the tightest
 * window), then a forward pass inside that window. out.score is NaN when the term does not match.
 */
function termScore(text: string, term: readonly string[], positions: number[] | undefined, out: TermMatch): void {
  const last = term.length - 1;
  let end = -1;
  for (let i = 0; i <= last; i++) {
    end = text.indexOf(term[i]!, end + 1);
    if (end < 0) {
      out.score = NaN;
      return;
    }
  }
  // Backwards from the end: the latest position of each character before the next one's.
  let start = end;
  for (let j = last - 1, i = end; j >= 0; j--) {
    i = i > 0 ? text.lastIndexOf(term[j]!, i - 1) : -1;
    if (i < 0) break;
    if (j === 0) start = i;
  }
  if (last === 0) start = end;
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
  out.score = score;
  out.start = start;
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

/**
 * Scores texts against terms, one at a time; after a match, `firstMatchStart` is where the first term's match
 * started in that text (for the caller's own bonuses). One scorer per filter pass: it holds no other state.
 */
export class FuzzyScorer {
  firstMatchStart = -1;
  private readonly term: TermMatch = { score: NaN, start: -1 };

  /**
   * Scores `text` against the terms; undefined when a term does not match. With `positions`, the matched
   * character positions are pushed into it (for highlighting).
   */
  score(text: string, terms: readonly string[] | TermChars, positions?: number[]): number | undefined {
    const chars = typeof terms[0] === 'string' ? termChars(terms as readonly string[]) : (terms as TermChars);
    let total = 0;
    for (let t = 0; t < chars.length; t++) {
      termScore(text, chars[t]!, positions, this.term);
      if (Number.isNaN(this.term.score)) return undefined;
      if (t === 0) this.firstMatchStart = this.term.start;
      total += this.term.score;
    }
    return total;
  }
}

/** FuzzyScorer's score for one text, when the caller needs no more than the score (and the positions). */
export function scoreText(
  text: string,
  terms: readonly string[] | TermChars,
  positions?: number[],
): number | undefined {
  return new FuzzyScorer().score(text, terms, positions);
}
