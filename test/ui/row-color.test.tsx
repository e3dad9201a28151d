// Each row's name is drawn in its identity's colour: awsx_color when valid, else the colour picked from
// the name (the same as its console profile and container); a failed row stays in the error colour, and
// NO_COLOR draws no colour at all.
import chalk from 'chalk';
import { renderToString } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { COLOR_HEX, stableColor } from '../../src/config/identity-color.js';
import { TickingClock } from '../../src/picker/clock.js';
import { SessionStore } from '../../src/picker/store.js';
import { ProfileRowView } from '../../src/ui/components/ProfileRowView.js';
import { PickerProvider, type PickerServices } from '../../src/ui/context.js';
import { columnsFor } from '../../src/ui/state/columns.js';
import { makeTheme } from '../../src/ui/theme.js';
import { row } from './helpers/render-picker.js';

const level = chalk.level;
afterEach(() => {
  chalk.level = level;
});

function draw(r: ReturnType<typeof row>, env: Record<string, string> = {}): string {
  chalk.level = 3;
  const value = {
    actions: {} as PickerServices,
    store: new SessionStore({ rows: [r] }),
    clock: new TickingClock({ now: Date.now }),
    theme: makeTheme(env),
  };
  return renderToString(
    <PickerProvider value={value}>
      <ProfileRowView
        row={r}
        state={undefined}
        selected={false}
        terms={[]}
        columns={columnsFor(100, [r])}
        fresh={false}
      />
    </PickerProvider>,
    { columns: 100 },
  );
}

/** The colour's opening code, then the text (the name is padded to its column inside the colour). */
const painted = (hex: string, text: string): string => chalk.hex(hex)('\0').split('\0')[0]! + text;

describe('row colour', () => {
  it('awsx_color when set, else the stable colour of the name; case and blanks do not matter', () => {
    expect(draw(row('prod', { color: 'Purple ' }))).toContain(painted(COLOR_HEX.purple, 'prod'));
    expect(draw(row('dev'))).toContain(painted(COLOR_HEX[stableColor('dev')], 'dev'));
    // A value outside the palette falls back to the name's colour (awsx console says what is wrong).
    expect(draw(row('dev', { color: 'mauve' }))).toContain(painted(COLOR_HEX[stableColor('dev')], 'dev'));
  });

  it('a failed row keeps the error colour; NO_COLOR draws none', () => {
    expect(draw(row('broken', { color: 'blue', error: 'bad profile' }))).toContain(
      chalk.red('\0').split('\0')[0]! + 'broken',
    );
    expect(draw(row('prod', { color: 'purple' }), { NO_COLOR: '1' })).not.toContain('\u001B[38');
  });
});
