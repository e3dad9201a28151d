// Text cut to a width (with '…'), its matched characters highlighted. Highlighted goes inside a <Text> (a
// row is one line of text): it gives that text its runs, plain runs as plain strings (no Ink node).
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { usePicker } from '../context.js';

export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, Math.max(0, width - 1))}…`;
}

interface Props {
  text: string;
  width: number;
  positions?: readonly number[] | undefined;
  color?: string;
  bold?: boolean;
}

/** A run of text with a colour and weight: a plain string when it has neither. */
function run(text: string, key: number, color: string | undefined, bold: boolean | undefined): ReactNode {
  if (!color && !bold) return text;
  return (
    <Text key={key} {...(color ? { color } : {})} bold={bold ?? false}>
      {text}
    </Text>
  );
}

export function Highlighted({ text, width, positions, color, bold }: Props): ReactNode {
  const { theme } = usePicker();
  const shown = fit(text, width);
  if (!positions || positions.length === 0) return run(shown, 0, color, bold);
  const hits = new Set(positions.filter((p) => p < shown.length && (shown.length === text.length || p < width - 1)));
  const parts: ReactNode[] = [];
  let from = 0;
  let runHit = false;
  const flush = (to: number): void => {
    if (to <= from) return;
    const part = shown.slice(from, to);
    parts.push(
      runHit ? (
        <Text key={from} underline bold {...(theme.match ? { color: theme.match } : {})}>
          {part}
        </Text>
      ) : (
        run(part, from, color, bold)
      ),
    );
    from = to;
  };
  for (let i = 0; i < shown.length; i++) {
    const hit = hits.has(i);
    if (hit !== runHit) {
      flush(i);
      runHit = hit;
    }
  }
  flush(shown.length);
  return <>{parts}</>;
}
