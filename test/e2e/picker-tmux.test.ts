// The picker in a real terminal (tmux) against moto: bash with the shell integration runs awsx, filters,
// presses Enter, and the same shell then is the role (aws sts get-caller-identity); an MFA role through
// the inline prompt (a wrong code first); 'c' into tmux's buffer (set-clipboard on) and cleared after;
// the layout at 80x24, 120x40 and 160x45, and a resize.
import { describe, expect, it } from 'vitest';
import { useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';
import { openPicker, PROMPT, useBashWithAwsx } from './bash-in-tmux.js';
import type { Tmux } from './tmux.js';

const skip = skipWithout('tmux', ['-V']) || skipWithout('moto_server', ['--help']) || skipWithout('aws', ['--version']);

describe.skipIf(skip)('the picker in tmux', () => {
  const world = useStsWorld(skip);
  const { bash } = useBashWithAwsx(world);

  async function shell(width: number, height: number): Promise<Tmux> {
    const tmux = await bash(width, height);
    await tmux.run(['set-option', '-g', 'set-clipboard', 'on']);
    return tmux;
  }

  const picker = (t: Tmux, args = ''): Promise<string> => openPicker(t, 8, `awsx${args}`);

  async function shellLine(t: Tmux, command: string, expected: RegExp): Promise<string> {
    await t.type('clear', true);
    await t.type(command, true);
    const screen = await t.waitFor(expected, `${command} to print ${expected}`);
    return screen;
  }

  it('Enter hands the filtered role to the calling shell; aws sts get-caller-identity shows it', async () => {
    const t = await shell(120, 40);
    await picker(t);
    await t.type('hop2');
    await t.waitFor((s) => /^awsx \d+\/8 \/ hop2/m.test(s) && /› hop2 +role +222222222222 +Hop2/.test(s), 'the filter');
    await t.send('Enter');
    const back = await t.waitFor(/hop2 is now active in this shell/, 'the hand-off');
    // hop2 has no region of its own, so none is set (the AWS CLI's rule, issue 19): the CLI gets one here.
    expect(back).toMatch(/awsx: hop2 is now active in this shell \(account 222222222222, expires in \d+:\d\d\)/);
    await shellLine(
      t,
      'aws sts get-caller-identity --region us-east-1 --query Arn --output text',
      /^arn:aws:sts::222222222222:assumed-role\/Hop2\/\S+$/m,
    );
    // AWS_PROFILE is only a shell variable, for in-shell prompts: child processes do not get it.
    await shellLine(
      t,
      'echo "profile=$(sh -c \'echo ${AWS_PROFILE-unset}\') prompt=$AWS_PROFILE id=$AWSX_IDENTITY"',
      /^profile=unset prompt=hop2 id=hop2$/m,
    );
    await shellLine(t, 'awsx use --unset; echo "key=${AWS_ACCESS_KEY_ID-unset}"', /^key=unset$/m);
  });

  it('an MFA role asks inline; a rejected code says why and asks again', async () => {
    const t = await shell(120, 40);
    await picker(t);
    await t.type('/admin');
    await t.waitFor(/› admin +MFA/, 'admin selected');
    await t.send('Enter');
    await t.waitFor(/MFA code for admin/, 'the MFA prompt');
    await t.type('000000');
    await t.send('Enter');
    const again = await t.waitFor(/attempt 2/, 'the second prompt');
    expect(again.replace(/[│\s]+/g, ' ')).toMatch(/profile "admin": STS rejected the MFA code/);
    await t.type('123456');
    await t.send('Enter');
    await t.waitFor(/admin is now active in this shell/, 'the hand-off');
    await shellLine(
      t,
      'aws sts get-caller-identity --region us-east-1 --query Arn --output text',
      /^arn:aws:sts::111111111111:assumed-role\/Admin\/\S+$/m,
    );
  });

  it("c copies the export lines into tmux's buffer (tmux load-buffer) and clears them later", async () => {
    const t = await shell(120, 40);
    await picker(t, ' --clear-clipboard-after 3');
    await t.type('hop1');
    await t.send('Tab');
    await t.type('c');
    const copied = await t.waitFor(
      /copied 6 export lines for hop1 into tmux's paste buffer \(prefix \] pastes\); cleared in 3s/,
      'the copy',
    );
    expect(copied).not.toMatch(/export AWS_SECRET_ACCESS_KEY/);
    const buffer = (await t.run(['show-buffer'])).stdout;
    expect(buffer).toMatch(
      /^export AWS_ACCESS_KEY_ID=ASIA\S+\nexport AWS_SECRET_ACCESS_KEY=\S+\nexport AWS_SESSION_TOKEN=\S+\nexport AWS_CREDENTIAL_EXPIRATION=\S+\+00:00\nexport AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n$/,
    );
    await t.waitFor(/^clipboard cleared\s*$/m, 'the clear', 15_000);
    expect((await t.run(['list-buffers'])).stdout).toBe('');
    await t.type('q');
    await t.waitFor((s) => s.trimEnd().endsWith(PROMPT.trimEnd()), 'the prompt after q');
  });

  it('e opens a subshell with the identity (no hand-off variable); exiting it returns to the picker as it was', async () => {
    const t = await shell(120, 40);
    await picker(t);
    await t.type('hop3');
    await t.waitFor(/› hop3/, 'hop3 selected');
    await t.send('Tab');
    await t.type('e');
    await t.waitFor(/a subshell as hop3; exit it to return to the picker/, 'the subshell');
    await t.type('clear; echo "who=$AWSX_IDENTITY"; aws sts get-caller-identity --query Account --output text', true);
    await t.waitFor(/^who=hop3\n333333333333$/m, 'the identity in the subshell');
    // The calling shell's awsx function set the hand-off variables for awsx alone (issue 15 finding 11).
    await t.type('clear; echo "handoff=[${AWSX_HANDOFF-}|${AWSX_HANDOFF_NONCE-}|${AWSX_SHELL-}]"', true);
    await t.waitFor(/^handoff=\[\|\|\]$/m, 'no hand-off variable in the subshell');
    await t.type('exit', true);
    await t.waitFor(
      (s) => /^awsx 1\/8 \/ hop3/m.test(s) && /› hop3 .*\d+:\d\d/.test(s),
      'the picker again, the session held',
    );
    await t.type('q');
    await t.waitFor((s) => s.trimEnd().endsWith(PROMPT.trimEnd()), 'the prompt after q');
    await shellLine(t, 'echo "key=${AWS_ACCESS_KEY_ID-unset}"', /^key=unset$/m);
  });

  it.each([
    [80, 24, false],
    [160, 45, true],
  ])('is usable at %ix%i', async (width, height, side) => {
    const t = await shell(width, height);
    const screen = await picker(t);
    const lines = screen.split('\n').slice(0, height);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    expect(screen).toMatch(/^no live sessions +auto-refresh on/m);
    expect(screen).toMatch(/› admin +MFA +111111111111/);
    expect(screen).toMatch(/\? help +q quit/);
    // the detail pane is beside the list on wide terminals, under it on narrow ones
    const chain = lines.findIndex((l) => /chain +base -> admin/.test(l));
    const last = lines.findIndex((l) => /vendor-noext/.test(l));
    expect(chain).toBeGreaterThan(0);
    expect(side ? chain < last : chain > last).toBe(true);
    await t.send('Down');
    await t.waitFor(/› admin2/, 'the cursor to move');
    await t.type('q');
    await t.waitFor((s) => s.trimEnd().endsWith(PROMPT.trimEnd()), 'the prompt after q');
  });

  it('follows a resize from 120x40 to 80x24', async () => {
    const t = await shell(120, 40);
    await picker(t);
    await t.waitFor(/› admin .*│ admin role mfa/, 'the wide layout');
    await t.run(['resize-window', '-t', 'e2e', '-x', '80', '-y', '24']);
    const small = await t.waitFor((s) => /^╭─{70,}╮$/m.test(s), 'the narrow layout');
    expect(small).toMatch(/› admin /);
    for (const line of small.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    await t.type('q');
    // awsx has ended (and written its compile cache) before the sandbox is removed.
    await t.waitFor((s) => s.trimEnd().endsWith(PROMPT.trimEnd()), 'the prompt after q');
  });
});
