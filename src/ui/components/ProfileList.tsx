// The visible window of the filtered rows under a column header; only `viewRows` rows are rendered,
// whatever the total (20,000 rows cost the same as 20). Rows are keyed by their place on screen: when the
// filter changes, the same row components and Ink nodes show other rows instead of being torn down and
// built again. Column widths come from the rows on screen (columns.ts), kept as the same object while they
// do not change, so a row that did not change is not drawn again.
import { Box, Text } from 'ink';
import { memo, useRef, type ReactNode } from 'react';
import { isKeptFresh } from '../../picker/kept-fresh.js';
import type { PickerRow } from '../../picker/rows.js';
import type { RowState } from '../../picker/store.js';
import { usePicker } from '../context.js';
import { useSessionSnapshot } from '../hooks/useSessionSnapshot.js';
import { columnsFor, sameColumns, type Columns } from '../state/columns.js';
import { fit } from './Highlighted.js';
import { ProfileRowView } from './ProfileRowView.js';

interface Props {
  rows: readonly PickerRow[];
  rowState: Readonly<Record<string, RowState>>;
  terms: readonly string[];
  cursor: number;
  windowStart: number;
  viewRows: number;
  width: number;
  query: string;
  total: number;
}

const Header = memo(function Header({ columns }: { columns: Columns }): ReactNode {
  const { theme } = usePicker();
  const cells = [
    fit('', 2),
    fit('PROFILE', columns.name),
    fit('KIND', columns.badge),
    fit('ACCOUNT', columns.account),
    fit('ROLE', columns.role),
    fit('REGION', columns.region),
    'SESSION'.padStart(columns.expiry),
  ];
  return (
    <Text bold {...(theme.dim ? { color: theme.dim } : {})} wrap="truncate">
      {cells.join('')}
    </Text>
  );
});

/** Widths for the rows on screen; the previous object while they are the same. */
function useColumns(width: number, visible: readonly PickerRow[]): Columns {
  const last = useRef<Columns | undefined>(undefined);
  const next = columnsFor(width, visible);
  if (!sameColumns(last.current, next)) last.current = next;
  return last.current!;
}

export function ProfileList(props: Props): ReactNode {
  const { rows, rowState, terms, cursor, windowStart, viewRows, width, query, total } = props;
  const snapshot = useSessionSnapshot();
  const visible = rows.slice(windowStart, windowStart + viewRows);
  const columns = useColumns(width, visible);
  return (
    <Box flexDirection="column" width={width} height={viewRows + 1}>
      <Header columns={columns} />
      {visible.length === 0 && (
        <Text wrap="truncate">
          {total === 0
            ? '  no profiles: add one with awsx profile add, or check AWS_CONFIG_FILE'
            : `  nothing matches "${query}" (Esc clears the filter)`}
        </Text>
      )}
      {visible.map((row, i) => (
        <ProfileRowView
          key={i}
          row={row}
          state={rowState[row.id]}
          selected={windowStart + i === cursor}
          terms={terms}
          columns={columns}
          fresh={isKeptFresh(row, rowState[row.id], snapshot)}
        />
      ))}
    </Box>
  );
}
