// The picker's screen with ink-testing-library: filtering, navigation, prompts, countdowns, errors, help.
import { describe, expect } from 'vitest';
import { BACKSPACE, CTRL_C, DOWN, ENTER, ESC, PAGE_DOWN, PASTE_END, PASTE_START, TAB, UP } from './helpers/keys.js';
import { pickerTest as it, row } from './helpers/render-picker.js';

const ROWS = [
  row('prod-admin', {
    accountId: '111111111111',
    roleName: 'Admin',
    region: 'eu-west-1',
    badge: 'MFA',
    needsMfa: true,
    mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
    roleArn: 'arn:aws:iam::111111111111:role/Admin',
  }),
  row('prod-read', { accountId: '111111111111', roleName: 'ReadOnly', region: 'eu-west-1', hasExternalId: true }),
  row('staging', { accountId: '222222222222', roleName: 'Deploy', region: 'us-east-1' }),
  row('sandbox', { accountId: '333333333333', roleName: 'Dev' }),
];

const selected = (frame: string): string | undefined => /› (\S+)/.exec(frame)?.[1];

describe('picker list', () => {
  it('lists every row with kind, account and role, and the key hints', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    const f = ui.frame();
    expect(f).toMatch(/› prod-admin +MFA +111111111111 +Admin/);
    expect(f).toMatch(/staging +role +222222222222 +Deploy/);
    expect(f).toContain('awsx 4 /');
    expect(f).toMatch(/Enter use +\/ filter +c copy/);
    expect(f).toMatch(/\? help +q quit/);
  });

  it('moves the selection with the arrows and shows the selected row in the detail pane', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS, size: { columns: 140, rows: 30 } });
    await ui.type(DOWN, DOWN);
    expect(selected(ui.frame())).toBe('staging');
    expect(ui.frame()).toMatch(/chain +base -> staging/);
    await ui.type(UP);
    expect(selected(ui.frame())).toBe('prod-read');
    expect(ui.frame()).toMatch(/ext\. id +set/);
  });

  it('starts filtering on a printable key, narrows the rows, and Esc clears', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('s', 't', 'g');
    let f = ui.frame();
    expect(f).toContain('awsx 1/4 / stg');
    expect(f).toContain('› staging');
    expect(f).not.toContain('prod-admin');
    await ui.type(ESC);
    f = ui.frame();
    expect(f).toContain('awsx 4 /');
    expect(f).toContain('prod-admin');
  });

  it('filters on account id, role and region too; a pasted role ARN jumps to its row', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type(`${PASTE_START}arn:aws:iam::111111111111:role/ReadOnly${PASTE_END}`);
    const f = ui.frame();
    expect(f).toContain('(role ARN)');
    expect(f).toContain('› prod-read');
    expect(f).not.toContain('prod-admin ');
  });

  it('Tab leaves the filter so one-key actions work on the filtered rows', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('/', 's', 'a', 'n', 'd', TAB, 'c');
    expect(ui.actions.copy).toHaveBeenCalledWith('profile:sandbox');
  });

  it('says so when nothing matches', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('z', 'z', 'q');
    expect(ui.frame()).toContain('nothing matches "zzq"');
  });

  it('renders only the visible window of 20,000 rows and pages through them', async ({ renderPicker }) => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      row(`acct-${String(i).padStart(5, '0')}`, { accountId: String(100000000000 + i) }),
    );
    const ui = await renderPicker({ rows: many, size: { columns: 80, rows: 24 } });
    const f = ui.frame();
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    expect(f).toContain('acct-00000');
    expect(f).not.toContain('acct-00100');
    await ui.type(PAGE_DOWN);
    expect(selected(ui.frame())).toMatch(/^acct-000\d\d$/);
    expect(ui.frame()).not.toContain('acct-00000');
  });

  it('fits 80x24 with every line inside 80 columns', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS, size: { columns: 80, rows: 24 } });
    const lines = ui.frame().split('\n');
    expect(lines.length).toBe(23);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('picker actions', () => {
  it('Enter uses the selected row and exits with it', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type(DOWN, ENTER);
    await ui.waitFor(() => ui.outcomes.length > 0, 'the exit');
    expect(ui.actions.use).toHaveBeenCalledWith('profile:prod-read');
    expect(ui.outcomes[0]).toMatchObject({ kind: 'use', rowId: 'profile:prod-read' });
  });

  it('a chunk of keys read at once ("sand\\r") filters first, then uses the row the filter selected', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('sand\r');
    await ui.waitFor(() => ui.outcomes.length > 0, 'the exit');
    expect(ui.actions.use).toHaveBeenCalledWith('profile:sandbox');
  });

  it('keys read in one chunk are keys, in order: "ff" cycles the format twice, "ffffc" four times and copies', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('ff');
    expect(ui.actions.cycleFormat).toHaveBeenCalledTimes(2);
    expect(ui.frame()).toContain('awsx 4 / type to filter');
    await ui.type('ffffc');
    expect(ui.actions.cycleFormat).toHaveBeenCalledTimes(6);
    expect(ui.actions.copy).toHaveBeenCalledWith('profile:prod-admin');
    expect(ui.frame()).toContain('awsx 4 / type to filter');
  });

  it('a chunk starting with a key that is no action filters from there on: "/ff" and "sff" filter', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('/ff');
    expect(ui.frame()).toContain('awsx 0/4 / ff');
    await ui.type(ESC, 'staf');
    expect(ui.frame()).toContain('awsx 0/4 / staf');
    expect(ui.actions.cycleFormat).not.toHaveBeenCalled();
  });

  it('pasted text (bracketed paste) is filter text even when it starts with action letters; a newline in it is not Enter', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type(`${PASTE_START}admin\r${PASTE_END}`);
    expect(ui.frame()).toContain('awsx 1/4 / admin');
    expect(ui.actions.toggleAutoRefresh).not.toHaveBeenCalled();
    expect(ui.actions.forget).not.toHaveBeenCalled();
    expect(ui.actions.use).not.toHaveBeenCalled();
  });

  it('typing fast after the first letter filters instead of firing one-key actions', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('p', 'rod\t', 'c');
    expect(ui.actions.refresh).not.toHaveBeenCalled();
    expect(ui.actions.openConsole).not.toHaveBeenCalled();
    expect(ui.actions.forget).not.toHaveBeenCalled();
    expect(ui.actions.copy).toHaveBeenCalledWith('profile:prod-admin');
  });

  it('does not exit when use fails (the error stays on screen)', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    ui.actions.use.mockResolvedValue(undefined);
    await ui.type(ENTER);
    expect(ui.outcomes).toEqual([]);
  });

  it.for([
    ['c', 'copy'],
    ['o', 'openConsole'],
    ['i', 'whoami'],
    ['r', 'refresh'],
    ['d', 'forget'],
  ] as const)('%s calls %s on the selected row', async ([key, method], { renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type(key);
    expect(ui.actions[method]).toHaveBeenCalledWith('profile:prod-admin');
  });

  it('O asks which browser: i opens an isolated profile, c a container, d the default; Esc asks nothing', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('O');
    const f = ui.frame();
    expect(f).toContain('open the console as prod-admin in which browser? (keys below; Esc cancels)');
    expect(f).toMatch(/d default browser {2}i isolated profile {2}c Firefox container/);
    await ui.type('i');
    expect(ui.actions.openConsole).toHaveBeenCalledWith('profile:prod-admin', 'isolate');
    // Back in the list: i is whoami again, not an answer.
    expect(ui.actions.whoami).not.toHaveBeenCalled();
    await ui.type(DOWN, 'O', 'c', 'O', 'd');
    expect(ui.actions.openConsole.mock.calls.slice(1)).toEqual([
      ['profile:prod-read', 'container'],
      ['profile:prod-read', 'default'],
    ]);
    await ui.type('O', ESC, 'c');
    expect(ui.actions.openConsole).toHaveBeenCalledTimes(3);
    expect(ui.actions.copy).toHaveBeenCalledWith('profile:prod-read');
  });

  it('a toggles auto-refresh, f cycles the copy format, q quits', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('a', 'f', 'q');
    expect(ui.actions.toggleAutoRefresh).toHaveBeenCalledOnce();
    expect(ui.actions.cycleFormat).toHaveBeenCalledOnce();
    expect(ui.outcomes[0]).toMatchObject({ kind: 'quit' });
  });

  it('Ctrl-C quits as an interrupt when nothing runs', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type(CTRL_C);
    expect(ui.outcomes[0]).toMatchObject({ kind: 'interrupt' });
    expect(ui.actions.cancel).not.toHaveBeenCalled();
  });

  it('w asks for a name, prefilled, and writes on Enter', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('w');
    expect(ui.frame()).toContain('Write the session of prod-admin');
    expect(ui.frame()).toMatch(/\[prod-admin-session ?\]/);
    await ui.type(...Array<string>(8).fill(BACKSPACE), 'x', '!', ENTER);
    expect(ui.actions.writeProfile).toHaveBeenCalledWith('profile:prod-admin', 'prod-adminx');
    expect(ui.frame()).not.toContain('Write the session');
  });

  it('Esc during a running action cancels it', async ({ renderPicker }) => {
    const ui = await renderPicker({
      rows: ROWS,
      snapshot: {
        busyRowId: 'profile:prod-admin',
        progress: { rowId: 'profile:prod-admin', action: 'assuming', step: 2, total: 3, label: 'hop2' },
      },
    });
    expect(ui.frame()).toContain('[2/3] assuming hop2…');
    await ui.type(ESC);
    expect(ui.actions.cancel).toHaveBeenCalledOnce();
  });
});
