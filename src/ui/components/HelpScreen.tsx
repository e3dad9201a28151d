// Full help ('?'): every binding of the keymap, by mode, wrapped to the width. It scrolls (arrows, j/k,
// PgUp/PgDn, Home/End) and says when there is more below or above; ? or Esc closes it.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { Mode } from '../keys/binding.js';
import { bindingsFor } from '../keys/lookup.js';
import { wrapText } from '../text-wrap.js';
import { ScrollView, type Line } from './ScrollView.js';

const SECTIONS: Array<[string, Mode]> = [
  ['List', 'list'],
  ['Filter (typing filters; arrows move)', 'filter'],
  ['MFA and name prompts', 'mfa'],
  ['IAM Identity Center sign-in and session chooser', 'choose'],
  ['Console browser (O)', 'browser'],
  ['Help and the full message (!)', 'help'],
];
const KEY = 13;

/** The help's lines at a width: a binding's description wraps under itself. */
export function helpLines(width: number): Line[] {
  const lines: Line[] = [];
  for (const [title, mode] of SECTIONS) {
    lines.push({ text: title, bold: true });
    for (const b of bindingsFor(mode)) {
      if (mode === 'help' && (b.action === 'app.quit' || b.action === 'app.interrupt')) continue;
      const wrapped = wrapText(b.help, Math.max(10, width - KEY - 2));
      wrapped.forEach((text, i) => lines.push({ text: `  ${(i === 0 ? b.label : '').padEnd(KEY)}${text}` }));
    }
  }
  for (const text of wrapText(
    'Any other printable key in the list starts the filter; Esc clears it. Pasted text is always filter text.',
    width,
  ))
    lines.push({ text });
  return lines;
}

export function HelpScreen({ width, height, scroll }: { width: number; height: number; scroll: number }): ReactNode {
  return (
    <Box flexDirection="column" width={width} height={height}>
      <ScrollView lines={helpLines(width)} width={width} height={height} scroll={scroll} />
    </Box>
  );
}
