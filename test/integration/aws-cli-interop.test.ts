// What awsx writes must work when the real AWS CLI reads it (STS on moto).
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { ACCOUNT, arn, OTHER } from '../helpers/accounts.js';
import { callerIdentityJson } from '../helpers/awsx-json.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithout('aws', ['--version']);

describe.skipIf(skip)('the AWS CLI reads what awsx writes', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox(
      {
        config: STANDARD_CONFIG,
        credentials: `# my keys, keep this comment\n${BASE_KEYS}\n[other]   \naws_access_key_id = AKIAOTHER00000000001\naws_secret_access_key = other\n`,
      },
      world().env,
    );
    world().front.reset();
  });
  afterEach(() => sb.cleanup());

  const callerArn = async (profile: string): Promise<string> => {
    const r = await sb.aws(['sts', 'get-caller-identity', '--profile', profile, '--output', 'json']);
    expect(r.stderr).toBe('');
    return callerIdentityJson(r.stdout).Arn;
  };

  it('--write-profile: the AWS CLI uses the session; every other byte is kept; 0600', async () => {
    const before = sb.read('credentials');
    const r = await sb.awsx(['assume', 'hop2', '--region', 'eu-west-1', '--write-profile', 'hop2-session']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/added \[hop2-session\]/);
    const after = sb.read('credentials');
    expect(after.startsWith(before)).toBe(true);
    expect(statSync(sb.credentialsPath).mode & 0o777).toBe(0o600);
    expect(await callerArn('hop2-session')).toBe(`arn:aws:sts::${OTHER}:assumed-role/Hop2/alice@Hop2`);
  });

  it('--write-profile replaces an earlier session in place', async () => {
    await sb.awsx(['assume', 'hop1', '--write-profile', 'work']);
    const once = sb.read('credentials');
    await sb.awsx(['assume', 'hop2', '--write-profile', 'work', '--no-cache']);
    const twice = sb.read('credentials');
    expect(twice.split('[work]')).toHaveLength(2);
    expect(twice.slice(0, twice.indexOf('[work]'))).toBe(once.slice(0, once.indexOf('[work]')));
    expect(await callerArn('work')).toContain('assumed-role/Hop2/');
  });

  it('--write-profile refuses to overwrite long-term keys without --force (exit 2)', async () => {
    const before = sb.read('credentials');
    const r = await sb.awsx(['assume', 'hop1', '--write-profile', 'other']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[other\].*long-term keys.*--force/);
    expect(sb.read('credentials')).toBe(before);
    expect((await sb.awsx(['assume', 'hop1', '--write-profile', 'other', '--force'])).code).toBe(0);
    expect(await callerArn('other')).toContain('assumed-role/Hop1/');
  });

  it('credential_process = awsx credential-process: the AWS CLI gets the chained role, cached', async () => {
    sb.write(
      'config',
      `${STANDARD_CONFIG}\n[profile via-awsx]\ncredential_process = ${process.execPath} ${AWSX} credential-process hop2\nregion = eu-west-1\n`,
    );
    expect(await callerArn('via-awsx')).toBe(`arn:aws:sts::${OTHER}:assumed-role/Hop2/alice@Hop2`);
    const assumes = world().front.callsOf('AssumeRole').length;
    expect(assumes).toBe(2);
    // The second call is answered from awsx's session cache (no AssumeRole): the AWS CLI takes it alike.
    expect(await callerArn('via-awsx')).toBe(`arn:aws:sts::${OTHER}:assumed-role/Hop2/alice@Hop2`);
    expect(world().front.callsOf('AssumeRole')).toHaveLength(assumes);
  });

  it('credential_process fails clearly (not hanging) when MFA is needed and there is no terminal', async () => {
    sb.write(
      'config',
      `${STANDARD_CONFIG}\n[profile via-awsx]\ncredential_process = ${process.execPath} ${AWSX} credential-process admin\n`,
    );
    const r = await sb.aws(['sts', 'get-caller-identity', '--profile', 'via-awsx'], { timeoutMs: 20_000 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/needs an MFA code/);
  });

  it('profile add: appended losslessly and used by the AWS CLI', async () => {
    const before = sb.read('config');
    const r = await sb.awsx([
      'profile',
      'add',
      'newrole',
      '--role-arn',
      arn(ACCOUNT, 'NewRole'),
      '--source-profile',
      'base',
      '--region',
      'eu-central-1',
      '--duration',
      '1h',
      '--session-name',
      'bob',
    ]);
    expect(r.code).toBe(0);
    const after = sb.read('config');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      `\n[profile newrole]\nrole_arn = ${arn(ACCOUNT, 'NewRole')}\nsource_profile = base\nduration_seconds = 3600\nrole_session_name = bob\nregion = eu-central-1\n`,
    );
    expect(await callerArn('newrole')).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/NewRole/bob`);
  });

  it('profile add refuses an existing name and bad values before writing (exit 2)', async () => {
    const before = sb.read('config');
    const cases = [
      ['profile', 'add', 'hop1', '--role-arn', arn(ACCOUNT, 'X'), '--source-profile', 'base'],
      ['profile', 'add', 'x1', '--role-arn', 'arn:aws:iam::12:role/X', '--source-profile', 'base'],
      ['profile', 'add', 'x2', '--role-arn', arn(ACCOUNT, 'X'), '--source-profile', 'nope'],
      ['profile', 'add', 'x3', '--role-arn', arn(ACCOUNT, 'X'), '--source-profile', 'base', '--duration', '60'],
      ['profile', 'add', 'x4', '--role-arn', arn(ACCOUNT, 'X')],
      ['profile', 'add', 'x5', '--role-arn', arn(ACCOUNT, 'X'), '--credential-source', 'environment'],
    ];
    for (const args of cases) {
      const r = await sb.awsx(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(sb.read('config')).toBe(before);
  });
});
