// IAM Identity Center in the picker's UI: the sign-in panel (device code, spinner with the clock, Esc),
// L and the session chooser, rows streamed in by revalidation (the cursor stays on its row, the diff on the
// status line) and the strip's progress and sign-in hints.
import { describe, expect, vi } from 'vitest';
import { ssoRow } from '../../src/picker/rows.js';
import type { SsoLoginPanel } from '../../src/picker/store.js';
import { SPINNER } from '../../src/ui/components/SsoLoginPanel.js';
import { CTRL_C, DOWN, ENTER, ESC } from './helpers/keys.js';
import { pickerTest as it, row } from './helpers/render-picker.js';

const flat = (frame: string): string => frame.replace(/[│\s]+/g, ' ');
const device = (now: number): SsoLoginPanel => ({
  session: 'corp',
  startUrl: 'https://corp.awsapps.com/start',
  flow: 'device',
  phase: 'waiting',
  userCode: 'WDQB-VXHK',
  verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
  url: 'https://device.sso.us-east-1.amazonaws.com/?user_code=WDQB-VXHK',
  opened: false,
  expiresAt: now + 10 * 60_000,
});
const role = (account: string, name: string, accountName: string) =>
  ssoRow({ accountId: account, roleName: name, accountName, ssoSession: 'corp' });

describe('the IAM Identity Center sign-in panel', () => {
  it('shows the code, where to confirm it and a spinner that turns with the clock', async ({ renderPicker }) => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const start = new Date('2030-01-01T00:00:00.500Z').getTime();
    vi.setSystemTime(start);
    const ui = await renderPicker({
      rows: [row('dev')],
      snapshot: { ssoLogin: device(start) },
      size: { columns: 140, rows: 30 },
    });
    const f = flat(ui.frame());
    expect(f).toContain('Sign in to IAM Identity Center: corp');
    expect(f).toContain('code WDQB-VXHK');
    expect(f.replace(/ /g, '')).toContain('athttps://device.sso.us-east-1.amazonaws.com/'); // wrapped in a narrow pane, never cut
    expect(f).toContain(`${SPINNER[0]} waiting for approval (10:00 left)`);
    expect(f).toContain('open the URL in a browser · Esc cancels');
    expect(ui.frame()).toMatch(/Esc cancel/); // the footer has the panel's keys
    vi.advanceTimersByTime(1000);
    await ui.waitFor(
      (x) => flat(x).includes(`${SPINNER[1]} waiting for approval (9:59 left)`),
      'the next spinner frame',
    );
  });

  it('PKCE: the URL the browser was sent to; "starting" before the first event', async ({ renderPicker }) => {
    const now = Date.now();
    const ui = await renderPicker({
      rows: [row('dev')],
      snapshot: {
        ssoLogin: { session: 'corp', startUrl: 'https://corp.awsapps.com/start', flow: 'pkce', phase: 'starting' },
      },
      size: { columns: 140, rows: 30 },
    });
    expect(flat(ui.frame())).toContain('starting the sign-in…');
    expect(flat(ui.frame())).toContain('URL https://corp.awsapps.com/start');
    ui.store.update(() => ({
      ssoLogin: {
        session: 'corp',
        startUrl: 'https://corp.awsapps.com/start',
        flow: 'pkce',
        phase: 'waiting',
        url: 'http://127.0.0.1:9/authorize?x=1',
        opened: true,
      },
    }));
    const f = flat(await ui.waitFor((x) => x.includes('waiting for the sign-in'), 'waiting'));
    expect(f).toContain('URL http://127.0.0.1:9/authorize?x=1');
    expect(f).toContain('the browser was opened · Esc cancels');
    expect(now).toBeGreaterThan(0);
  });

  it('Esc and Ctrl-C cancel it; other keys neither act nor filter', async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('dev')], snapshot: { ssoLogin: device(Date.now()) } });
    await ui.type('c', 'q', 'L', ENTER);
    expect(ui.actions.copy).not.toHaveBeenCalled();
    expect(ui.actions.use).not.toHaveBeenCalled();
    expect(ui.actions.login).not.toHaveBeenCalled();
    expect(ui.outcomes).toEqual([]);
    expect(ui.frame()).toMatch(/^awsx 1 \/ type to filter/m);
    await ui.type(ESC);
    expect(ui.actions.cancel).toHaveBeenCalledTimes(1);
    await ui.type(CTRL_C);
    expect(ui.actions.cancel).toHaveBeenCalledTimes(2);
    expect(ui.outcomes).toEqual([]);
    ui.store.update(() => ({ ssoLogin: undefined }));
    await ui.waitFor((x) => x.includes('chain'), 'the detail pane again');
  });
});

describe('L and the session chooser', () => {
  it("L signs in for the selected row (the service picks the row's session)", async ({ renderPicker }) => {
    const ui = await renderPicker({ rows: [row('a'), row('b')] });
    await ui.type(DOWN, 'L');
    expect(ui.actions.login).toHaveBeenCalledWith('profile:b');
  });

  it('several sessions: a chooser; arrows and Enter, or the number, pick one; Esc closes it', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({
      rows: [row('a')],
      snapshot: {
        ssoSessions: [
          { name: 'corp', state: 'logged-out' },
          { name: 'other', state: 'idle' },
        ],
        ssoTokens: [{ label: 'other', expiresAt: Date.now() + 3_600_000 + 30_000 }],
      },
      size: { columns: 140, rows: 30 },
    });
    ui.actions.login.mockReturnValue(['corp', 'other']);
    await ui.type('L');
    let f = flat(ui.frame());
    expect(f).toContain('Sign in to which IAM Identity Center session?');
    expect(f).toContain('› 1 corp (not logged in)');
    expect(f).toContain('2 other (token 1h00m)');
    await ui.type(DOWN, ENTER);
    expect(ui.actions.loginSession).toHaveBeenCalledWith('other');
    expect(ui.frame()).not.toContain('Sign in to which');
    await ui.type('L', '1');
    expect(ui.actions.loginSession).toHaveBeenLastCalledWith('corp');
    await ui.type('L', ESC);
    f = ui.frame();
    expect(f).not.toContain('Sign in to which');
    expect(ui.actions.loginSession).toHaveBeenCalledTimes(2);
    expect(ui.outcomes).toEqual([]);
  });
});

describe('background revalidation', () => {
  it('streamed rows appear without moving the cursor off its row; the diff shows on the status line', async ({
    renderPicker,
  }) => {
    const rows = [
      role('111111111111', 'Admin', 'bravo'),
      role('222222222222', 'Admin', 'delta'),
      role('333333333333', 'Admin', 'foxtrot'),
    ];
    const ui = await renderPicker({ rows, size: { columns: 140, rows: 30 } });
    await ui.type(DOWN);
    expect(ui.frame()).toMatch(/› delta\/Admin/);
    // two new rows sort above the cursor, one below
    ui.store.update((s) => ({
      rows: [
        role('000000000001', 'Admin', 'alpha'),
        s.rows[0]!,
        role('000000000002', 'Admin', 'charlie'),
        s.rows[1]!,
        role('000000000003', 'Admin', 'echo'),
        s.rows[2]!,
      ],
    }));
    let f = await ui.waitFor((x) => x.includes('echo/Admin'), 'the streamed rows');
    expect(f).toMatch(/^awsx 6 \//m);
    expect(f).toMatch(/› delta\/Admin/);
    expect(f).toMatch(/^ {2}alpha\/Admin/m);
    await ui.type(DOWN);
    expect(ui.frame()).toMatch(/› echo\/Admin/);
    // the end: a row above goes (removed role), the status line says what changed
    ui.store.update((s) => ({
      rows: s.rows.filter((r) => !r.name.startsWith('bravo')),
      status: { text: 'corp: 3 new roles, 1 removed', tone: 'ok' },
    }));
    f = await ui.waitFor((x) => x.includes('corp: 3 new roles, 1 removed'), 'the diff');
    expect(f).toContain('✓ corp: 3 new roles, 1 removed');
    expect(f).not.toContain('bravo/Admin');
    expect(f).toMatch(/› echo\/Admin/);
  });

  it('under a filter, the cursor stays on its row too', async ({ renderPicker }) => {
    const rows = [role('111111111111', 'Admin', 'prod-b'), role('222222222222', 'Admin', 'prod-d')];
    const ui = await renderPicker({ rows, size: { columns: 140, rows: 30 } });
    await ui.type('p', 'r', 'o', 'd', DOWN);
    expect(ui.frame()).toMatch(/› prod-d\/Admin/);
    ui.store.update((s) => ({
      rows: [role('000000000001', 'Admin', 'prod-a'), ...s.rows, role('000000000009', 'Admin', 'other')],
    }));
    const f = await ui.waitFor((x) => x.includes('prod-a/Admin'), 'the streamed row');
    expect(f).toMatch(/^awsx 3\/4 \/ prod/m);
    expect(f).toMatch(/› prod-d\/Admin/);
  });

  it('the strip shows each session: progress, not logged in, its token time', async ({ renderPicker }) => {
    const now = Date.now();
    const ui = await renderPicker({
      rows: [row('a')],
      snapshot: {
        ssoTokens: [{ label: 'corp', expiresAt: now + 7 * 3_600_000 + 30_000 }],
        ssoSessions: [
          { name: 'corp', state: 'syncing', done: 120, total: 500 },
          { name: 'lab', state: 'logged-out' },
          { name: 'old', state: 'expired' },
          { name: 'idle', state: 'idle' },
        ],
      },
      size: { columns: 200, rows: 30 },
    });
    expect(ui.frame()).toMatch(
      /^SSO corp 7h00m {2}corp: 120\/500 accounts {2}lab: not logged in \(L to log in\) {2}old: session expired \(L to log in\) {2}auto-refresh on/m,
    );
    ui.store.update(() => ({ ssoSessions: [{ name: 'corp', state: 'syncing' }] }));
    await ui.waitFor((x) => x.includes('corp: listing accounts…'), 'listing accounts');
  });
});
