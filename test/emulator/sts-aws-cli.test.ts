// The real AWS CLI (botocore) against the STS emulator: assume-role, get-caller-identity, a role profile
// resolved by botocore's own assume-role provider, and STS errors as the CLI prints them.
// The emulator lives in this process, so every child runs asynchronously (a sync spawn would deadlock it).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/config/clock.js';
import { startStsEmulator, type StsEmulator } from '../../src/emulator/sts-server.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { skipWithout } from '../helpers/tools.js';
import { ACCOUNT, arn as role, MFA_SERIAL, OTHER } from '../helpers/accounts.js';
import { ALICE, worldOptions } from './sts-world.js';

const skip = skipWithout('aws');

const CONFIG = `[profile base]
region = us-east-1
output = json

[profile dev]
role_arn = ${role(ACCOUNT, 'Dev')}
source_profile = base
role_session_name = cli-dev
region = eu-west-1
`;
const CREDENTIALS = `[base]
aws_access_key_id = ${ALICE.accessKeyId}
aws_secret_access_key = ${ALICE.secretAccessKey}
`;

describe.skipIf(skip)('AWS CLI against the STS emulator', () => {
  let emu: StsEmulator;
  let sb: Sandbox;
  beforeAll(async () => {
    emu = await startStsEmulator(worldOptions({ now: 0 }, { clock: systemClock }));
    sb = makeSandbox({ config: CONFIG, credentials: CREDENTIALS });
  });
  afterAll(async () => {
    sb?.cleanup();
    await emu?.close();
  });
  beforeEach(() => emu.resetStats());

  const aws = (args: string[], env: NodeJS.ProcessEnv = {}) => sb.aws([...args, '--output', 'json'], { env });
  const json = (stdout: string) => JSON.parse(stdout) as Record<string, Record<string, string>>;

  it('get-caller-identity with long-term keys', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--profile', 'base', '--endpoint-url', emu.url]);
    expect(r.stderr).toBe('');
    expect(json(r.stdout)).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/alice` });
    expect(emu.requests[0]).toMatchObject({
      operation: 'GetCallerIdentity',
      accessKeyId: ALICE.accessKeyId,
      region: 'us-east-1',
    });
  });

  it('assume-role: credentials and assumed-role user; with an MFA code once, not twice', async () => {
    const r = await aws([
      'sts',
      'assume-role',
      '--profile',
      'base',
      '--endpoint-url',
      emu.url,
      '--role-arn',
      role(ACCOUNT, 'Dev'),
      '--role-session-name',
      'cli',
      '--duration-seconds',
      '7200',
    ]);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(new Date(out.Credentials!.Expiration!).getTime()).toBeGreaterThan(Date.now() + 7100_000);
    expect(out.AssumedRoleUser).toMatchObject({ Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/cli` });

    const mfa = [
      'sts',
      'assume-role',
      '--profile',
      'base',
      '--endpoint-url',
      emu.url,
      '--role-arn',
      role(ACCOUNT, 'Admin'),
      '--role-session-name',
      'cli',
      '--serial-number',
      MFA_SERIAL,
    ];
    const code = emu.currentMfaCode(MFA_SERIAL);
    const ok = await aws([...mfa, '--token-code', code]);
    expect(ok.code).toBe(0);
    expect(json(ok.stdout).AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/cli`);
    const reused = await aws([...mfa, '--token-code', code]);
    expect(reused.code).not.toBe(0);
    expect(reused.stderr).toContain(
      'An error occurred (AccessDenied) when calling the AssumeRole operation: MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );
  });

  it('external id and validation errors as the CLI prints them', async () => {
    const base = ['sts', 'assume-role', '--profile', 'base', '--endpoint-url', emu.url, '--role-session-name', 'cli'];
    const noExt = await aws([...base, '--role-arn', role(OTHER, 'Vendor')]);
    expect(noExt.stderr).toContain(
      `An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${role(OTHER, 'Vendor')}`,
    );
    expect((await aws([...base, '--role-arn', role(OTHER, 'Vendor'), '--external-id', 'ext-4242'])).code).toBe(0);
    const tooLong = await aws([...base, '--role-arn', role(OTHER, 'Hop2'), '--duration-seconds', '7200']);
    expect(tooLong.stderr).toContain(
      'An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  });

  it('a role profile through botocore assume-role provider (AWS_ENDPOINT_URL_STS), then chaining capped at 1 h', async () => {
    const env = { AWS_ENDPOINT_URL_STS: emu.url };
    const who = await aws(['sts', 'get-caller-identity', '--profile', 'dev'], env);
    expect(who.stderr).toBe('');
    expect(json(who.stdout)).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/cli-dev`,
    });
    expect(emu.requests.map((r) => r.operation)).toEqual(['AssumeRole', 'GetCallerIdentity']);
    expect(emu.requests[1]!.accessKeyId).toMatch(/^ASIA/);
    expect(emu.requests[1]!.region).toBe('eu-west-1');

    const chained = await aws(
      [
        'sts',
        'assume-role',
        '--profile',
        'dev',
        '--role-arn',
        role(OTHER, 'Hop2'),
        '--role-session-name',
        'hop',
        '--duration-seconds',
        '3601',
      ],
      env,
    );
    expect(chained.stderr).toContain(
      'An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  });

  it('an unknown key: InvalidClientTokenId', async () => {
    const r = await aws(['sts', 'get-caller-identity', '--endpoint-url', emu.url, '--region', 'us-east-1'], {
      AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNKEY000000',
      AWS_SECRET_ACCESS_KEY: 'x'.repeat(40),
    });
    expect(r.stderr).toContain(
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    );
  });
});
