// 'w': the credentials-file profile name to write the session under; Enter confirms, Esc cancels.
import type { ReactNode } from 'react';
import { usePicker } from '../context.js';
import { paint } from '../paint.js';
import { Panel, wrapped, type PanelLine } from './Panel.js';

interface Props {
  rowName: string;
  name: string;
  width: number;
  height: number;
}

export function nameLines({ rowName, name, width }: Omit<Props, 'height'>): PanelLine[] {
  return [
    ...wrapped(`Write the session of ${rowName} into the credentials file`, width, { bold: true }),
    { text: `as profile [${name} ]`, styled: `as profile [${name}${paint(' ', { inverse: true })}]` },
    ...wrapped(
      'Enter writes it (an earlier session of that name is replaced; long-term keys never) · Esc cancels',
      width,
    ),
  ];
}

export function NamePrompt(props: Props): ReactNode {
  usePicker();
  return <Panel lines={nameLines(props)} width={props.width} height={props.height} />;
}
