// The status strip's `fresh` entries: what something keeps fresh (the picker's auto-refresh, awsx exec
// --server, use --refreshable profiles) and when each was last renewed (UTC), the latest first.
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { freshStripEntries } from '../../services/kept-fresh.js';
import { isoSeconds } from '../../services/export-format.js';
import { usePicker } from '../context.js';
import { useSessionSnapshot } from '../hooks/useSessionSnapshot.js';

const MAX = 3;

export function KeptFreshStrip(): ReactNode {
  const { theme } = usePicker();
  const entries = freshStripEntries(useSessionSnapshot());
  if (entries.length === 0) return null;
  return (
    <Text>
      <Text bold>fresh </Text>
      {entries.slice(0, MAX).map((e, i) => (
        <Text key={`${e.label}${i}`}>
          {i > 0 ? ', ' : ''}
          {e.label}
          {e.renewedAt !== undefined && <Text {...(theme.dim ? { color: theme.dim } : {})}> ↻{isoSeconds(new Date(e.renewedAt)).slice(11, 16)}Z</Text>}
          {e.failing && <Text {...(theme.tone('warn') ? { color: theme.tone('warn')! } : {})}> failing</Text>}
        </Text>
      ))}
      {entries.length > MAX ? ` +${entries.length - MAX}` : ''}
      {'  '}
    </Text>
  );
}
