// One row of the list: marker, name, kind badge, account, role, region and the session countdown, with
// the filter's matches highlighted and the row's state (working, error) shown in place; the name in the
// identity's colour (awsx_color, else one from the name: the colour of its consoles). A keyring profile
// shows its key's age where a role would be, in the warning colour once the key is old. `↻` before the
// countdown: something keeps the session fresh (the picker's auto-refresh, awsx exec --server, use --refreshable).
// The row is one line of text with its columns padded to their widths and its runs already styled (one
// Ink node per row, not a box per column and a text per run): typing redraws every visible row, and Ink
// lays out and draws each node of every frame.
import { Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { COLOR_HEX, rowColor } from '../../config/identity-color.js';
import type { PickerRow } from '../../picker/rows.js';
import type { KeyAge } from '../../profiles/profile-row.js';
import { rowMatches } from '../../picker/filter.js';
import { rowExpiry, type RowState } from '../../picker/store.js';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { keyAgeText, type Columns } from '../state/columns.js';
import { countdown, type Theme } from '../theme.js';
import { paint } from '../paint.js';
import { fit, highlighted } from './Highlighted.js';

interface Props {
  row: PickerRow;
  state: RowState | undefined;
  selected: boolean;
  terms: readonly string[];
  columns: Columns;
  /** Something keeps the row's session fresh (the ↻ marker). */
  fresh: boolean;
}

/** `key 12d`, or `key 120d old` in the warning colour. */
function keyAgeCell(theme: Theme, age: KeyAge, width: number): string {
  const warn = theme.tone('warn');
  const style = age.old ? { color: warn ?? undefined, bold: !warn } : { color: theme.dim ?? undefined };
  return paint(fit(keyAgeText(age), width), style);
}

/** The gap after a column (its last cell), when the column is shown at all. */
const gap = (width: number): string => (width > 0 ? ' ' : '');

/** Memoised: a row re-renders when its own props change (typing, moving onto it), or its countdown ticks. */
export const ProfileRowView = memo(function ProfileRowView({
  row,
  state,
  selected,
  terms,
  columns,
  fresh,
}: Props): ReactNode {
  const { theme } = usePicker();
  const failed = Boolean(row.error) || state?.status === 'error';
  const expiry = rowExpiry(row, state);
  const now = useNow(expiry !== undefined && state?.status !== 'working' && !failed);
  const m = rowMatches(row, terms);
  let right: { text: string; color?: string } = { text: '' };
  if (state?.status === 'working') right = { text: '…', ...(theme.accent ? { color: theme.accent } : {}) };
  else if (failed) right = { text: 'error', ...(theme.tone('error') ? { color: theme.tone('error')! } : {}) };
  else if (expiry !== undefined) right = countdown(theme, expiry - now);
  if (fresh && state?.status !== 'working' && !failed) right = { ...right, text: `↻${right.text}` };
  const withName = columns.accountName && row.accountName;
  const account = withName ? `${row.accountId ?? ''} ${row.accountName}` : (row.accountId ?? '');
  const accountAt = withName
    ? [...(m.accountId ?? []), ...(m.accountName ?? []).map((p) => p + (row.accountId?.length ?? 0) + 1)]
    : m.accountId;
  const badge = row.error ? 'error' : row.badge;
  const roleCell =
    !row.roleName && row.keyAge
      ? keyAgeCell(theme, row.keyAge, columns.role - 1)
      : highlighted(theme, row.roleName ?? '', columns.role - 1, m.roleName);
  const error = theme.tone('error');
  const identity = theme.color ? COLOR_HEX[rowColor(row.targetText, row.color)] : undefined;
  const line =
    (selected ? paint('› ', { inverse: true, bold: true }) : '  ') +
    highlighted(theme, row.name, columns.name - 1, m.name, { bold: selected, color: failed ? error : identity }) +
    gap(columns.name) +
    paint(fit(badge, columns.badge - 1), { color: theme.dim ? (badge === 'error' ? error : theme.dim) : undefined }) +
    gap(columns.badge) +
    (columns.account > 0 ? highlighted(theme, account, columns.account - 1, accountAt) : '') +
    gap(columns.account) +
    (columns.role > 0 ? roleCell : '') +
    gap(columns.role) +
    (columns.region > 0 ? highlighted(theme, row.region ?? '', columns.region - 1, m.region) : '') +
    gap(columns.region) +
    ' '.repeat(Math.max(0, columns.expiry - right.text.length)) +
    paint(right.text, { color: right.color });
  return <Text wrap="truncate">{line}</Text>;
});
