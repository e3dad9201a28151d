// L with several sso-sessions and no SSO row selected: which one to sign in to. Up/down and Enter, or the
// session's number; Esc cancels.
import type { ReactNode } from 'react';
import type { SsoSessionStatus, StripEntry } from '../../picker/store.js';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { paint } from '../paint.js';
import { countdown } from '../theme.js';
import { Panel, wrapped, type PanelLine } from './Panel.js';

interface Props {
  choices: readonly string[];
  choice: number;
  sessions: readonly SsoSessionStatus[];
  tokens: readonly StripEntry[];
  width: number;
  height: number;
}

export function SessionChooser({ choices, choice, sessions, tokens, width, height }: Props): ReactNode {
  const { theme } = usePicker();
  const now = useNow();
  const title = wrapped('Sign in to which IAM Identity Center session?', width, { bold: true });
  const hint = wrapped('Enter signs in · Esc cancels', width);
  const room = Math.max(1, height - 2 - title.length - hint.length);
  const first = Math.max(0, Math.min(choice - room + 1, choices.length - room));
  const lines: PanelLine[] = choices.slice(first, first + room).map((name, i) => {
    const index = first + i;
    const token = tokens.find((t) => t.label === name);
    const state = sessions.find((s) => s.name === name)?.state;
    const what =
      token && token.expiresAt > now
        ? `token ${countdown(theme, token.expiresAt - now).text}`
        : state === 'expired'
          ? 'expired'
          : 'not logged in';
    const text = `${index === choice ? '› ' : '  '}${index < 9 ? `${index + 1} ` : '  '}${name} (${what})`;
    return index === choice
      ? { text, styled: paint(text, { inverse: true }) }
      : { text, styled: `${text.slice(0, -what.length - 2)}${paint(`(${what})`, { color: theme.dim })}` };
  });
  return <Panel lines={[...title, ...lines, ...hint]} width={width} height={height} />;
}
