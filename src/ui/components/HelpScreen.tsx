// Full help ('?'): every binding of the keymap, by mode. Any key closes it.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { bindingsFor, type Mode } from '../keys/keymap.js';

const SECTIONS: Array<[string, Mode]> = [
  ['List', 'list'],
  ['Filter (typing filters; arrows move)', 'filter'],
  ['MFA and name prompts', 'mfa'],
  ['IAM Identity Center sign-in and session chooser', 'choose'],
];

export function HelpScreen({ width, height }: { width: number; height: number }): ReactNode {
  const lines: Array<{ text: string; bold?: boolean }> = [];
  for (const [title, mode] of SECTIONS) {
    lines.push({ text: title, bold: true });
    for (const b of bindingsFor(mode)) lines.push({ text: `  ${b.label.padEnd(12)} ${b.help}` });
  }
  lines.push({ text: 'Any other printable key in the list starts the filter. Esc clears it.' });
  const fitted = lines.slice(0, Math.max(1, height));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {fitted.map((l, i) => (
        <Text key={i} bold={l.bold ?? false} wrap="truncate">
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
