// The inline MFA prompt: digits only (six at most), Enter submits, Esc cancels; after a rejected code it
// says why and asks again.
import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import type { ReactNode } from 'react';
import type { MfaAsk } from '../../services/session-store.js';
import { usePicker } from '../context.js';

interface Props {
  ask: MfaAsk;
  code: string;
  onChange: (code: string) => void;
  width: number;
  height: number;
}

export const digitsOnly = (text: string): string => text.replace(/\D/g, '').slice(0, 6);

export function MfaPrompt({ ask, code, onChange, width, height }: Props): ReactNode {
  const { theme } = usePicker();
  const warn = theme.tone('warn');
  return (
    <Box borderStyle="round" {...(theme.accent ? { borderColor: theme.accent } : {})} flexDirection="column" width={width} height={height} paddingX={1}>
      <Text bold wrap="truncate">
        MFA code for {ask.profile ?? ask.serial}
        {ask.attempt > 1 ? ` (attempt ${ask.attempt})` : ''}
      </Text>
      <Text wrap="truncate">device {ask.serial}</Text>
      {ask.reason && (
        <Text wrap="truncate" {...(warn ? { color: warn } : {})}>
          {ask.reason}
        </Text>
      )}
      <Box>
        <Text>code: </Text>
        <TextInput value={code} onChange={(v) => onChange(digitsOnly(v))} placeholder="6 digits" />
      </Box>
      <Text wrap="truncate">Enter submits · Esc cancels</Text>
    </Box>
  );
}
