// assume's formats against the AWS CLI v2's `aws configure export-credentials` (awscli/customizations/
// configure/exportcreds.py): the same credentials, resolved by botocore through `awsx credential-process`,
// print the same bytes; awsx's own lines (region, unset of what the credentials lack) come after them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { AWSX } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout, skipWithoutBotocore } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithoutBotocore();
const HELPER = fileURLToPath(new URL('../helpers/export_credentials.py', import.meta.url));
const VIA_AWSX = (target: string): string =>
  `\n[profile via-${target}]\ncredential_process = "${process.execPath}" "${AWSX}" credential-process ${target}\n`;

describe.skipIf(skip)('assume --format prints what aws configure export-credentials prints', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox(
      { config: STANDARD_CONFIG + VIA_AWSX('hop1') + VIA_AWSX('hop2'), credentials: BASE_KEYS },
      world().env,
    );
  });
  afterEach(() => sb.cleanup());

  const cli = async (profile: string, format: string): Promise<string> => {
    const r = await sb.run('python3', [HELPER, profile, format]);
    expect(r.stderr).toBe('');
    return r.stdout;
  };

  it.each(['env', 'env-no-export', 'powershell', 'windows-cmd', 'fish'])(
    '%s: the AWS CLI bytes, then the region lines',
    async (format) => {
      const expected = await cli('via-hop1', format);
      expect(expected).toMatch(/AWS_CREDENTIAL_EXPIRATION\W+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00/);
      const r = await sb.awsx(['assume', 'hop1', '--format', format]);
      expect(r.code).toBe(0);
      expect(r.stdout.slice(0, expected.length)).toBe(expected);
      const set = {
        env: 'export AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n',
        'env-no-export': 'AWS_REGION=eu-west-1\nAWS_DEFAULT_REGION=eu-west-1\n',
        powershell: '$Env:AWS_REGION="eu-west-1"\n$Env:AWS_DEFAULT_REGION="eu-west-1"\n',
        'windows-cmd': 'set AWS_REGION=eu-west-1\nset AWS_DEFAULT_REGION=eu-west-1\n',
        fish: 'set -gx AWS_REGION "eu-west-1"\nset -gx AWS_DEFAULT_REGION "eu-west-1"\n',
      }[format];
      expect(r.stdout.slice(expected.length)).toBe(set);
    },
  );

  it('a profile without a region prints exactly the AWS CLI bytes (env, piped: the default)', async () => {
    const expected = await cli('via-hop2', 'env');
    const r = await sb.awsx(['assume', 'hop2']);
    expect(r.stdout).toBe(expected);
    expect(expected.split('\n')[0]).toMatch(/^export AWS_ACCESS_KEY_ID=ASIA\w+$/);
  });

  it('process: the same JSON, byte for byte', async () => {
    const expected = await cli('via-hop2', 'process');
    expect((await sb.awsx(['assume', 'hop2', '--format', 'process'])).stdout).toBe(expected);
  });

  it('export and cmd are aliases of env and windows-cmd', async () => {
    expect((await sb.awsx(['assume', 'hop2', '--format', 'export'])).stdout).toBe(await cli('via-hop2', 'env'));
    expect((await sb.awsx(['assume', 'hop2', '--format', 'cmd'])).stdout).toBe(await cli('via-hop2', 'windows-cmd'));
  });
});
