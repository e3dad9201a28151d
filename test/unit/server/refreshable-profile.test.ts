// The managed profiles of `awsx use --refreshable`: names, the credential_process line (read back the same by
// botocore's shlex split and by the JS SDK's config parser + shell exec), and lossless writes and prunes.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { shlexSplit } from '../../../src/config/shlex.js';
import {
  MANAGED_MARKER,
  managedProfileName,
  managedProfileNames,
  parseProcessArgs,
  processArgs,
  processCommandLine,
  pruneManagedProfiles,
  quoteProcessWord,
  writeManagedProfile,
} from '../../../src/server/refreshable-profile.js';
import { skipWithoutBotocore } from '../../helpers/tools.js';

const NASTY = [
  'plain',
  'a b',
  "it's",
  '"dq"',
  '$HOME',
  '`id`',
  '$(id)',
  'a #b',
  'a ;b',
  'x;y',
  'x#y',
  '#start',
  ';start',
  'back\\slash',
  '*',
  '~',
  '!bang',
  'ünï',
  '%s',
  '',
  ' lead',
  'trail ',
  "'",
  "a '#' b",
  'a\u00a0#b',
  '--flag=x y',
  'arn:aws:iam::123456789012:role/p/Admin',
];
// What the JS SDK's parseIni does to every config line before anything else.
const jsSdkCut = (line: string): string => line.split(/(^|\s)[;#]/)[0]!.trim();

describe('credential_process quoting', () => {
  it('botocore (shlex.split) and the JS SDK config parser read the words back unchanged', () => {
    const line = processCommandLine(NASTY);
    expect(jsSdkCut(line)).toBe(line);
    expect(shlexSplit(line)).toEqual(NASTY);
    fc.assert(
      fc.property(
        fc.array(
          // eslint-disable-next-line no-control-regex -- control characters are what this filter keeps out
          fc.string({ unit: 'grapheme' }).filter((w) => !/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(w)),
          { minLength: 1, maxLength: 6 },
        ),
        (words) => {
          const l = processCommandLine(words);
          expect(jsSdkCut(l)).toBe(l);
          expect(shlexSplit(l)).toEqual(words);
        },
      ),
    );
  });

  it('leaves plain words bare and refuses control characters and line breaks', () => {
    expect(
      processCommandLine([
        '/usr/bin/node',
        '/opt/awsx/dist/awsx.js',
        'credential-process',
        'prod',
        '--duration',
        '900',
      ]),
    ).toBe('/usr/bin/node /opt/awsx/dist/awsx.js credential-process prod --duration 900');
    expect(quoteProcessWord('a #b')).toBe("'a '\\#'b'");
    expect(() => quoteProcessWord('a\nb')).toThrow(
      /has a control character or line break and cannot go into credential_process/,
    );
    expect(() => quoteProcessWord('a\u2028b')).toThrow(/line break/);
  });

  it('/bin/sh (the JS SDK runs the line through exec) gives the program the same words', async () => {
    const script = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';
    const { stdout } = await promisify(execFile)(
      '/bin/sh',
      ['-c', processCommandLine([process.execPath, '-e', script, ...NASTY])],
      { env: { HOME: '/nowhere', PATH: '/usr/bin:/bin' } },
    );
    expect(JSON.parse(stdout)).toEqual(NASTY);
  });
});

describe('names and arguments', () => {
  it('awsx-TARGET for a plain target; a hash when characters were replaced or flags shape the session', () => {
    expect(managedProfileName('prod')).toBe('awsx-prod');
    expect(managedProfileName('prod', ['--duration', '900'])).toMatch(/^awsx-prod-[0-9a-f]{8}$/);
    expect(managedProfileName('prod', ['--duration', '900'])).not.toBe(
      managedProfileName('prod', ['--duration', '1800']),
    );
    expect(managedProfileName('sso:111122223333/Admin')).toMatch(/^awsx-sso-111122223333-Admin-[0-9a-f]{8}$/);
    expect(managedProfileName('arn:aws:iam::1:role/a')).not.toBe(managedProfileName('arn-aws-iam-1-role-a'));
    expect(managedProfileName('x'.repeat(200)).length).toBeLessThanOrEqual(5 + 60 + 9);
  });

  it('writes the flags that shape the session, never an MFA code or SSO token, and reads them back', () => {
    const kept = {
      profile: 'base',
      then: ['arn:aws:iam::1:role/A', 'arn:aws:iam::2:role/B'],
      duration: '2h',
      sessionName: 'me',
      externalId: 'x y',
      mfaSerial: 'arn:aws:iam::1:mfa/me',
      region: 'eu-west-1',
      ssoSession: 'corp',
      cache: false,
    };
    const flags = { ...kept, mfaCode: '123456', ssoAccessToken: 'secret' };
    const args = processArgs('arn:aws:iam::3:role/C', flags);
    expect(args).not.toContain('123456');
    expect(args).not.toContain('secret');
    expect(args.slice(0, 2)).toEqual(['credential-process', 'arn:aws:iam::3:role/C']);
    expect(parseProcessArgs(['/node', '/awsx.js', ...args])).toEqual({ target: 'arn:aws:iam::3:role/C', flags: kept });
    expect(parseProcessArgs(['/node', '/awsx.js', 'credential-process', 'prod', '--weird'])).toBeUndefined();
    expect(parseProcessArgs(['/node', '/awsx.js', 'assume', 'prod'])).toBeUndefined();
  });
});

describe('writing and pruning managed profiles', () => {
  let dir: string;
  let env: Record<string, string>;
  const config = (): string => readFileSync(env.AWS_CONFIG_FILE!, 'utf8');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-managed-'));
    env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends with the file’s own line endings, is idempotent, updates in place, and prune gives the bytes back', async () => {
    const original =
      '\ufeff[default]\r\nregion = us-east-1 ; mine\r\n\r\n# keep me\r\n[profile prod]\r\nrole_arn = arn:aws:iam::1:role/P\r\nsource_profile = default';
    writeFileSync(env.AWS_CONFIG_FILE!, original);
    expect(await writeManagedProfile(env, 'awsx-prod', '/n /a credential-process prod', 'eu-west-1')).toMatchObject({
      outcome: 'created',
    });
    const created = config();
    expect(created).toBe(
      `${original}\r\n\r\n[profile awsx-prod]\r\n${MANAGED_MARKER}\r\ncredential_process = /n /a credential-process prod\r\nregion = eu-west-1`,
    );
    expect(await writeManagedProfile(env, 'awsx-prod', '/n /a credential-process prod', 'eu-west-1')).toMatchObject({
      outcome: 'unchanged',
    });
    expect(config()).toBe(created);
    expect(await writeManagedProfile(env, 'awsx-prod', '/n2 /a credential-process prod', undefined)).toMatchObject({
      outcome: 'updated',
    });
    expect(config()).toBe(
      `${original}\r\n\r\n[profile awsx-prod]\r\n${MANAGED_MARKER}\r\ncredential_process = /n2 /a credential-process prod`,
    );
    const files = parseAwsFiles(config(), '');
    expect(files.profiles.get('awsx-prod')?.values).toEqual({ credential_process: '/n2 /a credential-process prod' });
    expect(files.profiles.get('prod')?.values.source_profile).toBe('default');
    expect(managedProfileNames(config())).toEqual(['awsx-prod']);
    expect(await pruneManagedProfiles(env)).toMatchObject({ removed: ['awsx-prod'] });
    expect(config()).toBe(original);
  });

  it('creates a missing config file, and refuses a section it did not write or one the credentials file shadows', async () => {
    await writeManagedProfile(env, 'awsx-a', '/n /a credential-process a', undefined);
    expect(config()).toBe(`[profile awsx-a]\n${MANAGED_MARKER}\ncredential_process = /n /a credential-process a\n`);
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile awsx-b]\nregion = x\n');
    await expect(writeManagedProfile(env, 'awsx-b', '/n /a credential-process b', undefined)).rejects.toThrow(
      /profile "awsx-b" already exists in .* and awsx did not write it; refusing to change it/,
    );
    expect(config()).toBe('[profile awsx-b]\nregion = x\n');
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '[awsx-c]\naws_access_key_id = AKIA\n');
    await expect(writeManagedProfile(env, 'awsx-c', '/n /a credential-process c', undefined)).rejects.toThrow(
      /has a section in the credentials file/,
    );
    expect(await pruneManagedProfiles(env)).toMatchObject({ removed: [] });
    expect(config()).toBe('[profile awsx-b]\nregion = x\n');
  });
});

describe.skipIf(skipWithoutBotocore())('botocore and the JS SDK run the written profile', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('both hand the program exactly the words awsx wrote', async () => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-managed-'));
    const env = {
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    };
    writeFileSync(env.AWS_CONFIG_FILE, '[profile other]\nregion = us-east-1\n');
    // The "credential process" reports its argv inside the access key id.
    const script =
      "process.stdout.write(JSON.stringify({Version: 1, AccessKeyId: Buffer.from(JSON.stringify(process.argv.slice(1))).toString('hex'), SecretAccessKey: 's'}))";
    await writeManagedProfile(
      env,
      'awsx-t',
      processCommandLine([process.execPath, '-e', script, ...NASTY]),
      'eu-west-1',
    );
    const decode = (key: string): unknown => JSON.parse(Buffer.from(key, 'hex').toString('utf8'));

    const { fromProcess } = await import('@aws-sdk/credential-provider-process');
    const js = await fromProcess({
      profile: 'awsx-t',
      filepath: env.AWS_SHARED_CREDENTIALS_FILE,
      configFilepath: env.AWS_CONFIG_FILE,
    })();
    expect(decode(js.accessKeyId)).toEqual(NASTY);

    // No server runs in this file, so a synchronous child is fine.
    const py = spawnSync(
      'python3',
      ['-c', 'import botocore.session; print(botocore.session.Session(profile="awsx-t").get_credentials().access_key)'],
      { encoding: 'utf8', env: { ...env, PATH: process.env.PATH } },
    );
    expect(py.stderr).toBe('');
    expect(decode(py.stdout.trim())).toEqual(NASTY);
  });
});
