// The box beside or under the list that prompts and panels draw in: lines already wrapped to its inner
// width, inside a round border of a fixed height. Lines that do not fit end in a line saying so, so the
// border is never overdrawn and nothing is hidden without a word.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { usePicker } from '../context.js';
import { paint } from '../paint.js';
import { wrapText } from '../text-wrap.js';

export interface PanelLine {
  text: string;
  bold?: boolean;
  color?: string | undefined;
  /** The line with styles of its own (a field's cursor); `text` is its plain form. */
  styled?: string;
}

/** The inner width of a panel `width` columns wide (border and padding). */
export const innerWidth = (width: number): number => Math.max(1, width - 4);

/** `text` wrapped to the panel's inner width, each line in the same style. */
export function wrapped(text: string, width: number, style: Omit<PanelLine, 'text' | 'styled'> = {}): PanelLine[] {
  return wrapText(text, innerWidth(width)).map((t) => ({ text: t, ...style }));
}

/** Lines a panel needs to show `lines` whole: they and the border. */
export const panelHeight = (lines: readonly PanelLine[]): number => lines.length + 2;

export function Panel({
  lines,
  width,
  height,
  accent = true,
}: {
  lines: readonly PanelLine[];
  width: number;
  height: number;
  accent?: boolean;
}): ReactNode {
  const { theme } = usePicker();
  const room = Math.max(1, height - 2);
  const cut = lines.length > room;
  const shown = cut ? lines.slice(0, room - 1) : lines;
  const color = accent ? theme.accent : theme.dim;
  return (
    <Box
      borderStyle="round"
      {...(color ? { borderColor: color } : {})}
      flexDirection="column"
      width={width}
      height={height}
      paddingX={1}
      overflow="hidden"
    >
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l.styled ?? paint(l.text, { bold: l.bold, color: l.color })}
        </Text>
      ))}
      {cut && (
        <Text wrap="truncate">
          {paint(`… ${lines.length - shown.length} more lines: enlarge the terminal`, { color: theme.tone('warn') })}
        </Text>
      )}
    </Box>
  );
}
