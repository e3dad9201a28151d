// Maps key presses to keymap actions. The mode is read when the key arrives (not when the handler was
// made), so keys typed faster than React re-renders are still read in the right mode: after the first
// letter of a filter, the next letters filter instead of firing one-key actions. `onText` receives
// printable input that no action claimed.
import { useInput } from 'ink';
import { filterText, matchAction, type Action, type Mode } from '../keys/keymap.js';

export function useKeymap(currentMode: () => Mode, onAction: (action: Action, mode: Mode) => void, onText: (text: string, mode: Mode) => void, isActive = true): void {
  useInput(
    (input, key) => {
      const mode = currentMode();
      const action = matchAction(mode, input, key);
      if (action) return onAction(action, mode);
      const text = filterText(input, key);
      if (text !== undefined) onText(text, mode);
    },
    { isActive },
  );
}
