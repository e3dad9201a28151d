// Keyring profiles in the picker: the keyring kind, the key's age where a role would be, old keys flagged,
// and the detail pane naming the masked key, its backend and the rotate command (never the secret).
import { describe, expect } from 'vitest';
import { DOWN, ENTER } from './helpers/keys.js';
import { pickerTest as it, row } from './helpers/render-picker.js';

const ROWS = [
  row('alice', {
    badge: 'keyring',
    kind: 'keyring',
    accountId: '111111111111',
    chain: ['alice'],
    keyAge: { keyId: 'AKIA…WXYZ', backend: 'keyring', days: 12, old: false },
  }),
  row('bob', {
    badge: 'keyring',
    kind: 'keyring mfa',
    accountId: '111111111111',
    chain: ['bob'],
    needsMfa: true,
    keyAge: { keyId: 'AKIA…BOB1', backend: 'file', days: 120, old: true },
  }),
  row('prod', { accountId: '222222222222', roleName: 'Admin', chain: ['alice', 'prod'] }),
];

describe('keyring rows', () => {
  it('show the keyring kind and the key age, old keys flagged; the detail pane names the key and the fix', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({ rows: ROWS, size: { columns: 140, rows: 30 } });
    const f = ui.frame();
    expect(f).toMatch(/alice +keyring +111111111111 +key 12d /);
    expect(f).toMatch(/bob +keyring +111111111111 +key 120d old/);
    expect(f).toMatch(/prod +role +222222222222 +Admin/);
    expect(f).toMatch(/key +AKIA…WXYZ in the keyring, 12 days old/);
    await ui.type(DOWN);
    const detail = ui.frame().replace(/[│\s]+/g, ' ');
    expect(detail).toMatch(/key AKIA…BOB1 in the encrypted key file, 120 days old: rotate it \(awsx keys rotate bob\)/);
  });

  it('the filter finds keyring profiles by their kind', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: ROWS });
    await ui.type('/', 'k', 'e', 'y', 'r');
    const f = ui.frame();
    expect(f).toContain('alice');
    expect(f).toContain('bob');
    expect(f).not.toMatch(/prod +role/);
  });

  it('the key file passphrase prompt takes any characters, shows only dots, and submits what was typed', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({
      rows: ROWS,
      snapshot: {
        mfa: { rowId: 'profile:bob', serial: '/home/u/.local/share/awsx/keys.enc', attempt: 1, passphrase: true },
      },
    });
    expect(ui.frame()).toContain('Passphrase of the encrypted key file');
    await ui.type('s', '3', 'c', ' ', 'R', 'e', 't', '!');
    const f = ui.frame();
    expect(f).toContain('passphrase: ••••••••');
    expect(f).not.toContain('s3c');
    expect(f).toMatch(/file .*keys\.enc/);
    await ui.type(ENTER);
    expect(ui.actions.submitMfa).toHaveBeenCalledWith('s3c Ret!');
  });
});
