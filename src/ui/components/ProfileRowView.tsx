// One row of the list: marker, name, kind badge, account, role, region and the session countdown, with
// the filter's matches highlighted and the row's state (working, error) shown in place. `↻` before the
// countdown: something keeps the session fresh (the picker's auto-refresh, awsx exec --server, use --refreshable).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { PickerRow } from '../../services/picker-rows.js';
import { fieldMatches } from '../../services/row-filter.js';
import { isKeptFresh } from '../../services/kept-fresh.js';
import { rowExpiry, type RowState } from '../../services/session-store.js';
import { usePicker } from '../context.js';
import { useSessionSnapshot } from '../hooks/useSessionSnapshot.js';
import type { Columns } from '../state/layout.js';
import { countdown } from '../theme.js';
import { fit, Highlighted } from './Highlighted.js';

interface Props {
  row: PickerRow;
  state: RowState | undefined;
  selected: boolean;
  terms: readonly string[];
  columns: Columns;
  now: number;
}

export function ProfileRowView({ row, state, selected, terms, columns, now }: Props): ReactNode {
  const { theme } = usePicker();
  const fresh = isKeptFresh(row, state, useSessionSnapshot());
  const m = (field: Parameters<typeof fieldMatches>[2]): number[] => fieldMatches(row, terms, field);
  const failed = Boolean(row.error) || state?.status === 'error';
  const expiry = rowExpiry(row, state);
  let right: { text: string; color?: string } = { text: '' };
  if (state?.status === 'working') right = { text: '…', ...(theme.accent ? { color: theme.accent } : {}) };
  else if (failed) right = { text: 'error', ...(theme.tone('error') ? { color: theme.tone('error')! } : {}) };
  else if (expiry !== undefined) right = countdown(theme, expiry - now);
  if (fresh && state?.status !== 'working' && !failed) right = { ...right, text: `↻${right.text}` };
  const account = columns.accountName && row.accountName ? `${row.accountId ?? ''} ${row.accountName}` : (row.accountId ?? '');
  const badge = row.error ? 'error' : row.badge;
  return (
    <Box>
      <Text inverse={selected} bold={selected}>{selected ? '› ' : '  '}</Text>
      <Box width={columns.name}>
        <Highlighted text={row.name} width={columns.name - 1} positions={m('name')} bold={selected} {...(failed && theme.tone('error') ? { color: theme.tone('error')! } : {})} />
      </Box>
      <Box width={columns.badge}>
        <Text {...(theme.dim ? { color: badge === 'error' ? theme.tone('error')! : theme.dim } : {})}>{fit(badge, columns.badge - 1)}</Text>
      </Box>
      {columns.account > 0 && (
        <Box width={columns.account}>
          <Highlighted text={account} width={columns.account - 1} positions={columns.accountName && row.accountName ? [...m('accountId'), ...m('accountName').map((p) => p + (row.accountId?.length ?? 0) + 1)] : m('accountId')} />
        </Box>
      )}
      {columns.role > 0 && (
        <Box width={columns.role}>
          <Highlighted text={row.roleName ?? ''} width={columns.role - 1} positions={m('roleName')} />
        </Box>
      )}
      {columns.region > 0 && (
        <Box width={columns.region}>
          <Highlighted text={row.region ?? ''} width={columns.region - 1} positions={m('region')} />
        </Box>
      )}
      <Box width={columns.expiry} justifyContent="flex-end">
        <Text {...(right.color ? { color: right.color } : {})}>{right.text}</Text>
      </Box>
    </Box>
  );
}
