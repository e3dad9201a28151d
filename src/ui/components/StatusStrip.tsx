// What the user holds and for how long, side by side: live sessions, the cached MFA session(s) and the
// IAM Identity Center tokens, what is kept fresh (KeptFreshStrip), plus whether auto-refresh is on.
import { Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { liveSessions, sessionExpiries, type PickerSnapshot, type SsoSessionStatus, type StripEntry } from '../../services/session-store.js';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { KeptFreshStrip } from './KeptFreshStrip.js';
import { countdown } from '../theme.js';

interface Props {
  /** The rows and their state: the live sessions among them. */
  rows: PickerSnapshot['rows'];
  rowState: PickerSnapshot['rowState'];
  mfa: readonly StripEntry[];
  sso: readonly StripEntry[];
  autoRefresh: boolean;
  /** IAM Identity Center sessions: revalidation progress, or that a sign-in is needed. */
  ssoSessions?: readonly SsoSessionStatus[];
}

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

function SsoStates({ sessions }: { sessions: readonly SsoSessionStatus[] }): ReactNode {
  const { theme } = usePicker();
  return sessions.map((s) => {
    const text = ssoStatusText(s);
    if (!text) return null;
    const color = s.state === 'syncing' ? theme.accent : theme.tone('warn');
    return (
      <Text key={s.name} {...(color ? { color } : {})}>
        {text}
        {'  '}
      </Text>
    );
  });
}

function Entries({ title, entries, now, max }: { title: string; entries: readonly StripEntry[]; now: number; max: number }): ReactNode {
  const { theme } = usePicker();
  if (entries.length === 0) return null;
  const shown = entries.slice(0, max);
  return (
    <Text>
      <Text bold>{title} </Text>
      {shown.map((e, i) => {
        const c = countdown(theme, e.expiresAt - now);
        return (
          <Text key={`${e.label}${i}`}>
            {i > 0 ? ', ' : ''}
            {e.label} <Text {...(c.color ? { color: c.color } : {})}>{c.text}</Text>
          </Text>
        );
      })}
      {entries.length > max ? ` +${entries.length - max}` : ''}
      {'  '}
    </Text>
  );
}

/** Memoised (its props change with the store, not with typing); re-rendered by the clock while it counts down. */
export const StatusStrip = memo(function StatusStrip({ rows, rowState, mfa, sso, autoRefresh, ssoSessions = [] }: Props): ReactNode {
  const { theme } = usePicker();
  const now = useNow(mfa.length > 0 || sso.length > 0 || sessionExpiries({ rows, rowState }).length > 0);
  const live = liveSessions({ rows, rowState }, now);
  const nothing = live.length === 0 && mfa.length === 0 && sso.length === 0 && !ssoSessions.some(ssoStatusText);
  return (
    <Text wrap="truncate">
      {nothing && <Text {...(theme.dim ? { color: theme.dim } : {})}>no live sessions  </Text>}
      <Entries title="live" entries={live} now={now} max={3} />
      <Entries title="MFA" entries={mfa} now={now} max={2} />
      <Entries title="SSO" entries={sso} now={now} max={2} />
      <SsoStates sessions={ssoSessions} />
      <KeptFreshStrip />
      <Text {...(theme.dim ? { color: theme.dim } : {})}>auto-refresh {autoRefresh ? 'on' : 'off'}</Text>
    </Text>
  );
});
