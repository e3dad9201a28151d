// The first line: the product name, how many rows match, and the filter (with a cursor while it has focus);
// in `awsx demo`, the demo's badge and MFA code at the right. Always one line of the terminal's width: on a
// narrow one the placeholder goes first, then the badge shortens, and a long filter shows its end.
// The filter's text lives in the screen reducer, so a key typed before a re-render still lands in order.
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { paint } from '../paint.js';

interface Props {
  query: string;
  focused: boolean;
  matched: number;
  total: number;
  mode: string;
  width: number;
}

export function TopBar({ query, focused, matched, total, mode, width }: Props): ReactNode {
  const { theme, demo } = usePicker();
  const now = useNow(demo !== undefined);
  const info = demo?.(now);
  const head = `awsx ${query ? `${matched}/${total}` : `${total}`} / `;
  const how = mode === 'role-arn' ? ' (role ARN)' : mode === 'account' ? ' (account)' : '';
  const cursor = focused ? 1 : 0;
  const placeholder = query ? '' : focused ? ' type to filter' : 'type to filter';
  const badges = info ? [` DEMO  MFA code ${info.mfaCode} (${info.secondsLeft}s)`, ` DEMO ${info.mfaCode}`, ''] : [''];
  let badge = badges[0]!;
  let hint = placeholder;
  const used = (): number =>
    head.length + query.length + cursor + hint.length + how.length + (badge ? badge.length + 1 : 0);
  if (used() > width) hint = '';
  for (const b of badges) {
    badge = b;
    if (used() <= width) break;
  }
  // Still too long: the filter's end, where the typing is.
  const room = width - (used() - query.length);
  const shown = query.length <= room ? query : `…${query.slice(query.length - Math.max(0, room - 1))}`;
  const dim = { color: theme.dim };
  const left =
    paint('awsx ', { bold: true, color: theme.accent }) +
    head.slice(5, -2) +
    paint('/ ', { bold: true }) +
    shown +
    (focused ? paint(' ', { inverse: true }) : '') +
    paint(hint, dim) +
    how;
  const leftLength = head.length + shown.length + cursor + hint.length + how.length;
  const right = badge
    ? ' '.repeat(Math.max(1, width - leftLength - badge.length)) +
      paint(' DEMO ', { bold: true, inverse: true }) +
      paint(badge.slice(6), { color: theme.accent })
    : '';
  return <Text wrap="truncate">{left + right}</Text>;
}
