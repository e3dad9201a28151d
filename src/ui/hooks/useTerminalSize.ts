// The terminal's size, following resizes. Tests pass a fixed size instead.
// After a resize the frame is drawn again on a cleared screen: Ink erases its last frame line by line, and
// a terminal that reflowed or cut that frame (narrower, or fewer rows) leaves pieces of it that the new
// frame would overlap. Ink's `write` clears its frame, writes ours (clear the screen, cursor home; the
// picker owns the alternate screen) and draws the frame again, so the new size starts from a clean screen.
import { useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';

export interface Size {
  columns: number;
  rows: number;
}

export const CLEAR_SCREEN = '\x1b[2J\x1b[H';

export function useTerminalSize(fixed?: Size): Size {
  const { stdout, write } = useStdout();
  const read = (): Size => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = (): void => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  // Once the frame for the new size is committed: redraw it on a clean screen.
  const drawn = useRef(size);
  useEffect(() => {
    if (fixed || (drawn.current.columns === size.columns && drawn.current.rows === size.rows)) return;
    drawn.current = size;
    if (stdout.isTTY) write(CLEAR_SCREEN);
  }, [size, fixed, stdout, write]);
  return fixed ?? size;
}
