// awsx console (the built dist/awsx.js) against moto and the fake federation endpoint: how the sign-in URL
// reaches a browser without a shell (BROWSER read as Python's webbrowser reads it), Firefox containers,
// service and region short codes, --copy's honest report, a missing xdg-open, and awsx profile color
// written losslessly (and read by the AWS CLI).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { stableColor } from '../../src/config/identity-color.js';
import type { FakeFederation } from '../fakes/federation.js';
import { useConsoleWorld } from '../helpers/console-world.js';
import type { Sandbox } from '../helpers/sandbox.js';
import { STANDARD_CONFIG, type StsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

describe.skipIf(skip)('awsx console: browsers, containers, shortcuts, --copy', () => {
  const ctx = useConsoleWorld(skip, { AWSX_CLEAR_CLIPBOARD_AFTER: '0' });
  let fed: FakeFederation;
  let sb: Sandbox;
  const world = (): StsWorld => ctx().world;
  beforeEach(() => ({ fed, sb } = ctx()));

  /** An executable script at `path` that writes each of its arguments on a line of `out`. */
  function recorder(path: string, out: string): string {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' "$@" > '${out}'\n`);
    chmodSync(path, 0o755);
    return path;
  }
  const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(Boolean);

  it('BROWSER naming a program whose path holds a space (no %s) gets the URL as its one argument', async () => {
    const out = join(sb.dir, 'opened.txt');
    const browser = recorder(join(sb.dir, 'my browsers', 'open it.sh'), out);
    const r = await sb.awsx(['console', 'hop1'], { env: { BROWSER: browser } });
    expect(r.code, r.stderr).toBe(0);
    const args = lines(out);
    expect(args).toHaveLength(1);
    expect(new URL(args[0]!).searchParams.get('SigninToken')).toBe(fed.calls[0]!.token);
  });

  it('BROWSER entries are tried in order; %s entries are split like a shell, quotes kept together', async () => {
    const out = join(sb.dir, 'opened.txt');
    const browser = recorder(join(sb.dir, 'bin', 'browser'), out);
    const r = await sb.awsx(['console', 'hop1'], {
      env: { BROWSER: `/nonexistent/browser:${browser} --title 'two words' %s` },
    });
    expect(r.code, r.stderr).toBe(0);
    const args = lines(out);
    expect(args.slice(0, 2)).toEqual(['--title', 'two words']);
    expect(new URL(args[2]!).searchParams.get('Action')).toBe('login');
  });

  it('no BROWSER and no xdg-open on PATH: says so, with the fix (the bundle has no xdg-open of its own)', async () => {
    const r = await sb.awsx(['console', 'hop1'], { env: { PATH: join(sb.dir, 'empty'), DISPLAY: ':0' } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^awsx: could not open the hop1 console: xdg-open is not installed \(package xdg-utils\) \(fix the browser command; or run: awsx console hop1 --print/,
    );
  });

  it("--container: Firefox gets --new-tab and an ext+container link in the identity's colour; --print gives the link", async () => {
    sb.write('config', STANDARD_CONFIG.replace('[profile hop1]\n', '[profile hop1]\nawsx_color = orange\n'));
    const out = join(sb.dir, 'firefox-args.txt');
    const firefox = recorder(join(sb.dir, 'bin', 'firefox'), out);
    const r = await sb.awsx(['console', 'hop1', '--container', '--browser', firefox]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('awsx: opened the AWS console as hop1 in Firefox container "hop1"\n');
    const [flag, link] = lines(out);
    expect(flag).toBe('--new-tab');
    expect(link).toMatch(
      /^ext\+container:name=hop1&color=orange&icon=fingerprint&url=http%3A%2F%2F127.0.0.1%3A\d+%2Ffederation%3FAction%3Dlogin%26/,
    );
    const url = new URL(new URLSearchParams(link!.slice('ext+container:'.length)).get('url')!);
    expect(url.searchParams.get('SigninToken')).toBe(fed.calls[0]!.token);

    const printed = await sb.awsx(['console', 'hop2', '--print'], { env: { AWSX_CONSOLE_MODE: 'container' } });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(
      new RegExp(
        `^ext\\+container:name=hop2&color=${stableColor('hop2')}&icon=fingerprint&url=http%3A%2F%2F127.0.0.1\\S+\\n$`,
      ),
    );
  });

  it('-s service short codes and --region short codes set the destination', async () => {
    const dest = async (args: string[]): Promise<string | null> => {
      const r = await sb.awsx(['console', 'hop1', '--print', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return new URL(r.stdout.trim()).searchParams.get('Destination');
    };
    expect(await dest(['-s', 'ddb', '--region', 'ue1'])).toBe(
      'https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1',
    );
    expect(await dest(['-s', 'ec2/home#Instances:', '--region', 'apse2'])).toBe(
      'https://ap-southeast-2.console.aws.amazon.com/ec2/home?region=ap-southeast-2#Instances:',
    );
    expect(await dest(['--service', 'r53'])).toBe('https://console.aws.amazon.com/route53/v2/home');
    const both = await sb.awsx(['console', 'hop1', '--print', '-s', 'ec2', '--destination', 's3']);
    expect([both.code, both.stderr]).toEqual([
      2,
      'awsx: give -s/--service or --destination, not both (both name where the console opens)\n',
    ]);
    const notPath = await sb.awsx(['console', 'hop1', '--print', '-s', '//evil.example/x']);
    expect(notPath.code).toBe(2);
    expect(notPath.stderr).toMatch(
      /destination "\/\/evil.example\/x" is not a service name, console path or console URL \(use a service/,
    );
    const ambiguous = await sb.awsx(['console', 'hop1', '--print', '--region', 'as1']);
    expect(ambiguous.code).toBe(2);
    expect(fed.calls).toHaveLength(3);
  });

  it('--copy: confirmed only when the clipboard reads back the URL; a tool that drops it is an error', async () => {
    const bin = join(sb.dir, 'bin');
    const store = join(sb.dir, 'clipboard.txt');
    mkdirSync(bin);
    // A stand-in for xclip: keeps stdin in a file, prints it back with -o (or drops it when told to).
    writeFileSync(
      join(bin, 'xclip'),
      `#!/bin/sh\nfor a in "$@"; do [ "$a" = -o ] && exec cat '${store}'; done\n[ -n "$DROP" ] && { cat >/dev/null; exit 0; }\ncat > '${store}'\n`,
    );
    chmodSync(join(bin, 'xclip'), 0o755);
    writeFileSync(store, '');
    const env = { PATH: `${bin}:${sb.env.PATH}`, DISPLAY: ':0' };
    const r = await sb.awsx(['console', 'hop1', '--copy'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'awsx: copied the sign-in URL for hop1 to the clipboard (xclip, read back). It is a secret: whoever opens it within 15 minutes is signed in.\n',
    );
    expect(new URL(readFileSync(store, 'utf8')).searchParams.get('SigninToken')).toBe(fed.calls[0]!.token);

    writeFileSync(store, 'something else');
    const dropped = await sb.awsx(['console', 'hop1', '--copy'], { env: { ...env, DROP: '1' } });
    expect(dropped.code).toBe(1);
    expect(dropped.stderr).toBe(
      'awsx: xclip exited without error but the clipboard does not hold the sign-in URL for hop1 (check the clipboard (is a clipboard manager or display there?), or use --print)\n',
    );

    const none = await sb.awsx(['console', 'hop1', '--copy'], { env: { PATH: join(sb.dir, 'empty') } });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /^awsx: no clipboard for the sign-in URL for hop1: no clipboard tool .* and no terminal for OSC 52/,
    );
    expect(none.stderr + dropped.stderr + r.stderr).not.toContain(fed.calls[0]!.token!);
  });

  it('a bad awsx_color or awsx_console_mode: exit 2 before any sign-in', async () => {
    sb.write('config', STANDARD_CONFIG.replace('[profile hop1]\n', '[profile hop1]\nawsx_color = mauve\n'));
    const color = await sb.awsx(['console', 'hop1', '--print']);
    expect([color.code, color.stderr]).toEqual([
      2,
      `awsx: profile "hop1": awsx_color "mauve" is not one of blue, turquoise, green, yellow, orange, red, pink, purple (fix it with: awsx profile color hop1 ${stableColor('hop1')})\n`,
    ]);
    const mode = await sb.awsx(['console', 'hop2', '--print'], { env: { AWSX_CONSOLE_MODE: 'tabs' } });
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/^awsx: AWSX_CONSOLE_MODE "tabs" is not one of default, isolate, container/);
    expect(fed.calls).toHaveLength(0);
    expect(world().front.calls).toHaveLength(0);
  });

  it('awsx profile color writes awsx_color losslessly; the AWS CLI reads it; --unset gives the bytes back', async () => {
    const original =
      '# my config\r\n[profile base]\r\nregion = us-east-1\r\n\r\n[profile hop1]  ; first hop\r\nrole_arn = arn:aws:iam::111111111111:role/Hop1\r\nsource_profile = base\r\n\r\n[profile other]\r\nregion=eu-west-1';
    sb.write('config', original);
    const set = await sb.awsx(['profile', 'color', 'hop1', 'Purple']);
    expect(set.code, set.stderr).toBe(0);
    expect(sb.read('config')).toBe(
      original.replace('source_profile = base\r\n', 'source_profile = base\r\nawsx_color = purple\r\n'),
    );
    expect((await sb.aws(['configure', 'get', 'awsx_color', '--profile', 'hop1'])).stdout.trim()).toBe('purple');
    expect((await sb.awsx(['profile', 'color', 'hop1'])).stdout).toBe('purple (awsx_color in the config file)\n');
    // A profile only in the credentials file gets a config section; a colour outside the palette is refused.
    sb.write('credentials', '[keys-only]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
    expect((await sb.awsx(['profile', 'color', 'keys-only', 'red'])).code).toBe(0);
    expect(sb.read('config').endsWith('region=eu-west-1\r\n\r\n[profile keys-only]\r\nawsx_color = red')).toBe(true);
    const bad = await sb.awsx(['profile', 'color', 'hop1', 'mauve']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'awsx: "mauve" is not one of blue, turquoise, green, yellow, orange, red, pink, purple (these are the colours Firefox containers take)\n',
    ]);
    const missing = await sb.awsx(['profile', 'color', 'nope', 'red']);
    expect(missing.code).toBe(2);
    sb.write(
      'config',
      original.replace('source_profile = base\r\n', 'source_profile = base\r\nawsx_color = purple\r\n'),
    );
    expect((await sb.awsx(['profile', 'color', 'hop1', '--unset'])).code).toBe(0);
    expect(sb.read('config')).toBe(original);
  });
});
