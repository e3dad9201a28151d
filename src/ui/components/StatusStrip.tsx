// What the user holds and for how long, side by side: live sessions, the cached MFA session(s) and the
// IAM Identity Center tokens, IAM Identity Center sessions being checked or needing a sign-in, what is kept
// fresh (by the picker, awsx exec --server, use --refreshable) and when it was last renewed, plus whether
// auto-refresh is on. One line: when it does not fit, whole entries go from the end (the count of those
// left out stays, as "+N"), never a word cut in half; "auto-refresh on/off" always stays.
import { Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { isoSeconds } from '../../credentials/export-format.js';
import { freshStripEntries } from '../../picker/kept-fresh.js';
import {
  liveSessions,
  sessionExpiries,
  type PickerSnapshot,
  type SsoSessionStatus,
  type StripEntry,
} from '../../picker/store.js';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { paint } from '../paint.js';
import { countdown, type Theme } from '../theme.js';

type Props = Pick<PickerSnapshot, 'rows' | 'rowState' | 'autoRefresh' | 'keptFresh'> & {
  mfa: readonly StripEntry[];
  sso: readonly StripEntry[];
  /** IAM Identity Center sessions: revalidation progress, or that a sign-in is needed. */
  ssoSessions?: readonly SsoSessionStatus[];
  width: number;
};

/** "corp: 120/500 accounts", "corp: not logged in (L to log in)"; undefined when there is nothing to say. */
export function ssoStatusText(s: SsoSessionStatus): string | undefined {
  switch (s.state) {
    case 'syncing':
      return `${s.name}: ${s.total !== undefined ? `${s.done ?? 0}/${s.total} accounts` : 'listing accounts…'}`;
    case 'logged-out':
      return `${s.name}: not logged in (L to log in)`;
    case 'expired':
      return `${s.name}: session expired (L to log in)`;
    case 'failed':
      return `${s.name}: roles not refreshed`;
    default:
      return undefined;
  }
}

/** A piece of the strip: its text, and the same text styled. */
interface Piece {
  plain: string;
  styled: string;
}
const piece = (plain: string, style: Parameters<typeof paint>[1] = {}): Piece => ({
  plain,
  styled: paint(plain, style),
});
const join = (parts: readonly Piece[]): Piece => ({
  plain: parts.map((p) => p.plain).join(''),
  styled: parts.map((p) => p.styled).join(''),
});

/** A group of entries under a title, at most `max` of them shown. */
interface Group {
  title?: string;
  entries: Piece[];
  max: number;
}

function countdownGroup(theme: Theme, title: string, entries: readonly StripEntry[], now: number, max: number): Group {
  return {
    title,
    max,
    entries: entries.map((e) => {
      const c = countdown(theme, e.expiresAt - now);
      return join([piece(`${e.label} `), piece(c.text, { color: c.color })]);
    }),
  };
}

function render(groups: readonly Group[], shown: readonly number[]): Piece {
  const parts: Piece[] = [];
  groups.forEach((g, i) => {
    const n = shown[i]!;
    if (n === 0) return;
    if (g.title) parts.push(piece(`${g.title} `, { bold: true }));
    g.entries.slice(0, n).forEach((e, j) => parts.push(...(j > 0 ? [piece(', ')] : []), e));
    if (g.entries.length > n) parts.push(piece(` +${g.entries.length - n}`));
    parts.push(piece('  '));
  });
  return join(parts);
}

/** The strip's line for a width: groups lose entries from the end until it fits. */
export function stripLine(groups: readonly Group[], tail: Piece, width: number): Piece {
  const shown = groups.map((g) => Math.min(g.max, g.entries.length));
  for (;;) {
    const line = join([render(groups, shown), tail]);
    if (line.plain.length <= width) return line;
    const last = shown.findLastIndex((n) => n > 0);
    if (last < 0) return tail;
    shown[last]!--;
  }
}

/** Memoised (its props change with the store, not with typing); re-rendered by the clock while it counts down. */
export const StatusStrip = memo(function StatusStrip({
  rows,
  rowState,
  mfa,
  sso,
  autoRefresh,
  keptFresh,
  ssoSessions = [],
  width,
}: Props): ReactNode {
  const { theme } = usePicker();
  const now = useNow(mfa.length > 0 || sso.length > 0 || sessionExpiries({ rows, rowState }).length > 0);
  const live = liveSessions({ rows, rowState }, now);
  const dim = { color: theme.dim };
  const fresh = freshStripEntries({ rows, rowState, autoRefresh, keptFresh });
  const states = ssoSessions.flatMap((s) => {
    const text = ssoStatusText(s);
    return text
      ? [{ entries: [piece(text, { color: s.state === 'syncing' ? theme.accent : theme.tone('warn') })], max: 1 }]
      : [];
  });
  const nothing = live.length === 0 && mfa.length === 0 && sso.length === 0 && states.length === 0;
  const groups: Group[] = [
    ...(nothing ? [{ entries: [piece('no live sessions', dim)], max: 1 }] : []),
    countdownGroup(theme, 'live', live, now, 3),
    countdownGroup(theme, 'MFA', mfa, now, 2),
    countdownGroup(theme, 'SSO', sso, now, 2),
    ...states,
    {
      title: 'fresh',
      max: 3,
      entries: fresh.map((e) =>
        join([
          piece(e.label),
          ...(e.renewedAt !== undefined ? [piece(` ↻${isoSeconds(new Date(e.renewedAt)).slice(11, 16)}Z`, dim)] : []),
          ...(e.failing ? [piece(' failing', { color: theme.tone('warn') })] : []),
        ]),
      ),
    },
  ];
  const tail = piece(`auto-refresh ${autoRefresh ? 'on' : 'off'}`, dim);
  return <Text wrap="truncate">{stripLine(groups, tail, width).styled}</Text>;
});
