// One line: the running action's progress per hop, else the latest message (errors in red, never secrets).
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Progress, StatusMessage } from '../../services/session-store.js';
import { usePicker } from '../context.js';

export function StatusLine({ progress, status }: { progress: Progress | undefined; status: StatusMessage | undefined }): ReactNode {
  const { theme } = usePicker();
  if (progress) {
    const step = progress.total > 0 ? `[${progress.step}/${progress.total}] ` : '';
    return (
      <Text wrap="truncate" {...(theme.accent ? { color: theme.accent } : {})}>
        {`${step}${progress.action} ${progress.label}…  (Esc cancels)`}
      </Text>
    );
  }
  if (!status) return <Text> </Text>;
  const color = theme.tone(status.tone);
  return (
    <Text wrap="truncate" {...(color ? { color } : {})}>
      {status.tone === 'error' ? '✗ ' : status.tone === 'ok' ? '✓ ' : ''}
      {status.text}
    </Text>
  );
}
