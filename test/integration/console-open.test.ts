// awsx console: where it lands (destination, region), handing the URL to the browser without showing it,
// and --signout, against moto and the fake federation endpoint.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeFederation } from '../fakes/federation.js';
import { useConsoleWorld } from '../helpers/console-world.js';
import type { Sandbox } from '../helpers/sandbox.js';
import type { StsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

describe.skipIf(skip)('awsx console: destination, browser hand-off, sign-out', () => {
  const ctx = useConsoleWorld(skip);
  let fed: FakeFederation;
  let sb: Sandbox;
  let recorder: string;
  let recorded: string;
  const world = (): StsWorld => ctx().world;
  beforeEach(() => {
    ({ fed, sb } = ctx());
    // A browser that only writes down the URL it was given.
    recorded = join(sb.dir, 'opened.txt');
    recorder = join(sb.dir, 'browser.sh');
    writeFileSync(recorder, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${recorded}'\n`);
    chmodSync(recorder, 0o755);
  });

  const destination = async (args: string[]): Promise<string | null> => {
    const r = await sb.awsx(['console', ...args, '--print']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return new URL(r.stdout.trim()).searchParams.get('Destination');
  };

  it('lands on the profile region, --region, a service, a global service, or a console URL as given', async () => {
    expect(await destination(['hop3'])).toBe(
      'https://ap-southeast-2.console.aws.amazon.com/console/home?region=ap-southeast-2',
    );
    expect(await destination(['hop1', '--region', 'us-west-2'])).toBe(
      'https://us-west-2.console.aws.amazon.com/console/home?region=us-west-2',
    );
    expect(await destination(['hop1', '--destination', 'ec2'])).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1',
    );
    expect(await destination(['hop1', '--destination', 's3', '--region', 'us-west-2'])).toBe(
      'https://s3.console.aws.amazon.com/s3/home?region=us-west-2',
    );
    expect(await destination(['hop1', '--destination', 'iam'])).toBe('https://console.aws.amazon.com/iam/home');
    const deep = 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:instanceState=running';
    expect(await destination(['hop1', '--destination', deep])).toBe(deep);
  });

  it('refuses a destination that is not a console URL of the partition, or a bad region: exit 2, no sign-in', async () => {
    for (const bad of [
      'https://evil.example.com/console',
      'https://console.amazonaws.cn/ec2/home',
      'http://console.aws.amazon.com/',
      'ec2 home',
    ]) {
      const r = await sb.awsx(['console', 'hop1', '--print', '--destination', bad]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const region = await sb.awsx(['console', 'hop1', '--print', '--region', 'moon-1']);
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(/--region "moon-1" is neither a region nor a region short code/);
    const partition = await sb.awsx(['console', 'hop1', '--print', '--region', 'cn-north-1']);
    expect(partition.code).toBe(2);
    expect(partition.stderr).toMatch(/region cn-north-1 is not in partition aws/);
    // Checked before the role is assumed: a typo costs no STS call and no MFA prompt.
    expect(world().front.calls).toHaveLength(0);
    expect(fed.calls).toHaveLength(0);
  });

  it('hands the URL to BROWSER; it never appears on stdout or stderr', async () => {
    const r = await sb.awsx(['console', 'hop1', '--destination', 'lambda'], { env: { BROWSER: recorder } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('awsx: opened the AWS console as hop1 in the browser\n');
    const lines = readFileSync(recorded, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const url = new URL(lines[0]!);
    expect(url.searchParams.get('SigninToken')).toBe(fed.calls[0]!.token);
    expect(url.searchParams.get('Destination')).toBe(
      'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1',
    );
    expect(r.stderr + r.stdout).not.toContain(fed.calls[0]!.token!);
  });

  it('--browser CMD wins over BROWSER, with %s standing for the URL', async () => {
    const other = join(sb.dir, 'other.txt');
    const script = join(sb.dir, 'other-browser.sh');
    writeFileSync(script, `#!/bin/sh\n[ "$1" = --new-window ] && printf '%s\\n' "$2" > '${other}'\n`);
    chmodSync(script, 0o755);
    const r = await sb.awsx(['console', 'hop1', '--browser', `${script} --new-window %s`], {
      env: { BROWSER: recorder },
    });
    expect(r.code).toBe(0);
    expect(existsSync(recorded)).toBe(false);
    expect(new URL(readFileSync(other, 'utf8').trim()).searchParams.get('SigninToken')).toBe(fed.calls[0]!.token);
  });

  it('a browser that fails, or none at all: exit 1, suggests --print, the URL stays secret', async () => {
    const failed = await sb.awsx(['console', 'hop1'], { env: { BROWSER: 'false' } });
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(
      /could not open the hop1 console: BROWSER command false exited at once with code 1 .*--print/,
    );
    expect(failed.stderr).not.toContain(fed.calls[0]!.token!);
    expect(failed.stdout).toBe('');

    fed.reset();
    const headless = await sb.awsx(['console', 'hop1']);
    expect(headless.code).toBe(1);
    expect(headless.stderr).toMatch(/no browser to open the hop1 console in .*--browser CMD or set BROWSER.*--print/);
    expect(fed.calls).toHaveLength(0);
  });

  it('--signout: one URL that logs out of the sign-in service, then redirects to the login', async () => {
    const r = await sb.awsx(['console', 'hop1', '--signout'], { env: { BROWSER: recorder } });
    expect(r.code).toBe(0);
    const url = new URL(readFileSync(recorded, 'utf8').trim());
    expect(`${url.origin}${url.pathname}`).toBe(new URL('oauth', fed.endpoint).href);
    expect(url.searchParams.get('Action')).toBe('logout');
    const login = new URL(url.searchParams.get('redirect_uri')!);
    expect(`${login.origin}${login.pathname}`).toBe(fed.endpoint);
    expect(login.searchParams.get('Action')).toBe('login');
    expect(login.searchParams.get('SigninToken')).toBe(fed.calls[0]!.token);
  });
});
