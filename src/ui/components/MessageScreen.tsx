// '!': the last message, the last error (kept after other messages replaced it) and the selected row's
// error, each in full and wrapped, with its fix. It scrolls like help; Esc or any other key closes it.
import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { PickerRow } from '../../picker/rows.js';
import type { PickerSnapshot } from '../../picker/store.js';
import { usePicker } from '../context.js';
import type { Theme } from '../theme.js';
import { wrapText } from '../text-wrap.js';
import { ScrollView, type Line } from './ScrollView.js';

type Source = Pick<PickerSnapshot, 'status' | 'lastError' | 'rowState'>;

/** The full message's lines at a width. */
export function messageLines(s: Source, row: PickerRow | undefined, width: number, theme: Theme): Line[] {
  const lines: Line[] = [];
  const add = (title: string, text: string, color: string | undefined): void => {
    if (lines.length > 0) lines.push({ text: '' });
    lines.push({ text: title, bold: true });
    for (const t of wrapText(text, width - 2)) lines.push({ text: `  ${t}`, color });
  };
  if (s.status) add('Last message', s.status.text, theme.tone(s.status.tone));
  if (s.lastError && s.lastError !== s.status) add('Last error', s.lastError.text, theme.tone('error'));
  const state = row ? s.rowState[row.id] : undefined;
  const rowError = row?.error ?? (state?.status === 'error' ? state.error : undefined);
  if (row && rowError && rowError !== s.status?.text && rowError !== s.lastError?.text)
    add(`Error of ${row.name}`, rowError, theme.tone('error'));
  if (row && state?.note) add(`Note on ${row.name}`, state.note, theme.tone('warn'));
  if (lines.length === 0) lines.push({ text: 'No messages yet.' });
  return lines;
}

export function MessageScreen({
  snapshot,
  row,
  width,
  height,
  scroll,
}: {
  snapshot: Source;
  row: PickerRow | undefined;
  width: number;
  height: number;
  scroll: number;
}): ReactNode {
  const { theme } = usePicker();
  return (
    <Box flexDirection="column" width={width} height={height}>
      <ScrollView lines={messageLines(snapshot, row, width, theme)} width={width} height={height} scroll={scroll} />
    </Box>
  );
}
