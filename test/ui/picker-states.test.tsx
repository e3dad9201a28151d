// The picker's live parts: the inline MFA prompt, ticking countdowns (fake timers), error rows, help, the
// status strip, and NO_COLOR.
import { describe, expect, vi } from 'vitest';
import { countdown, makeTheme } from '../../src/ui/theme.js';
import { BACKSPACE, ENTER, ESC } from './helpers/keys.js';
import { pickerTest as it, row } from './helpers/render-picker.js';

const ask = { rowId: 'profile:admin', serial: 'arn:aws:iam::111111111111:mfa/alice', profile: 'admin', attempt: 1 };

describe('inline MFA prompt', () => {
  it('takes digits only, at most six, and submits them on Enter', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('admin')], snapshot: { mfa: ask } });
    expect(ui.frame()).toContain('MFA code for admin');
    expect(ui.frame()).toContain('device arn:aws:iam::111111111111:mfa/alice');
    await ui.type('1', 'a', '2', '3', ' ', '4', '5', '6', '7');
    expect(ui.frame()).toMatch(/code: 123456/);
    await ui.type(ENTER);
    expect(ui.actions.submitMfa).toHaveBeenCalledWith('123456');
  });

  it('submits a code pasted with its Enter in one chunk', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('admin')], snapshot: { mfa: ask } });
    await ui.type('654321\r');
    expect(ui.actions.submitMfa).toHaveBeenCalledWith('654321');
  });

  it('does not submit fewer than six digits, and does not treat digits as actions or filter text', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({ rows: [row('admin')], snapshot: { mfa: ask } });
    await ui.type('1', '2', ENTER, 'c', 'q');
    expect(ui.actions.submitMfa).not.toHaveBeenCalled();
    expect(ui.actions.copy).not.toHaveBeenCalled();
    expect(ui.outcomes).toEqual([]);
    await ui.type(BACKSPACE);
    expect(ui.frame()).toMatch(/code: 1(?!2)/);
  });

  it('Esc cancels the prompt', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('admin')], snapshot: { mfa: ask } });
    await ui.type('1', ESC);
    expect(ui.actions.cancel).toHaveBeenCalledOnce();
  });

  it('after a rejected code it shows the reason and the attempt, with an empty field', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('admin')], snapshot: { mfa: ask } });
    await ui.type('1', '2', '3', '4', '5', '6', ENTER);
    ui.store.update(() => ({ mfa: { ...ask, attempt: 2, reason: 'profile "admin": STS rejected the MFA code' } }));
    const f = await ui.waitFor((x) => x.includes('attempt 2'));
    expect(f).toContain('STS rejected the MFA code');
    expect(f).toMatch(/code: +6 digits/);
  });
});

describe('countdowns', () => {
  it('tick with the clock and change urgency under 15 and 5 minutes', async ({ renderPicker }) => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const start = new Date('2030-01-01T00:00:00Z').getTime();
    vi.setSystemTime(start);
    const ui = await renderPicker({
      rows: [row('prod', { cachedExpiry: start + 15 * 60_000 + 1_000 })],
      size: { columns: 140, rows: 30 },
    });
    expect(ui.frame()).toMatch(/› prod .* 15:01 /);
    expect(ui.frame()).toMatch(/live prod 15:01/);
    vi.advanceTimersByTime(2_000);
    await ui.waitFor((f) => /› prod .* 14:59 /.test(f), '14:59');
    vi.advanceTimersByTime(10 * 60_000);
    await ui.waitFor((f) => /› prod .* !4:59 /.test(f), '!4:59');
    vi.advanceTimersByTime(5 * 60_000);
    await ui.waitFor((f) => /session +expired/.test(f), 'expired');
    expect(ui.frame()).toContain('no live sessions');
  });

  it('show hours for long sessions and the MFA and SSO entries of the strip', async ({ renderPicker }) => {
    const now = Date.now();
    const ui = await renderPicker({
      rows: [row('prod', { cachedExpiry: now + 3 * 3_600_000 + 12 * 60_000 + 30_000 })],
      snapshot: {
        mfaSessions: [{ label: 'base', expiresAt: now + 11 * 3_600_000 + 59 * 60_000 + 30_000 }],
        ssoTokens: [{ label: 'corp', expiresAt: now + 7 * 3_600_000 + 30_000 }],
      },
      size: { columns: 140, rows: 30 },
    });
    expect(ui.frame()).toMatch(/live prod 3h12m +MFA base 11h59m +SSO corp 7h00m +auto-refresh on/);
  });

  it('theme: urgency colours, and none under NO_COLOR (the "!" still marks under 5 minutes)', () => {
    expect(countdown(makeTheme({}), 20 * 60_000)).toEqual({ text: '20:00', color: 'green' });
    expect(countdown(makeTheme({}), 10 * 60_000)).toEqual({ text: '10:00', color: 'yellow' });
    expect(countdown(makeTheme({}), 60_000)).toEqual({ text: '!1:00', color: 'red' });
    expect(countdown(makeTheme({ NO_COLOR: '1' }), 60_000)).toEqual({ text: '!1:00' });
    expect(makeTheme({ NO_COLOR: '1' }).tone('error')).toBeUndefined();
  });
});

describe('errors, progress and help', () => {
  it('shows a broken profile as an error row, with its message in the detail pane', async ({ renderPicker }) => {
    const ui = await renderPicker({
      rows: [row('broken', { error: 'profile "broken": source_profile "nope" does not exist (add it)' }), row('ok')],
      size: { columns: 140, rows: 30 },
    });
    const f = ui.frame();
    expect(f).toMatch(/› broken +error/);
    expect(f.replace(/[│\s]+/g, ' ')).toContain(
      'error profile "broken": source_profile "nope" does not exist (add it)',
    );
  });

  it('shows a failed action on its row and in the status line, and keeps running', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('hop1'), row('hop2')], size: { columns: 140, rows: 30 } });
    ui.store.patchRow('profile:hop1', {
      status: 'error',
      error: 'profile "hop1": access denied (check the trust policy)',
    });
    ui.store.setStatus('profile "hop1": access denied (check the trust policy)', 'error');
    const f = await ui.waitFor((x) => x.includes('✗'));
    expect(f).toMatch(/› hop1 .* error /);
    expect(f).toContain('✗ profile "hop1": access denied');
    await ui.type('\u001B[B');
    expect(ui.frame()).toContain('› hop2');
  });

  it('? opens the full help from the keymap; any key closes it', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('a')], size: { columns: 100, rows: 40 } });
    await ui.type('?');
    const f = ui.frame();
    for (const text of [
      'Enter',
      'copy the export lines',
      'cycle the copy format',
      'open the AWS console',
      'write the session',
      'subshell',
      'whoami',
      'refresh',
      "forget the row's cached session",
      'auto-refresh',
      'paste an ARN',
      'Ctrl-C',
    ]) {
      expect(f).toContain(text);
    }
    await ui.type('x');
    expect(ui.frame()).not.toContain('cycle the copy format');
    expect(ui.frame()).toContain('› a');
  });
});
