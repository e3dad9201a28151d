// One line: the running action's progress per hop, else the latest message (errors in red, never secrets).
// A message longer than the line is cut at a word and says that `!` shows it whole.
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Progress, StatusMessage } from '../../picker/store.js';
import { usePicker } from '../context.js';
import { cutAtWord } from '../text-wrap.js';

export const MORE = ' … (! shows all)';

/** The status text as the line shows it: its first line, cut at a word to the width. */
export function statusText(status: StatusMessage, width: number): string {
  const mark = status.tone === 'error' ? '✗ ' : status.tone === 'ok' ? '✓ ' : '';
  const [first = '', ...rest] = status.text.split('\n');
  const text = `${mark}${first}`;
  if (rest.length === 0) return cutAtWord(text, width, MORE);
  return `${cutAtWord(text, width - MORE.length, '')}${MORE}`;
}

export function StatusLine({
  progress,
  status,
  width,
}: {
  progress: Progress | undefined;
  status: StatusMessage | undefined;
  width: number;
}): ReactNode {
  const { theme } = usePicker();
  if (progress) {
    const step = progress.total > 0 ? `[${progress.step}/${progress.total}] ` : '';
    return (
      <Text wrap="truncate" {...(theme.accent ? { color: theme.accent } : {})}>
        {cutAtWord(`${step}${progress.action} ${progress.label}…  (Esc cancels)`, width, '…')}
      </Text>
    );
  }
  if (!status) return <Text> </Text>;
  const color = theme.tone(status.tone);
  return (
    <Text wrap="truncate" {...(color ? { color } : {})}>
      {statusText(status, width)}
    </Text>
  );
}
