// The first line: the product name, how many rows match, and the filter (with a cursor while it has focus).
// The filter's text lives in the screen reducer, so a key typed before a re-render still lands in order.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { Field } from './Field.js';

interface Props {
  query: string;
  focused: boolean;
  matched: number;
  total: number;
  mode: string;
}

export function TopBar({ query, focused, matched, total, mode }: Props): ReactNode {
  const { theme } = usePicker();
  const count = query ? `${matched}/${total}` : `${total}`;
  const how = mode === 'role-arn' ? ' (role ARN)' : mode === 'account' ? ' (account)' : '';
  return (
    <Box>
      <Text bold {...(theme.accent ? { color: theme.accent } : {})}>
        awsx{' '}
      </Text>
      <Text>{count} </Text>
      <Text bold>/ </Text>
      <Field value={query} placeholder="type to filter" focused={focused} />
      <Text>{how}</Text>
      <DemoBadge />
    </Box>
  );
}

/** In `awsx demo`: say so, and show the MFA code the demo accepts right now. */
function DemoBadge(): ReactNode {
  const { demo, theme } = usePicker();
  const now = useNow(demo !== undefined);
  const info = demo?.(now);
  if (!info) return null;
  return (
    <>
      <Box flexGrow={1} />
      <Text bold inverse>
        {' DEMO '}
      </Text>
      <Text {...(theme.accent ? { color: theme.accent } : {})}>{` MFA code ${info.mfaCode} (${info.secondsLeft}s)`}</Text>
    </>
  );
}
