// 'w': the credentials-file profile name to write the session under; Enter confirms, Esc cancels.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { usePicker } from '../context.js';
import { Field } from './Field.js';

interface Props {
  rowName: string;
  name: string;
  width: number;
  height: number;
}

export function NamePrompt({ rowName, name, width, height }: Props): ReactNode {
  const { theme } = usePicker();
  return (
    <Box borderStyle="round" {...(theme.accent ? { borderColor: theme.accent } : {})} flexDirection="column" width={width} height={height} paddingX={1}>
      <Text bold wrap="truncate">
        Write the session of {rowName} into the credentials file
      </Text>
      <Box>
        <Text>as profile [</Text>
        <Field value={name} />
        <Text>]</Text>
      </Box>
      <Text wrap="truncate">Enter writes it (an earlier session of that name is replaced; long-term keys never) · Esc cancels</Text>
    </Box>
  );
}
