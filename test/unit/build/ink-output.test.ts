// The bundle's frame buffer (scripts/stubs/ink-output.js, in place of Ink's output.js) must give the frame
// Ink's own gives, to the byte, for the same operations: picker-like text, every kind of escape, wide and
// combining characters, clipping, text outside the buffer, and thousands of random frames.
import { describe, expect, it } from 'vitest';
import InkOutput from '../../../node_modules/ink/build/output.js';
import FastOutput from '../../../scripts/stubs/ink-output.js';
import { seededRandom } from '../../../src/emulator/sso-directory.js';

type Op = ['write', number, number, string, Array<(line: string, index: number) => string>] | ['clip', { x1?: number; x2?: number; y1?: number; y2?: number }] | ['unclip'];

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: Array<(line: string, index: number) => string> }): void;
  clip(clip: object): void;
  unclip(): void;
  get(): { output: string; height: number };
}

function frame(Impl: new (o: { width: number; height: number }) => OutputLike, width: number, height: number, ops: Op[]): { output: string; height: number } {
  const out = new Impl({ width, height });
  for (const op of ops) {
    if (op[0] === 'write') out.write(op[1], op[2], op[3], { transformers: op[4] });
    else if (op[0] === 'clip') out.clip(op[1]);
    else out.unclip();
  }
  return out.get();
}

const same = (width: number, height: number, ops: Op[]): void => {
  expect(frame(FastOutput as never, width, height, ops)).toEqual(frame(InkOutput as never, width, height, ops));
};

const E = '\u001B[';
const bold = (s: string): string => `${E}1m${s}${E}22m`;
const color = (n: number, s: string): string => `${E}${n}m${s}${E}39m`;
const underline = (s: string): string => `${E}4m${s}${E}24m`;
const inverse = (s: string): string => `${E}7m${s}${E}27m`;
const dimGray = (s: string): string => `${E}90m${s}${E}39m`;

const PIECES = [
  'payments-prod-12',
  'role    ',
  '123456789012',
  '   ',
  '╭────────╮',
  '│',
  '› ',
  '…',
  '↻42:17',
  '✓ ✗ · ⠋',
  'Zürich ±§°',
  '日本語',
  'e\u0301',
  '👍🏽',
  'flag 🇩🇪',
  '\uFE0F',
  'tab\there',
  '\r',
  `${E}38;5;208morange${E}39m`,
  `${E}38;2;10;20;30mtrue${E}39m`,
  `${E}1;31mcompound${E}0m`,
  `${E}mreset-short`,
  `${E}2mdim${E}22m`,
  `${E}3;4mitalic-underline${E}23;24m`,
  '\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007',
  `${E}12Gcursor`, // not SGR: kept as characters by both
  `${E}1;2`, // cut short
  '\u001B',
  '\u009B31m',
  '',
];


const STYLES = [(s: string) => s, bold, (s: string) => color(31, s), underline, inverse, dimGray, (s: string) => bold(color(36, s)), (s: string) => underline(bold(color(33, s)))];

describe('the bundle frame buffer (ink-output stub)', () => {
  it('draws a picker-like frame as Ink does', () => {
    const row = (selected: boolean, name: string): string =>
      `${selected ? inverse(bold('› ')) : '  '}${bold('pay')}${underline(bold(color(33, 'm')))}${name.padEnd(30)} ${dimGray('role   ')} 123456789012 ${color(32, '  ↻42:17')}`;
    const ops: Op[] = [
      ['write', 0, 0, `${bold(color(36, 'awsx '))}20000 ${bold('/ ')}pay${inverse(' ')}`, []],
      ['write', 0, 1, dimGray('no live sessions  ') + 'auto-refresh on', [(l) => l]],
      ...Array.from({ length: 30 }, (_, i): Op => ['write', 0, 2 + i, row(i === 3, `ments-prod-${i}`), []]),
      ['write', 75, 2, dimGray('╭──────────────────────────────────────────╮'), []],
      ['write', 75, 3, Array.from({ length: 30 }, () => dimGray('│')).join('\n'), []],
      ['clip', { x1: 77, x2: 118, y1: 3, y2: 33 }],
      ['write', 77, 3, 'chain    base -> hop1 -> hop2 -> payments-prod-with-a-very-long-name-that-is-clipped', []],
      ['write', 77, 4, 'wrapped\nlines\nhere and there', [(l, i) => (i === 1 ? bold(l) : l)]],
      ['unclip'],
      ['write', 0, 38, dimGray('↑↓ move  / filter  Enter use  c copy  ? help  q quit'), []],
    ];
    same(120, 39, ops);
  });

  it('reads every kind of text and escape as Ink does', () => {
    for (const piece of PIECES) {
      for (const style of STYLES) {
        same(40, 3, [['write', 1, 1, style(piece), []]]);
        same(40, 3, [['write', 3, 0, `ab${style(piece)}cd\n${piece}`, [(l) => bold(l)]]]);
      }
    }
  });

  it('clips, skips and overflows as Ink does', () => {
    const text = `${color(31, 'red')} 日本 ${bold('bold text that is long')}\nsecond ${underline('line')}\nthird`;
    for (const clip of [{ x1: 2, x2: 10 }, { y1: 1, y2: 2 }, { x1: 0, x2: 5, y1: 0, y2: 1 }, { x1: 30, x2: 40 }, {}]) {
      for (const [x, y] of [[0, 0], [3, 1], [-2, 0], [0, -1], [15, 2], [0, 5], [50, 0]] as const) {
        same(20, 4, [['clip', clip], ['write', x, y, text, []], ['unclip'], ['write', 1, 3, 'after', []]]);
      }
    }
  });

  it('gives the same frames for random operations', () => {
    const next = seededRandom(42);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    for (let f = 0; f < 400; f++) {
      const width = 5 + Math.floor(next() * 60);
      const height = 1 + Math.floor(next() * 8);
      const ops: Op[] = [];
      let clips = 0;
      for (let n = Math.floor(next() * 12); n > 0; n--) {
        const r = next();
        if (r < 0.1) {
          ops.push(['clip', { x1: Math.floor(next() * width), x2: Math.floor(next() * width) + 2, y1: Math.floor(next() * height), y2: Math.floor(next() * height) + 1 }]);
          clips++;
        } else if (r < 0.15 && clips > 0) {
          ops.push(['unclip']);
          clips--;
        } else {
          const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(STYLES)(pick(PIECES))).join(''));
          ops.push(['write', Math.floor(next() * (width + 4)) - 2, Math.floor(next() * (height + 2)) - 1, lines.join('\n'), next() < 0.3 ? [(l: string) => bold(l)] : []]);
        }
      }
      same(width, height, ops);
    }
  });
});
