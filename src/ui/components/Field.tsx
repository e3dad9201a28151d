// A one-line text field: the text (or a dim placeholder) and a block cursor. Its text is app state; keys
// reach it through the keymap, so no widget keeps a cursor of its own.
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { usePicker } from '../context.js';

export function Field({
  value,
  placeholder,
  focused = true,
}: {
  value: string;
  placeholder?: string;
  focused?: boolean;
}): ReactNode {
  const { theme } = usePicker();
  return (
    <Text wrap="truncate">
      {value ||
        (placeholder && !focused ? <Text {...(theme.dim ? { color: theme.dim } : {})}>{placeholder}</Text> : '')}
      {focused && <Text inverse> </Text>}
      {!value && placeholder && focused ? <Text {...(theme.dim ? { color: theme.dim } : {})}> {placeholder}</Text> : ''}
    </Text>
  );
}
