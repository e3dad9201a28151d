// Every output format, exec's environment and exit code, against moto.
import { describe, expect } from 'vitest';
import { stsTest } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

interface Hop1Json {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
  Region: string;
}

/** Each test also gets `creds`: a session of hop1, as `assume --format json` printed it. */
const it = stsTest.extend(
  'creds',
  async ({ sb }) => JSON.parse((await sb.awsx(['assume', 'hop1', '--format', 'json'])).stdout) as Hop1Json,
);

describe.skipIf(skip)('output formats and exec against moto', () => {
  it('json has AccessKeyId, SecretAccessKey, SessionToken, Expiration and Region', ({ creds }) => {
    expect(Object.keys(creds)).toEqual(['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'Region']);
    expect(creds.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(creds.Region).toBe('eu-west-1');
  });

  const cliExpiry = (creds: Hop1Json): string => creds.Expiration.replace(/Z$/, '+00:00');

  it('env (export lines, as the AWS CLI v2) is the default when piped; eval reaches child processes', async ({
    sb,
    creds,
  }) => {
    const piped = await sb.awsx(['assume', 'hop1']);
    expect(piped.stdout).toContain(`export AWS_ACCESS_KEY_ID=${creds.AccessKeyId}\n`);
    // Issue 19 item 1: `KEY=value` lines, eval'd, stayed out of child processes.
    const env = await sb.awsx(['assume', 'hop1', '--format', 'env']);
    const r = await sb.run(
      'sh',
      [
        '-c',
        'eval "$(cat)"; sh -c \'printf "%s|%s|%s|%s|%s|%s" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_REGION" "$AWS_DEFAULT_REGION" "$AWS_CREDENTIAL_EXPIRATION"\'',
      ],
      { input: env.stdout },
    );
    expect(r.stdout).toBe(
      [creds.AccessKeyId, creds.SecretAccessKey, creds.SessionToken, 'eu-west-1', 'eu-west-1', cliExpiry(creds)].join(
        '|',
      ),
    );
  });

  it.for<[string, (k: string, v: string) => string]>([
    ['env', (k: string, v: string) => `export ${k}=${v}`],
    ['export', (k: string, v: string) => `export ${k}=${v}`],
    ['env-no-export', (k: string, v: string) => `${k}=${v}`],
    ['fish', (k: string, v: string) => `set -gx ${k} "${v}"`],
    ['powershell', (k: string, v: string) => `$Env:${k}="${v}"`],
    ['windows-cmd', (k: string, v: string) => `set ${k}=${v}`],
    ['cmd', (k: string, v: string) => `set ${k}=${v}`],
  ])('%s sets every variable in the AWS CLI order and form', async ([format, line], { sb, creds }) => {
    const r = await sb.awsx(['assume', 'hop1', '--format', format]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      line('AWS_ACCESS_KEY_ID', creds.AccessKeyId),
      line('AWS_SECRET_ACCESS_KEY', creds.SecretAccessKey),
      line('AWS_SESSION_TOKEN', creds.SessionToken),
      line('AWS_CREDENTIAL_EXPIRATION', cliExpiry(creds)),
      line('AWS_REGION', 'eu-west-1'),
      line('AWS_DEFAULT_REGION', 'eu-west-1'),
    ]);
  });

  it.skipIf(skipWithout('fish'))(
    'fish output, sourced by fish, sets the variables for child processes',
    async ({ sb, creds }) => {
      const out = (await sb.awsx(['assume', 'hop1', '--format', 'fish'])).stdout;
      const r = await sb.run(
        'fish',
        ['--no-config', '-c', 'cat | source; sh -c \'echo "$AWS_ACCESS_KEY_ID|$AWS_REGION"\''],
        { input: out },
      );
      expect(r.stdout.trim()).toBe(`${creds.AccessKeyId}|eu-west-1`);
    },
  );

  it("process is the AWS CLI's credential_process JSON (indented, Version 1)", async ({ sb, creds }) => {
    const raw = (await sb.awsx(['assume', 'hop1', '--format', 'process'])).stdout;
    expect(raw).toBe(
      `${JSON.stringify({ Version: 1, AccessKeyId: creds.AccessKeyId, SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken, Expiration: cliExpiry(creds) }, null, 2)}\n`,
    );
  });

  it('text names the identity, account, region and expiry', async ({ sb }) => {
    const r = await sb.awsx(['assume', 'hop2', '--format', 'text']);
    expect(r.stdout).toMatch(/Identity +hop2 +\(base -> hop1 -> hop2\)/);
    expect(r.stdout).toMatch(/Account +222222222222/);
    expect(r.stdout).toMatch(/Expires +\S+Z \(\d+:\d\d|\dh\d\dm\)/);
  });

  it('rejects an unknown format (exit 2)', async ({ sb }) => {
    const r = await sb.awsx(['assume', 'hop1', '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown format "yaml"/);
  });

  it('--save-to-file writes KEY=value lines (a dotenv / docker --env-file) with mode 0600', async ({ sb, creds }) => {
    const path = `${sb.dir}/creds.env`;
    const r = await sb.awsx(['assume', 'hop1', '--save-to-file', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const { readFileSync, statSync } = await import('node:fs');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(
      new RegExp(`^AWS_ACCESS_KEY_ID=${creds.AccessKeyId}\\nAWS_SECRET_ACCESS_KEY=`),
    );
  });

  it('exec runs CMD with the identity, drops AWS_PROFILE, and exits with its code', async ({ sb, creds }) => {
    const r = await sb.awsx(
      ['exec', 'hop1', '--', 'sh', '-c', 'echo "$AWS_ACCESS_KEY_ID|${AWS_PROFILE:-none}|$AWSX_IDENTITY"; exit 7'],
      { env: { AWS_PROFILE: 'base' } },
    );
    expect(r.code).toBe(7);
    expect(r.stdout).toBe(`${creds.AccessKeyId}|none|hop1\n`);
  });

  it('exec passes through a signal death as 128+n and reports a missing command as 127', async ({ sb }) => {
    expect((await sb.awsx(['exec', 'hop1', '--', 'sh', '-c', 'kill -TERM $$'])).code).toBe(143);
    const missing = await sb.awsx(['exec', 'hop1', '--', 'no-such-command-awsx']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(/command not found/);
  });

  it('exec with no CMD runs $SHELL', async ({ sb, creds }) => {
    const r = await sb.awsx(['exec', 'hop1'], {
      env: { SHELL: '/bin/sh' },
      input: 'echo "in:$AWS_ACCESS_KEY_ID"; exit 3\n',
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`in:${creds.AccessKeyId}`);
  });
});
