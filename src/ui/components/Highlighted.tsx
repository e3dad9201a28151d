// Text cut to a width (with '…'), its matched characters highlighted.
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
  positions?: readonly number[];
  color?: string;
  bold?: boolean;
}

export function Highlighted({ text, width, positions, color, bold }: Props): ReactNode {
  const { theme } = usePicker();
  const shown = fit(text, width);
  if (!positions || positions.length === 0) return <Text {...(color ? { color } : {})} bold={bold ?? false}>{shown}</Text>;
  const hits = new Set(positions.filter((p) => p < shown.length && (shown.length === text.length || p < width - 1)));
  const parts: ReactNode[] = [];
  let run = '';
  let runHit = false;
  const flush = (key: number): void => {
    if (!run) return;
    parts.push(
      runHit ? (
        <Text key={key} underline bold {...(theme.match ? { color: theme.match } : {})}>
          {run}
        </Text>
      ) : (
        <Text key={key} {...(color ? { color } : {})} bold={bold ?? false}>
          {run}
        </Text>
      ),
    );
    run = '';
  };
  for (let i = 0; i < shown.length; i++) {
    const hit = hits.has(i);
    if (hit !== runHit) {
      flush(i);
      runHit = hit;
    }
    run += shown[i];
  }
  flush(shown.length);
  return <Text>{parts}</Text>;
}
