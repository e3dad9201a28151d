// The picker never hides what the user needs: long messages cut at a word with `!` showing them whole,
// help that scrolls, prompts that wrap (and take the room they need on a small terminal), an MFA prompt that
// says why Enter did nothing, a strip that drops whole entries, stale messages cleared by the next action,
// and Enter without the shell integration offering the setup instead of printing keys.
import { describe, expect } from 'vitest';
import { bindingsFor } from '../../src/ui/keys/lookup.js';
import { countdown, makeTheme } from '../../src/ui/theme.js';
import { BACKSPACE, ENTER, ESC } from './helpers/keys.js';
import { pickerTest as it, row } from './helpers/render-picker.js';

const END = '\u001B[F';
const LONG_ERROR =
  'profile "vendor-noext": access denied while assuming arn:aws:iam::222222222222:role/Vendor (hop 1 of 1): User: arn:aws:sts::111111111111:assumed-role/Hop1/awsx is not authorized to perform: sts:AssumeRole (check the role\'s trust policy trusts this identity; it may require MFA (set mfa_serial) or an external id (set external_id))';
const flat = (frame: string): string => frame.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
const lines = (frame: string): string[] => frame.split('\n');

describe('every message can be read whole', () => {
  it('the status line shows what fits, cut at a word, and ! shows the whole error with its fix', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({ rows: [row('vendor-noext')], size: { columns: 80, rows: 24 } });
    ui.store.setStatus(LONG_ERROR, 'error');
    const f = await ui.waitFor((x) => x.includes('✗'));
    const status = lines(f).find((l) => l.startsWith('✗'))!;
    expect(status.length).toBeLessThanOrEqual(80);
    expect(status).toMatch(/^✗ profile "vendor-noext": access denied while assuming.* … \(! shows all\)$/);
    expect(LONG_ERROR).toContain(status.slice(2, -' … (! shows all)'.length));
    await ui.type('!');
    const full = flat(ui.frame());
    expect(full).toContain(`Last message ${LONG_ERROR}`);
    await ui.type(ESC);
    expect(ui.frame()).not.toContain('Last message');
  });

  it('! keeps the last error after another message replaced it', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('a')] });
    ui.store.setStatus('profile "a": no credentials (run aws configure)', 'error');
    ui.store.setStatus('copy format: fish', 'info');
    await ui.type('!');
    expect(flat(ui.frame())).toMatch(
      /Last message copy format: fish Last error profile "a": no credentials \(run aws configure\)/,
    );
  });

  it("the detail pane shows a row's error in full, wrapped", async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('vendor-noext'), row('b')], size: { columns: 120, rows: 40 } });
    const error = `${LONG_ERROR}; the role's trust policy names arn:aws:iam::111111111111:role/Hop1 and arn:aws:iam::111111111111:role/Hop2 as principals, with the condition sts:ExternalId`;
    ui.store.patchRow('profile:vendor-noext', { status: 'error', error });
    const f = await ui.waitFor((x) => x.includes('error   '));
    // Wrapped (a long ARN broken after a '/' or ':'): the whole text is there, line after line.
    const pane = lines(f)
      .map((l) => /│ (.*?) *│$/.exec(l)?.[1] ?? '')
      .join('')
      .replace(/\s+/g, '');
    expect(pane).toContain(`error${error}`.replace(/\s+/g, ''));
  });

  it('the status strip drops whole entries when narrow, never half a word, and keeps auto-refresh', async ({
    renderPicker,
  }) => {
    const now = Date.now();
    const ui = await renderPicker({
      rows: ['prod-read', 'prod-admin', 'staging-deploy', 'data-lake'].map((n, i) =>
        row(n, { cachedExpiry: now + (40 + i) * 60_000 }),
      ),
      snapshot: {
        mfaSessions: [{ label: 'base mfa/alice', expiresAt: now + 11 * 3_600_000 }],
        ssoSessions: [{ name: 'corp', state: 'logged-out' }],
      },
      size: { columns: 60, rows: 20 },
    });
    const strip = lines(ui.frame())[1]!;
    expect(strip.length).toBeLessThanOrEqual(60);
    expect(strip).toMatch(/auto-refresh on$/);
    expect(strip).toMatch(/^live prod-read \d+:\d\d(, prod-admin \d+:\d\d)?( \+\d)? {2}/);
    for (const word of strip.split(/[\s,]+/))
      expect([
        'live',
        'prod-read',
        'prod-admin',
        'staging-deploy',
        'data-lake',
        'MFA',
        'base',
        'mfa/alice',
        'corp:',
        'not',
        'logged',
        'in',
        '(L',
        'to',
        'log',
        'in)',
        'auto-refresh',
        'on',
        '',
      ]).toContain(word.replace(/^\d+:\d\d$|^\d+h\d\dm$|^\+\d+$/, ''));
  });
});

describe('help', () => {
  it('scrolls at 80x24, says there is more below, and reaches every binding', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('a')], size: { columns: 80, rows: 24 } });
    await ui.type('?');
    expect(ui.frame()).toMatch(/more below \(↓\/j, PgDn\)/);
    const seen = new Set<string>();
    for (let i = 0; i < 20 && !/── .*end · Esc closes/.test(ui.frame()); i++) {
      for (const l of lines(ui.frame())) seen.add(l);
      await ui.type('\u001B[6~');
    }
    for (const l of lines(ui.frame())) seen.add(l);
    const text = [...seen].join('\n');
    for (const mode of ['list', 'filter', 'mfa', 'choose', 'help'] as const) {
      for (const b of bindingsFor(mode))
        if (b.action !== 'app.interrupt' || mode === 'list')
          expect(text, `${mode}: ${b.label}`).toContain(`  ${b.label}`);
    }
    await ui.type('k');
    expect(ui.frame()).toMatch(/more below/);
    await ui.type(END);
    expect(ui.frame()).toMatch(/end · Esc closes/);
    await ui.type(ESC);
    expect(ui.frame()).toContain('› a');
  });
});

describe('prompts', () => {
  const ask = { rowId: 'profile:admin', serial: 'arn:aws:iam::111111111111:mfa/alice', profile: 'admin', attempt: 1 };

  it('Enter with five digits says six are needed; the next digit clears it', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('admin')], snapshot: { mfa: ask } });
    await ui.type('1', '2', '3', '4', '5', ENTER);
    expect(ui.frame()).toContain('6 digits needed (5 typed)');
    expect(ui.actions.submitMfa).not.toHaveBeenCalled();
    await ui.type(BACKSPACE);
    expect(ui.frame()).not.toContain('digits needed');
  });

  it('a rejected code shows the whole reason and the fix, and the device', async ({ renderPicker }) => {
    const reason =
      'profile "admin": STS rejected the MFA code (MultiFactorAuthentication failed with invalid MFA one time pass code) (check the code on the device arn:aws:iam::111111111111:mfa/alice is the current one; a code can be used once)';
    const ui = await renderPicker({
      rows: [row('admin')],
      snapshot: { mfa: { ...ask, attempt: 2, reason } },
      size: { columns: 120, rows: 40 },
    });
    const pane = flat(ui.frame());
    expect(pane).toContain(reason.replace(/\s+/g, ' '));
    expect(pane).toContain('device arn:aws:iam::111111111111:mfa/alice');
  });

  it('on a short terminal the MFA prompt takes the room it needs (the list gives way), borders whole', async ({
    renderPicker,
  }) => {
    const reason = 'profile "admin": STS rejected the MFA code (use the current code)';
    let ui = await renderPicker({
      rows: [row('admin'), row('b'), row('c')],
      snapshot: { mfa: { ...ask, attempt: 2, reason } },
      size: { columns: 40, rows: 16 },
    });
    let f = ui.frame();
    for (const text of [
      'MFA code for admin (attempt 2)',
      reason,
      'device arn:aws:iam::111111111111:mfa/alice',
      'Enter submits · Esc cancels',
    ])
      expect(flat(f).replace(/\s/g, '')).toContain(text.replace(/\s/g, ''));
    expect(f.match(/╭/g)).toHaveLength(1);
    expect(f.match(/╰/g)).toHaveLength(1);
    for (const l of lines(f)) expect(l.length).toBeLessThanOrEqual(40);
    // At the minimum there is no room for it all: it says so, inside a whole box.
    ui.unmount();
    ui = await renderPicker({
      rows: [row('admin')],
      snapshot: { mfa: { ...ask, attempt: 2, reason } },
      size: { columns: 40, rows: 10 },
    });
    f = ui.frame();
    expect(f).toMatch(/more lines: enlarge the terminal/);
    expect(f.match(/╰/g)).toHaveLength(1);
  });

  it("w's prompt wraps at 80 columns instead of cutting", async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('prod-admin-with-a-long-name')], size: { columns: 80, rows: 24 } });
    await ui.type('w');
    const f = flat(ui.frame());
    expect(f).toContain('Write the session of prod-admin-with-a-long-name into the credentials file');
    expect(f).toContain(
      'Enter writes it (an earlier session of that name is replaced; long-term keys never) · Esc cancels',
    );
  });
});

describe('rows and messages say what is true', () => {
  it("a new action clears the last one's message", async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('a')] });
    ui.store.setStatus('copied 6 export lines for a', 'ok');
    await ui.waitFor((f) => f.includes('✓ copied'));
    await ui.type('i');
    expect(ui.actions.whoami).toHaveBeenCalled();
    expect(ui.frame()).not.toContain('copied 6 export lines');
  });

  it('coming back from a subshell (e) shows no message from before it', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('a')] });
    ui.actions.ensureSession.mockImplementation(() => {
      ui.store.setStatus('a: duration capped at 3600s', 'warn');
      return Promise.resolve(true);
    });
    ui.store.setStatus('copied 6 export lines for a', 'ok');
    await ui.type('e');
    await ui.waitFor(() => ui.outcomes.length > 0, 'the subshell');
    expect(ui.outcomes[0]).toMatchObject({ kind: 'shell' });
    expect(ui.store.getSnapshot().status).toBeUndefined();
  });

  it('long-term keys held after an action are not "kept fresh"; a written session counts down', async ({
    renderPicker,
  }) => {
    const now = Date.now();
    const ui = await renderPicker({
      rows: [
        row('alice', { badge: 'static', kind: 'static', chain: ['alice'] }),
        row('admin-session', {
          badge: 'session',
          kind: 'static',
          chain: ['admin-session'],
          cachedExpiry: now + 30 * 60_000,
        }),
      ],
      snapshot: { rowState: { 'profile:alice': { status: 'live', held: true } } },
      size: { columns: 120, rows: 30 },
    });
    const f = ui.frame();
    expect(f).toMatch(/› alice +static +│/);
    expect(f).not.toMatch(/↻/);
    expect(flat(f)).toContain('session long-term keys (no expiry)');
    expect(flat(f)).not.toMatch(/\bfresh\b/);
    expect(f).toMatch(/ {2}admin-session +session +(29:5\d|30:00) /);
  });

  it("the demo's countdowns colour by the demo's hour (12 times fast): a fresh 5-minute session is green", () => {
    const demo = makeTheme({ AWSX_DEMO: '1', AWSX_DEMO_CLOCK_FACTOR: '12' });
    expect(countdown(demo, 4 * 60_000 + 59_000)).toEqual({ text: '4:59', color: 'green' });
    expect(countdown(demo, 60_000)).toEqual({ text: '1:00', color: 'yellow' });
    expect(countdown(demo, 20_000)).toEqual({ text: '!0:20', color: 'red' });
    expect(countdown(makeTheme({ AWSX_DEMO_CLOCK_FACTOR: '12' }), 4 * 60_000)).toEqual({ text: '!4:00', color: 'red' });
  });
});

describe('Enter without the shell integration', () => {
  it('offers the setup line for the shell, and e for a subshell; it assumes nothing and prints no keys', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({ rows: [row('prod')], size: { columns: 80, rows: 24 } });
    ui.actions.shellSetup.mockReturnValue({ shell: 'zsh', line: 'eval "$(awsx shell-init zsh)"', rc: '~/.zshrc' });
    await ui.type(ENTER);
    const f = flat(ui.frame());
    expect(f).toContain('Enter cannot set prod in this shell: it has no awsx integration');
    expect(f).toContain('Add this line to ~/.zshrc, then open a new zsh: eval "$(awsx shell-init zsh)"');
    expect(f).toContain('e: a subshell as prod now');
    expect(ui.actions.use).not.toHaveBeenCalled();
    expect(ui.outcomes).toEqual([]);
    await ui.type(ESC);
    expect(ui.frame()).not.toContain('no awsx integration');
    await ui.type(ENTER, 'e');
    await ui.waitFor(() => ui.outcomes.length > 0, 'the subshell');
    expect(ui.actions.ensureSession).toHaveBeenCalledWith('profile:prod');
    expect(ui.outcomes[0]).toMatchObject({ kind: 'shell', rowId: 'profile:prod' });
  });
});
