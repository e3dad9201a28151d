// A role chain of any depth against moto: one STS call per hop, none on a second run.
import { describe, expect } from 'vitest';
import { credentialsJson } from '../helpers/awsx-json.js';
import { ACCOUNT, arn, OTHER, THIRD } from '../helpers/accounts.js';
import { STANDARD_CONFIG, stsTest as it } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

describe.skipIf(skip)('role chains against moto', () => {
  it('assumes a 3-hop chain with one AssumeRole per hop, each signed by the previous hop', async ({ sb, world }) => {
    const r = await sb.awsx(['assume', 'hop3', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = credentialsJson(r.stdout);
    expect(out.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Region).toBe('ap-southeast-2');
    const calls = world.front.callsOf('AssumeRole');
    expect(calls.map((c) => c.params.RoleArn)).toEqual([arn(ACCOUNT, 'Hop1'), arn(OTHER, 'Hop2'), arn(THIRD, 'Hop3')]);
    expect(calls[0]!.callerKey).toBe('AKIAIOSFODNN7BASE001');
    expect(calls[1]!.callerKey).not.toBe(calls[0]!.callerKey);
    expect(calls[1]!.callerKey).toMatch(/^ASIA/);
    expect(calls.map((c) => c.params.RoleSessionName)).toEqual(['alice@Hop1', 'alice@Hop2', 'alice@Hop3']);
    expect(world.front.calls).toHaveLength(3);
  });

  it('makes no STS call on a second run (warm cache) and returns the same session', async ({ sb, world }) => {
    const first = credentialsJson((await sb.awsx(['assume', 'hop3', '--format', 'json'])).stdout);
    world.front.reset();
    const second = credentialsJson((await sb.awsx(['assume', 'hop3', '--format', 'json'])).stdout);
    expect(world.front.calls).toHaveLength(0);
    expect(second.AccessKeyId).toBe(first.AccessKeyId);
  });

  it('reuses cached intermediate hops for a shorter chain', async ({ sb, world }) => {
    await sb.awsx(['assume', 'hop3', '--format', 'json']);
    world.front.reset();
    const r = await sb.awsx(['assume', 'hop2', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(world.front.calls).toHaveLength(0);
  });

  it('--no-cache calls STS again and writes nothing', async ({ sb, world }) => {
    await sb.awsx(['assume', 'hop1', '--format', 'json', '--no-cache']);
    await sb.awsx(['assume', 'hop1', '--format', 'json', '--no-cache']);
    expect(world.front.callsOf('AssumeRole')).toHaveLength(2);
  });

  it('--then assumes further roles on top of the target', async ({ sb, world }) => {
    const r = await sb.awsx([
      'assume',
      'hop1',
      '--then',
      arn(OTHER, 'Extra'),
      '--then',
      arn(THIRD, 'Last'),
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(world.front.callsOf('AssumeRole').map((c) => c.params.RoleArn)).toEqual([
      arn(ACCOUNT, 'Hop1'),
      arn(OTHER, 'Extra'),
      arn(THIRD, 'Last'),
    ]);
  });

  it('assumes a role ARN from --profile, AWS_PROFILE or environment keys', async ({ sb, world }) => {
    const target = arn(OTHER, 'MyRole');
    expect((await sb.awsx(['assume', target, '--profile', 'hop1', '--format', 'json'])).code).toBe(0);
    expect(world.front.callsOf('AssumeRole').map((c) => c.params.RoleArn)).toEqual([arn(ACCOUNT, 'Hop1'), target]);
    world.front.reset();
    const env = {
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7ENVKEY1',
      AWS_SECRET_ACCESS_KEY: 'envsecret',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    };
    const r = await sb.awsx(['assume', target, '--format', 'json', '--no-cache'], { env });
    expect(r.code).toBe(0);
    expect(world.front.callsOf('AssumeRole')[0]!.callerKey).toBe('AKIAIOSFODNN7ENVKEY1');
  });

  it('whoami shows the assumed role of the chain (moto GetCallerIdentity)', async ({ sb }) => {
    const r = await sb.awsx(['whoami', 'hop2', '--json']);
    expect(r.code).toBe(0);
    const id = JSON.parse(r.stdout) as { Arn: string; Account: string };
    expect(id.Arn).toBe(`arn:aws:sts::${OTHER}:assumed-role/Hop2/alice@Hop2`);
    expect(id.Account).toBe(OTHER);
  });

  it('a web identity profile (AssumeRoleWithWebIdentity, unsigned) can source a further chain', async ({
    sb,
    world,
  }) => {
    const { writeFileSync } = await import('node:fs');
    const tokenFile = `${sb.dir}/token.jwt`;
    writeFileSync(tokenFile, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaSJ9.\n');
    sb.write(
      'config',
      `${STANDARD_CONFIG}\n[profile ci]\nrole_arn = ${arn(ACCOUNT, 'CiRole')}\nweb_identity_token_file = ${tokenFile}\nrole_session_name = ci-job\n\n[profile ci-deploy]\nrole_arn = ${arn(OTHER, 'Deploy')}\nsource_profile = ci\n`,
    );
    const r = await sb.awsx(['assume', 'ci-deploy', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const web = world.front.callsOf('AssumeRoleWithWebIdentity');
    expect(web).toHaveLength(1);
    expect(web[0]!.params).toMatchObject({
      RoleArn: arn(ACCOUNT, 'CiRole'),
      RoleSessionName: 'ci-job',
      WebIdentityToken: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaSJ9.',
    });
    expect(web[0]!.callerKey).toBeUndefined();
    expect(world.front.callsOf('AssumeRole').map((c) => c.params.RoleArn)).toEqual([arn(OTHER, 'Deploy')]);
  });
});
