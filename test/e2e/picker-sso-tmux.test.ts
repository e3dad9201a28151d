// IAM Identity Center in the picker, in a real terminal (tmux): SSO on the emulator (device codes approved
// 1.5 s after they are issued), STS on moto behind the STS front. With no token the strip says so; Enter on
// an SSO profile shows the device code inline, waits for the approval and hands the role to the shell;
// the AWS CLI then uses the token awsx cached. L signs in and the discovered roles stream in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, putAwsxOnPath, type Sandbox } from '../helpers/sandbox.js';
import { DEV, SSO_CONFIG, ssoEnv, useSsoEmulator } from '../helpers/sso-world.js';
import { useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';
import { startTmux, type Tmux } from './tmux.js';

const skip = skipWithout('tmux', ['-V']) || skipWithout('moto_server', ['--help']) || skipWithout('aws', ['--version']);
const PROMPT = 'E2E$ ';
const SANDBOX = '777788889999';

describe.skipIf(skip)('IAM Identity Center in the picker (tmux)', () => {
  const world = useStsWorld(skip);
  const emu = useSsoEmulator({ autoApproveDevice: 1500 });
  let sb: Sandbox;
  let tmux: Tmux | undefined;

  beforeEach(() => {
    emu().configure({ autoApproveDevice: 1500 });
    emu().resetStats();
    world().front.reset();
    sb = makeSandbox({ config: SSO_CONFIG }, { ...ssoEnv(emu()), ...world().env });
    putAwsxOnPath(sb);
  });
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
    sb.cleanup();
  });

  async function shell(): Promise<Tmux> {
    // no DISPLAY and no BROWSER: the picker uses the device flow and shows the code
    const env = { ...sb.env, TERM: 'xterm-256color', PS1: PROMPT, HISTFILE: '/dev/null' };
    tmux = await startTmux({ width: 120, height: 40, env, command: 'bash --norc --noprofile' });
    await tmux.type(`PS1='${PROMPT}'; eval "$(awsx shell-init bash)"; clear`, true);
    await tmux.waitFor((s) => s.trimEnd().endsWith(PROMPT.trimEnd()), 'the prompt');
    return tmux;
  }

  async function shellLine(t: Tmux, command: string, expected: RegExp): Promise<string> {
    await t.type('clear', true);
    await t.type(command, true);
    return t.waitFor(expected, `${command} to print ${expected}`);
  }

  const issuedFor = (account: string, role: string): string[] =>
    emu()
      .issuedCredentials.filter((c) => c.accountId === account && c.roleName === role)
      .map((c) => c.accessKeyId);
  const lastCaller = (): string | undefined => world().front.callsOf('GetCallerIdentity').at(-1)?.callerKey;
  const flat = (screen: string): string => screen.replace(/[│\s]+/g, ' ');

  it('Enter on an SSO profile without a token: the code inline, the approval, then the role in the shell', async () => {
    const t = await shell();
    await t.type('awsx', true);
    const first = await t.waitFor((s) => /^awsx 3 \//m.test(s) && /q quit\s*$/m.test(s), 'the picker');
    expect(first).toMatch(/^corp: not logged in \(L to log in\) +auto-refresh on/m);
    expect(emu().stats.operations.ListAccounts ?? 0).toBe(0); // no token: nothing revalidated, no browser

    await t.type('/dev');
    await t.waitFor(/› dev +SSO +111122223333/, 'dev selected');
    await t.send('Enter');
    const panel = flat(await t.waitFor(/waiting for approval/, 'the sign-in panel'));
    expect(panel).toMatch(
      /Sign in to IAM Identity Center: corp code [A-Z]{4}-[A-Z]{4} at http:\/\/127\.0\.0\.1:\d+\/device /,
    );
    expect(panel).toContain('open the URL in a browser · Esc cancels');

    const back = await t.waitFor(/dev is now active in this shell/, 'the hand-off after the approval', 15_000);
    expect(back).toMatch(
      /awsx: dev is now active in this shell \(account 111122223333, eu-west-1, expires in \d+:\d\d\)/,
    );
    expect(emu().stats.operations.StartDeviceAuthorization).toBe(1);
    const [key] = issuedFor(DEV, 'AdministratorAccess');
    await shellLine(t, 'aws sts get-caller-identity --query Arn --output text', /^arn:aws:sts::\d{12}:\S+$/m);
    expect(lastCaller()).toBe(key); // the shell holds the SSO role's credentials
    await shellLine(t, 'echo "id=$AWSX_IDENTITY"', /^id=dev$/m);

    // the AWS CLI signs in with the token awsx cached (no new login), through its own GetRoleCredentials
    await shellLine(
      t,
      'aws sts get-caller-identity --profile dev --query Account --output text && echo cli-ok',
      /^cli-ok$/m,
    );
    const keys = issuedFor(DEV, 'AdministratorAccess');
    expect(keys).toHaveLength(2);
    expect(lastCaller()).toBe(keys[1]);
    expect(emu().stats.operations.StartDeviceAuthorization).toBe(1);
  });

  it('L signs in; the discovered roles stream in with the diff; Enter then uses one without another sign-in', async () => {
    const t = await shell();
    await t.type('awsx', true);
    await t.waitFor((s) => /^awsx 3 \//m.test(s) && /corp: not logged in/.test(s), 'the picker');
    await t.type('L');
    await t.waitFor(/code +[A-Z]{4}-[A-Z]{4}/, 'the device code');
    const synced = await t.waitFor((s) => /^✓ corp: 4 new roles\s*$/m.test(s), 'the revalidation', 15_000);
    expect(synced).toMatch(/^awsx 6 \//m);
    expect(synced).toMatch(/^SSO corp \dh\d\dm +auto-refresh on/m);
    expect(synced).toMatch(/^ {2}acme-sandbox\/PowerUser\S* +SSO +777788889999/m);
    expect(synced).toMatch(/^› dev +SSO/m); // rows arrived above it: the cursor stayed on its row

    await t.type('sandbox');
    await t.waitFor(/› acme-sandbox\/PowerUser\S* +SSO/, 'the discovered role selected');
    await t.send('Enter');
    await t.waitFor(/is now active in this shell/, 'the hand-off');
    const [key] = issuedFor(SANDBOX, 'PowerUserAccess');
    // A discovered role has no profile, so no region (the AWS CLI's rule, issue 19).
    await shellLine(t, 'aws sts get-caller-identity --region us-east-1 --query Account --output text', /^\d{12}$/m);
    expect(lastCaller()).toBe(key);
    expect(emu().stats.operations.StartDeviceAuthorization).toBe(1);
  });
});
