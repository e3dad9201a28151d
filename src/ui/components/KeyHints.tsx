// The footer: key hints for the current mode, drawn from the keymap, cut to the width.
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Mode } from '../keys/binding.js';
import { hintsFor } from '../keys/lookup.js';
import { usePicker } from '../context.js';

/** Hints in keymap order, cut to the width; help and quit always stay at the end when there is a help. */
export function hintLine(mode: Mode, width: number): string {
  const all = hintsFor(mode).map(({ label, hint }) => `${label} ${hint}`);
  const tail: string[] = all.filter((h) => h === '? help' || h === 'q quit');
  const tailText = tail.join('  ');
  let line = '';
  for (const part of all.filter((h) => !tail.includes(h))) {
    const next = line ? `${line}  ${part}` : part;
    if (next.length + (tailText ? tailText.length + 2 : 0) > width) break;
    line = next;
  }
  return [line, tailText].filter(Boolean).join('  ');
}

export function KeyHints({ mode, width }: { mode: Mode; width: number }): ReactNode {
  const { theme } = usePicker();
  return (
    <Text wrap="truncate" {...(theme.dim ? { color: theme.dim } : {})}>
      {hintLine(mode, width)}
    </Text>
  );
}
