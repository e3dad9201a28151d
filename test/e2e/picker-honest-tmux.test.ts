// The picker never lies and never hides, in a real terminal (tmux with its default settings) against moto:
// a copy is confirmed only when it landed (tmux show-buffer proves it, or proves the honest "not
// confirmed"); keys sent at once are keys; help scrolls to every binding at 80x24; an error is cut at a word
// on the status line and read whole with '!'; the MFA prompt says why Enter did nothing; Enter without the
// shell integration offers the setup and never puts keys in the scrollback.
import { describe, expect, it } from 'vitest';
import { useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';
import { atPrompt, openPicker, useBashWithAwsx } from './bash-in-tmux.js';
import type { Tmux } from './tmux.js';

const skip = skipWithout('tmux', ['-V']) || skipWithout('moto_server', ['--help']) || skipWithout('aws', ['--version']);
const EXPORTS =
  /^export AWS_ACCESS_KEY_ID=ASIA\S+\nexport AWS_SECRET_ACCESS_KEY=\S+\nexport AWS_SESSION_TOKEN=\S+\nexport AWS_CREDENTIAL_EXPIRATION=\S+\+00:00\nexport AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n$/;

describe.skipIf(skip)('the picker is honest, in tmux with its default settings', () => {
  const world = useStsWorld(skip);
  const { bash } = useBashWithAwsx(world);

  /** bash in tmux (tmux's own defaults: set-clipboard external, allow-passthrough off), with or without awsx's shell integration. */
  const shell = bash;

  const picker = (t: Tmux, command = 'awsx'): Promise<string> => openPicker(t, 8, command);

  const flat = (screen: string): string => screen.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');

  it("c with tmux's defaults: the lines are in tmux's paste buffer, and the status line says so", async () => {
    const t = await shell(120, 40);
    expect((await t.run(['show-options', '-gv', 'set-clipboard'])).stdout.trim()).toBe('external');
    await picker(t);
    await t.type('/hop1');
    await t.send('Tab');
    await t.type('c');
    const screen = await t.waitFor(/copied 6 export lines for hop1 into tmux's paste buffer/, 'the copy');
    expect(screen).not.toMatch(/AWS_SECRET_ACCESS_KEY/);
    const buffer = await t.run(['show-buffer']);
    expect(buffer.code).toBe(0);
    expect(buffer.stdout).toMatch(EXPORTS);
  });

  it('c through OSC 52 (tmux ignores it by default): "not confirmed", and no buffer got anything', async () => {
    const t = await shell(120, 40);
    // awsx not told it runs in tmux: OSC 52 to the terminal, which tmux (set-clipboard external) drops.
    await picker(t, 'env -u TMUX awsx');
    await t.type('/hop1');
    await t.send('Tab');
    await t.type('c');
    const screen = await t.waitFor(
      /sent 6 export lines for hop1 to the terminal \(OSC 52\): not confirmed/,
      'the honest status',
    );
    expect(screen).not.toMatch(/✓ copied/);
    expect((await t.run(['list-buffers'])).stdout).toBe('');
  });

  it('keys sent in one go are keys: f f f f c cycles the format four times and copies, ff cycles twice', async () => {
    const t = await shell(120, 40);
    await picker(t);
    await t.send('f', 'f', 'f', 'f', 'c');
    const screen = await t.waitFor(
      /copied \d+ env lines for admin|MFA code for admin/,
      'the copy (admin asks for its code first)',
    );
    expect(screen).toMatch(/^awsx 8 \/ type to filter/m);
    await t.send('Escape');
    await t.waitFor((s) => !/MFA code for admin/.test(s), 'the prompt closed');
    await t.send('f', 'f');
    const again = await t.waitFor(/copy format: fish/, 'two more format changes (env → export → fish)');
    expect(again).toMatch(/^awsx 8 \/ type to filter/m);
  });

  it('? at 80x24 scrolls to every binding, and says there is more below', async () => {
    const t = await shell(80, 24);
    await picker(t);
    await t.type('?');
    let screen = await t.waitFor(/more below \(↓\/j, PgDn\)/, 'the help');
    const seen = new Set(screen.split('\n'));
    for (let i = 0; i < 20 && !/── .*end · Esc closes/.test(screen); i++) {
      await t.send('PageDown');
      const before = screen;
      screen = await t.waitFor((s) => s !== before, 'the next page');
      for (const l of screen.split('\n')) seen.add(l);
    }
    const help = [...seen].join('\n');
    for (const key of ['Home', 'End', 'q', 'Ctrl-C', 'Tab', 'Ctrl-W', 'Ctrl-U', '!', 'PgDn/Space', 'Esc'])
      expect(help).toMatch(new RegExp(`^ {2}${key.replace(/[/!-]/g, '\\$&')} `, 'm'));
    expect(help).toMatch(/submit the MFA code, the profile name or the chosen sso-session/);
    await t.send('Escape');
    await t.waitFor(/^› admin /m, 'the list again');
  });

  it('an error is cut at a word on the status line and ! shows it whole, with its fix', async () => {
    const t = await shell(80, 24);
    await picker(t);
    await t.type('/vendor-noext');
    await t.send('Enter');
    const screen = await t.waitFor(/^✗ .* … \(! shows all\)\s*$/m, 'the cut error');
    const status = screen.split('\n').find((l) => l.startsWith('✗'))!;
    expect(status.trimEnd().length).toBeLessThanOrEqual(80);
    await t.send('Tab');
    await t.type('!');
    const full = flat(await t.waitFor(/Last message/, 'the full message'));
    expect(full).toMatch(
      /Last message profile "vendor-noext": access denied while assuming arn:aws:iam::222222222222:role\/ ?Vendor .*\(check that the role's trust policy trusts arn:aws:iam::123456789012:user\/alice; the role may also require MFA \(set mfa_serial or pass --mfa-serial\) or an external id \(set external_id or pass --external-id\)\)/,
    );
  });

  it('the MFA prompt says "6 digits needed" when Enter comes after five', async () => {
    const t = await shell(80, 24);
    await picker(t);
    await t.type('/admin');
    await t.send('Enter');
    await t.waitFor(/MFA code for admin/, 'the prompt');
    await t.type('12345');
    await t.send('Enter');
    await t.waitFor(/6 digits needed \(5 typed\)/, 'the note');
    await t.type('6');
    await t.send('Enter');
    await t.waitFor(/admin is now active in this shell/, 'the hand-off');
  });

  it('Enter without the shell integration offers the setup line and e; no key ever reaches the scrollback', async () => {
    const t = await shell(100, 30, false);
    await picker(t);
    await t.type('/hop1');
    await t.send('Enter');
    const panel = flat(await t.waitFor(/no awsx integration/, 'the setup panel'));
    expect(panel).toContain('Add this line to ~/.bashrc, then open a new bash: eval "$(awsx shell-init bash)"');
    await t.type('e');
    // Typed only once the subshell's prompt is there: keys typed while a shell starts can be lost.
    await t.waitFor(/a subshell as hop1[^\n]*\n.*[#$] *$/m, "the subshell's prompt");
    await t.type('clear; echo "who=$AWSX_IDENTITY"', true);
    await t.waitFor(/^who=hop1$/m, 'the identity in the subshell');
    await t.type('exit', true);
    await t.waitFor(/^awsx 1\/8 \/ hop1/m, 'the picker again');
    await t.send('Enter');
    await t.waitFor(/no awsx integration/, 'the setup panel again');
    await t.type('q');
    await atPrompt(t, 'the prompt after q');
    const scrollback = (await t.run(['capture-pane', '-p', '-S', '-', '-E', '-', '-t', 'e2e'])).stdout;
    expect(scrollback).not.toMatch(/AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN/);
    // With stdout captured (eval "$(awsx)"), Enter still hands the lines over, as before.
    await t.type('clear; out="$(awsx)"', true);
    await t.waitFor(/^awsx 8 \//m, 'the picker for eval');
    await t.type('/hop1');
    await t.send('Enter');
    await atPrompt(t, 'the prompt after Enter');
    await t.type('clear; eval "$out"; aws sts get-caller-identity --query Arn --output text', true);
    await t.waitFor(/^arn:aws:sts::111111111111:assumed-role\/Hop1\/\S+$/m, 'the role in this shell');
  });
});
