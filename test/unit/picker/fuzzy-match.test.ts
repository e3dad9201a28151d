// The matcher scans with indexOf/lastIndexOf; it must score, match and place highlights exactly as the
// character-by-character version it replaced (kept here as the reference) on any text and terms.
import { describe, expect, it } from 'vitest';
import { FuzzyScorer, matchesAll, scoreText, splitTerms } from '../../../src/picker/fuzzy-match.js';
import { seededRandom } from '../../../src/emulator/sso-directory.js';

const BOUNDARY = new Uint8Array(128);
for (const c of ' -_/.:@=,+') BOUNDARY[c.charCodeAt(0)] = 1;

/** The previous implementation, verbatim in behaviour: [score or undefined, first term's window start, positions]. */
function reference(text: string, terms: readonly string[]): [number | undefined, number, number[]] {
  const positions: number[] = [];
  let total = 0;
  let first = -1;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    const last = term.length - 1;
    let end = -1;
    let failed = false;
    for (let i = 0; i <= last && !failed; i++) {
      const code = term.charCodeAt(i);
      do {
        if (++end >= text.length) failed = true;
      } while (!failed && text.charCodeAt(end) !== code);
    }
    if (failed) return [undefined, first, positions];
    let start = end;
    for (let j = last, i = end; i >= 0; i--) {
      if (text.charCodeAt(i) === term.charCodeAt(j) && --j < 0) {
        start = i;
        break;
      }
    }
    if (t === 0) first = start;
    let score = -start * 0.05;
    let prev = -2;
    let pos = start - 1;
    for (let i = 0; i <= last; i++) {
      const code = term.charCodeAt(i);
      do pos++;
      while (text.charCodeAt(pos) !== code);
      positions.push(pos);
      score += 16;
      if (pos === 0 || BOUNDARY[text.charCodeAt(pos - 1) & 127] === 1) score += i === 0 ? 12 : 8;
      if (pos === prev + 1) score += 6;
      else if (prev >= 0) score -= 3 + Math.min(pos - prev - 2, 20);
      prev = pos;
    }
    total += score;
  }
  return [total, first, positions];
}

describe('fuzzy matcher', () => {
  it('scores, matches and places positions as the character-by-character matcher did', () => {
    const next = seededRandom(7);
    const alphabet = 'aabbcdeeimnoprst-_/.: 019xyz';
    const word = (min: number, max: number): string =>
      Array.from(
        { length: min + Math.floor(next() * (max - min + 1)) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
    for (let n = 0; n < 20_000; n++) {
      const text = word(0, 40);
      const terms = splitTerms(
        next() < 0.3 && text.length > 2
          ? text.slice(Math.floor(next() * text.length), Math.floor(next() * text.length) + 3)
          : word(1, 8),
      );
      const [score, first, positions] = reference(text, terms);
      const got: number[] = [];
      const scorer = new FuzzyScorer();
      expect(scorer.score(text, terms, got), `${JSON.stringify(text)} ${JSON.stringify(terms)}`).toBe(score);
      expect(got).toEqual(positions);
      if (score !== undefined && terms.length > 0) expect(scorer.firstMatchStart).toBe(first);
      expect(matchesAll(text, terms)).toBe(score !== undefined);
    }
  });

  it('handles repeated letters, boundaries and terms longer than the text', () => {
    for (const [text, query] of [
      ['aaaa-aaa', 'aaa'],
      ['payments-prod-admin  123456789012  admin', 'pad'],
      ['x', 'xx'],
      ['', 'a'],
      ['ab ab ab', 'b a'],
      ['eu-west-1  role', 'w1'],
    ] as const) {
      const terms = splitTerms(query);
      const [score, , positions] = reference(text, terms);
      const got: number[] = [];
      expect(scoreText(text, terms, got)).toBe(score);
      expect(got).toEqual(positions);
    }
  });
});
