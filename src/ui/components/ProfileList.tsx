// The visible window of the filtered rows under a column header; only `viewRows` rows are rendered,
// whatever the total (20,000 rows cost the same as 20).
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { PickerRow } from '../../services/picker-rows.js';
import type { RowState } from '../../services/session-store.js';
import { usePicker } from '../context.js';
import type { Columns } from '../state/layout.js';
import { fit } from './Highlighted.js';
import { ProfileRowView } from './ProfileRowView.js';

interface Props {
  rows: readonly PickerRow[];
  rowState: Readonly<Record<string, RowState>>;
  terms: readonly string[];
  cursor: number;
  windowStart: number;
  viewRows: number;
  columns: Columns;
  width: number;
  now: number;
  query: string;
  total: number;
}

function Header({ columns }: { columns: Columns }): ReactNode {
  const { theme } = usePicker();
  const cells = [fit('', 2), fit('PROFILE', columns.name), fit('KIND', columns.badge), fit(columns.accountName ? 'ACCOUNT' : 'ACCOUNT', columns.account), fit('ROLE', columns.role), fit('REGION', columns.region), 'SESSION'.padStart(columns.expiry)];
  return (
    <Text bold {...(theme.dim ? { color: theme.dim } : {})} wrap="truncate">
      {cells.join('')}
    </Text>
  );
}

export function ProfileList({ rows, rowState, terms, cursor, windowStart, viewRows, columns, width, now, query, total }: Props): ReactNode {
  const visible = rows.slice(windowStart, windowStart + viewRows);
  return (
    <Box flexDirection="column" width={width} height={viewRows + 1}>
      <Header columns={columns} />
      {visible.length === 0 && (
        <Text wrap="truncate">
          {total === 0 ? '  no profiles: add one with awsx profile add, or check AWS_CONFIG_FILE' : `  nothing matches "${query}" (Esc clears the filter)`}
        </Text>
      )}
      {visible.map((row, i) => (
        <ProfileRowView key={row.id} row={row} state={rowState[row.id]} selected={windowStart + i === cursor} terms={terms} columns={columns} now={now} />
      ))}
    </Box>
  );
}
