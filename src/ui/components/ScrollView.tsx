// Lines in a window of `height`, from line `scroll`; the last line says what is above and below when the
// lines do not all fit, so nothing is hidden without a word.
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { usePicker } from '../context.js';

export interface Line {
  text: string;
  bold?: boolean;
  color?: string | undefined;
}

/** How far lines can scroll in a window of `height` (one line of it says "more below"). */
export function scrollMax(count: number, height: number): number {
  return count <= height ? 0 : count - Math.max(1, height - 1);
}

export function ScrollView({
  lines,
  width,
  height,
  scroll,
}: {
  lines: readonly Line[];
  width: number;
  height: number;
  scroll: number;
}): ReactNode {
  const { theme } = usePicker();
  const fitsAll = lines.length <= height;
  const room = fitsAll ? height : Math.max(1, height - 1);
  const top = fitsAll ? 0 : Math.min(scroll, scrollMax(lines.length, height));
  const shown = lines.slice(top, top + room);
  const below = lines.length - top - shown.length;
  const where = [top > 0 ? `${top} more above` : '', below > 0 ? `${below} more below (↓/j, PgDn)` : 'end']
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      {shown.map((l, i) => (
        <Text key={i} bold={l.bold ?? false} wrap="truncate" {...(l.color ? { color: l.color } : {})}>
          {l.text.slice(0, width) || ' '}
        </Text>
      ))}
      {!fitsAll && (
        <Text wrap="truncate" {...(theme.accent ? { color: theme.accent } : {})}>
          {`── ${where} · Esc closes`.slice(0, width)}
        </Text>
      )}
    </>
  );
}
