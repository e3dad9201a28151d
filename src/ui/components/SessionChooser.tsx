// L with several sso-sessions and no SSO row selected: which one to sign in to. Up/down and Enter, or the
// session's number; Esc cancels.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SsoSessionStatus, StripEntry } from '../../services/session-store.js';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { countdown } from '../theme.js';

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
  const room = Math.max(1, height - 4);
  const first = Math.max(0, Math.min(choice - room + 1, choices.length - room));
  return (
    <Box borderStyle="round" {...(theme.accent ? { borderColor: theme.accent } : {})} flexDirection="column" width={width} height={height} paddingX={1} overflow="hidden">
      <Text bold wrap="truncate">
        Sign in to which IAM Identity Center session?
      </Text>
      {choices.slice(first, first + room).map((name, i) => {
        const index = first + i;
        const token = tokens.find((t) => t.label === name);
        const state = sessions.find((s) => s.name === name)?.state;
        const what = token && token.expiresAt > now ? `token ${countdown(theme, token.expiresAt - now).text}` : state === 'expired' ? 'expired' : 'not logged in';
        return (
          <Text key={name} wrap="truncate" inverse={index === choice}>
            {index === choice ? '› ' : '  '}
            {index < 9 ? `${index + 1} ` : '  '}
            {name} <Text {...(theme.dim && index !== choice ? { color: theme.dim } : {})}>({what})</Text>
          </Text>
        );
      })}
      <Text wrap="truncate">Enter signs in · Esc cancels</Text>
    </Box>
  );
}
