// The bundle's fast path in front of string-width (scripts/stubs/string-width-fast.js) must answer exactly
// what each bundled string-width version answers: every character it claims is checked against both.
import { describe, expect, it } from 'vitest';
import stringWidth8 from 'string-width';
import stringWidth7 from '../../../node_modules/wrap-ansi/node_modules/string-width/index.js';
import { fastStringWidth, NARROW_RANGES, narrowWidth } from '../../../scripts/stubs/string-width-fast.js';

describe('string-width fast path', () => {
  it('claims only characters both string-width versions count as one column', () => {
    const wrong: string[] = [];
    for (const [from, to] of NARROW_RANGES) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        if (stringWidth8(ch) !== 1 || stringWidth7(ch) !== 1) wrong.push(`U+${c.toString(16).padStart(4, '0')} ${stringWidth8(ch)}/${stringWidth7(ch)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('matches string-width on picker text, styled text and text it hands on', () => {
    const fast = fastStringWidth(() => stringWidth8);
    const samples = [
      '',
      'payments-prod-12  role  123456789012 Admin',
      '╭──────╮ │ › hop2 … · ↻ ✓ ✗ ∩ ↑↓ ⠋',
      '\u001B[1m\u001B[36mawsx\u001B[39m\u001B[22m 2000 / ',
      'Zürich-Ünïcödé ±§°',
      '日本語', // wide: handed on
      'e\u0301', // combining mark: handed on
      '👍🏽 emoji',
      'soft\u00adhyphen',
      'tab\there',
    ];
    for (const s of samples) expect(fast(s), JSON.stringify(s)).toBe(stringWidth8(s));
    expect(narrowWidth('日本')).toBe(-1);
    expect(fast('·', { ambiguousIsNarrow: false })).toBe(stringWidth8('·', { ambiguousIsNarrow: false }));
  });
});
