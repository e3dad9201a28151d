// A row is one text node with its runs styled by paint(): the screen must be what nested Ink <Text>
// elements with the same props drew (same chalk, same order), in colour and without.
import chalk from 'chalk';
import { renderToString, Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { fit, highlighted } from '../../src/ui/components/Highlighted.js';
import { paint, type Paint } from '../../src/ui/paint.js';
import { makeTheme } from '../../src/ui/theme.js';

const level = chalk.level;
afterEach(() => {
  chalk.level = level;
});

const draw = (node: React.ReactNode): string => renderToString(<Text wrap="truncate">{node}</Text>, { columns: 120 });

const STYLES: Paint[] = [
  {},
  { bold: true },
  { color: 'gray' },
  { color: 'red', bold: true },
  { underline: true, bold: true, color: 'yellow' },
  { inverse: true, bold: true },
  { color: 'green', inverse: true, underline: true },
  { color: '#ff8800' },
  { color: 'ansi256(208)', bold: true },
  { color: 'rgb(10, 20, 30)' },
  { color: 'nonsense' },
];

describe('paint', () => {
  it.each([0, 1, 2, 3])('draws what a <Text> with the same props draws (chalk level %i)', (l) => {
    chalk.level = l as 0 | 1 | 2 | 3;
    for (const p of STYLES) {
      for (const text of ['payments-prod', '› ', '', 'a \u001B[1mnested\u001B[22m b']) {
        const props = {
          ...(p.color ? { color: p.color } : {}),
          bold: p.bold ?? false,
          underline: p.underline ?? false,
          inverse: p.inverse ?? false,
        };
        expect(draw(paint(text, p)), JSON.stringify([p, text])).toBe(draw(<Text {...props}>{text}</Text>));
      }
    }
  });

  it('highlights as nested <Text> runs did', () => {
    chalk.level = 2;
    const theme = makeTheme({});
    const cases: Array<[string, number, number[] | undefined, Paint]> = [
      ['payments-prod-admin', 25, [0, 1, 2, 9, 10], { bold: true }],
      ['payments-prod-admin', 8, [0, 5, 6, 7, 12], {}],
      ['eu-west-1', 14, [3, 4, 5, 6], { color: 'red' }],
      ['x', 0, [0], {}],
      ['abc', 10, [], { bold: true, color: 'red' }],
      ['abc', 10, undefined, {}],
    ];
    for (const [text, width, positions, base] of cases) {
      const shown = fit(text, width);
      const hits = new Set(
        (positions ?? []).filter((p) => p < shown.length && (shown.length === text.length || p < width - 1)),
      );
      const runs = [...shown].map((ch, i) =>
        hits.has(i) ? (
          <Text key={i} underline bold color={theme.match}>
            {ch}
          </Text>
        ) : (
          <Text key={i} {...(base.color ? { color: base.color } : {})} bold={base.bold ?? false}>
            {ch}
          </Text>
        ),
      );
      expect(draw(highlighted(theme, text, width, positions, base)), text).toBe(draw(<>{runs}</>));
    }
  });
});
