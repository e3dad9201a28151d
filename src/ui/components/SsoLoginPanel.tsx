// The IAM Identity Center sign-in, inline: the device code and where to confirm it (or the URL the browser
// was sent to, for the PKCE flow), a spinner while the approval is awaited, Esc cancels. It shows what the
// user has to see and no token.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SsoLoginPanel as Panel } from '../../services/session-store.js';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { countdown } from '../theme.js';

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

interface Props {
  login: Panel;
  width: number;
  height: number;
}

function Line({ label, children }: { label: string; children: ReactNode }): ReactNode {
  return (
    <Box>
      <Box width={7} flexShrink={0}>
        <Text>{label}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        {/* a URL the user may have to type: wrapped, never cut */}
        <Text wrap="wrap">{children}</Text>
      </Box>
    </Box>
  );
}

export function SsoLoginPanel({ login, width, height }: Props): ReactNode {
  const { theme } = usePicker();
  const now = useNow();
  const spinner = SPINNER[Math.floor(now / 1000) % SPINNER.length];
  const accent = theme.accent ? { color: theme.accent } : {};
  const left = login.expiresAt !== undefined ? countdown(theme, login.expiresAt - now) : undefined;
  const waiting =
    login.phase === 'starting'
      ? 'starting the sign-in…'
      : login.flow === 'device'
        ? `waiting for approval${left ? ` (${left.text} left)` : ''}`
        : 'waiting for the sign-in in the browser';
  const where = login.opened ? 'the browser was opened' : login.url ? 'open the URL in a browser' : '';
  return (
    <Box borderStyle="round" {...(theme.accent ? { borderColor: theme.accent } : {})} flexDirection="column" width={width} height={height} paddingX={1} overflow="hidden">
      <Text bold wrap="truncate">
        Sign in to IAM Identity Center: {login.session}
      </Text>
      {login.flow === 'device' && login.userCode ? (
        <>
          <Line label="code">
            <Text bold inverse>{` ${login.userCode} `}</Text>
          </Line>
          <Line label="at">{login.verificationUri}</Line>
        </>
      ) : (
        <Line label="URL">{login.url ?? login.startUrl}</Line>
      )}
      <Text wrap="truncate">
        <Text {...accent}>{spinner}</Text> {waiting}
      </Text>
      <Text wrap="truncate" {...(theme.dim ? { color: theme.dim } : {})}>
        {where ? `${where} · ` : ''}Esc cancels
      </Text>
    </Box>
  );
}
