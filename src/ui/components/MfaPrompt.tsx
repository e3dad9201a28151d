// The inline MFA prompt: digits only (six at most), Enter submits, Esc cancels; after a rejected code it
// says why and asks again. The same prompt asks for the encrypted key file's passphrase, masked.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { MfaAsk } from '../../services/session-store.js';
import { usePicker } from '../context.js';
import { Field } from './Field.js';

interface Props {
  ask: MfaAsk;
  code: string;
  width: number;
  height: number;
}

export const digitsOnly = (text: string): string => text.replace(/\D/g, '').slice(0, 6);

export function MfaPrompt({ ask, code, width, height }: Props): ReactNode {
  const { theme } = usePicker();
  const warn = theme.tone('warn');
  if (ask.passphrase) return <PassphrasePrompt ask={ask} code={code} width={width} height={height} />;
  return (
    <Box borderStyle="round" {...(theme.accent ? { borderColor: theme.accent } : {})} flexDirection="column" width={width} height={height} paddingX={1}>
      <Text bold wrap="truncate">
        MFA code for {ask.profile ?? ask.serial}
        {ask.attempt > 1 ? ` (attempt ${ask.attempt})` : ''}
      </Text>
      <Box>
        <Text>code: </Text>
        <Field value={code} placeholder="6 digits" />
      </Box>
      {ask.reason && (
        <Box height={Math.max(1, Math.min(3, height - 5))} overflow="hidden">
          <Text wrap="wrap" {...(warn ? { color: warn } : {})}>
            {ask.reason}
          </Text>
        </Box>
      )}
      <Text wrap="truncate-middle">device {ask.serial}</Text>
      <Text wrap="truncate">Enter submits · Esc cancels</Text>
    </Box>
  );
}

/** The key file's passphrase: any characters, shown as dots; asked once per picker session. */
function PassphrasePrompt({ ask, code, width, height }: Props): ReactNode {
  const { theme } = usePicker();
  const warn = theme.tone('warn');
  return (
    <Box borderStyle="round" {...(theme.accent ? { borderColor: theme.accent } : {})} flexDirection="column" width={width} height={height} paddingX={1}>
      <Text bold wrap="truncate">
        Passphrase of the encrypted key file{ask.attempt > 1 ? ` (attempt ${ask.attempt})` : ''}
      </Text>
      <Box>
        <Text>passphrase: </Text>
        <Field value={'•'.repeat(code.length)} placeholder="asked once per session" />
      </Box>
      {ask.reason && (
        <Text wrap="truncate" {...(warn ? { color: warn } : {})}>
          {ask.reason}
        </Text>
      )}
      <Text wrap="truncate-middle">file {ask.serial}</Text>
      <Text wrap="truncate">Enter submits · Esc cancels</Text>
    </Box>
  );
}
