// Enter without the shell integration: a program cannot set its parent shell's variables, and printing
// the keys would leave them in the terminal's scrollback. The panel says how to set the integration up
// for the user's shell, and offers a subshell (e) or a copy (c) meanwhile.
import type { ReactNode } from 'react';
import type { ShellSetup } from '../../shell/setup.js';
import { usePicker } from '../context.js';
import type { Theme } from '../theme.js';
import { Panel, wrapped, type PanelLine } from './Panel.js';

interface Props {
  setup: ShellSetup;
  rowName: string;
  width: number;
  height: number;
}

export function setupLines(theme: Theme, { setup, rowName, width }: Omit<Props, 'height'>): PanelLine[] {
  return [
    ...wrapped(
      `Enter cannot set ${rowName} in this shell: it has no awsx integration (and awsx prints no keys here)`,
      width,
      { bold: true },
    ),
    ...wrapped(`Add this line to ${setup.rc}, then open a new ${setup.shell}:`, width),
    ...wrapped(`  ${setup.line}`, width, { color: theme.accent }),
    ...wrapped(`e: a subshell as ${rowName} now · c: copy the export lines · Esc: back`, width),
  ];
}

export function SetupPanel(props: Props): ReactNode {
  const { theme } = usePicker();
  return <Panel lines={setupLines(theme, props)} width={props.width} height={props.height} />;
}
