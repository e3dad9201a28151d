// Issue 17's findings, each pinned where awsx decides it (the differential test against botocore,
// test/unit/config/botocore-resolution.test.ts, checks the same against botocore itself).
import { describe, expect, it } from 'vitest';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import {
  configFilePath,
  credentialsFilePath,
  expandVars,
  loginCacheDir,
  profileEnvNote,
} from '../../../src/config/paths.js';
import { ProfileGraph } from '../../../src/config/profile-graph.js';
import { pythonInt } from '../../../src/config/py-int.js';
import { buildPlan } from '../../../src/credentials/plan.js';
import { tokenExpiresAt } from '../../../src/sso/token-cache.js';

const graphOf = (config: string, credentials = ''): ProfileGraph =>
  new ProfileGraph(parseAwsFiles(config, credentials));
const KEYS = 'aws_access_key_id = AKIACONFIGCONFIGCON1\naws_secret_access_key = config-secret\n';

describe("item 1: botocore's provider order", () => {
  it('config-file keys come after credential_process and login_session', () => {
    const g = graphOf(
      `[profile p]\n${KEYS}credential_process = /bin/creds\n\n[profile l]\n${KEYS}login_session = arn:aws:iam::111111111111:user/a\n`,
    );
    expect(g.get('p')).toMatchObject({ kind: 'process', root: { kind: 'process', command: '/bin/creds' } });
    expect(g.get('l')).toMatchObject({
      kind: 'login',
      root: { kind: 'login', session: 'arn:aws:iam::111111111111:user/a' },
    });
    expect(g.get('p')!.warnings.join()).toMatch(/the AWS CLI and awsx run credential_process; JS SDKs use the keys/);
  });

  it('credentials-file keys come before credential_process; sso before any keys', () => {
    const g = graphOf(
      '[profile p]\ncredential_process = /bin/creds\n\n[profile s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = R\n',
      `[p]\n${KEYS}\n[s]\n${KEYS}`,
    );
    expect(g.get('p')).toMatchObject({ kind: 'static', root: { kind: 'static', file: 'credentials' } });
    expect(g.get('s')).toMatchObject({ kind: 'sso' });
  });

  it('a source profile with keys and credential_process (in the config file) lends the process', () => {
    const g = graphOf(
      `[profile src]\n${KEYS}credential_process = /bin/creds\nrole_arn = arn:aws:iam::111111111111:role/Ignored\n\n[profile top]\nrole_arn = arn:aws:iam::222222222222:role/T\nsource_profile = src\n`,
    );
    expect(g.get('top')).toMatchObject({ root: { kind: 'process', profile: 'src' }, parents: ['src'] });
    expect(g.get('top')!.hops.map((h) => h.roleName)).toEqual(['T']);
  });
});

describe("presence decides the provider, as botocore's `key in profile`", () => {
  it.each([
    ['[profile p]\ncredential_process =\n', /^profile "p": credential_process is empty$/],
    ['[profile p]\nlogin_session =\n', /^profile "p": login_session is empty$/],
    [
      '[profile p]\naws_access_key_id =\naws_secret_access_key = s\n',
      /^profile "p": aws_access_key_id in the config file is empty$/,
    ],
    ['[profile p]\nweb_identity_token_file = /t\n', /^profile "p" has web_identity_token_file but no role_arn$/],
  ])('%j', (config, message) => expect(graphOf(config).get('p')!.error!.message).toMatch(message));
});

describe('item 2: aws_security_token wins over aws_session_token', () => {
  it.each([
    ['both', 'aws_session_token = SESSION\naws_security_token = SECURITY\n', 'SECURITY'],
    ['session only', 'aws_session_token = SESSION\n', 'SESSION'],
    ['security empty', 'aws_session_token = SESSION\naws_security_token =\n', undefined],
  ])('%s', (_, tokens, expected) => {
    const root = graphOf(`[profile p]\n${KEYS}${tokens}`).get('p')!.root;
    expect(root).toMatchObject({ kind: 'static' });
    expect((root as { sessionToken?: string }).sessionToken).toBe(expected);
  });
});

describe("item 3: duration_seconds as Python's int() reads it", () => {
  it.each([
    ['+3600', 3600],
    [' 3600 ', 3600],
    ['3_600', 3600],
    ['０３６００', 3600],
    ['-5', -5],
    ['1h', undefined],
    ['3600.0', undefined],
    ['3__600', undefined],
    ['', undefined],
  ])('int(%j) = %j', (text, value) => expect(pythonInt(text)).toBe(value));

  it('+3600 is sent as 3600; 1h is dropped with a warning', () => {
    const g = graphOf(
      `[profile k]\n${KEYS}\n[profile plus]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = k\nduration_seconds = +3600\n\n[profile text]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = k\nduration_seconds = 1h\n`,
    );
    expect(g.get('plus')!.hops[0]!.durationSeconds).toBe(3600);
    expect(g.get('text')!.error).toBeUndefined();
    expect(g.get('text')!.hops[0]!.durationSeconds).toBeUndefined();
    expect(g.get('text')!.warnings.join()).toMatch(
      /duration_seconds "1h" is not a whole number: the AWS CLI ignores it/,
    );
  });
});

describe('item 4: keys split across the two files', () => {
  it("a key id in the credentials file without its secret there is an error, as botocore's PartialCredentialsError", () => {
    const g = graphOf(
      '[profile p]\naws_secret_access_key = in-config\n',
      '[p]\naws_access_key_id = AKIAINCREDENTIALSFI1\n',
    );
    expect(g.get('p')!.error!.message).toBe(
      'profile "p": aws_access_key_id is in the credentials file but aws_secret_access_key is not (the AWS CLI does not pair keys across files)',
    );
  });

  it('a key id in the config file with the secret in the credentials file too', () => {
    const g = graphOf(
      '[profile p]\naws_access_key_id = AKIAINCONFIGCONFIG01\n',
      '[p]\naws_secret_access_key = in-credentials\n',
    );
    expect(g.get('p')!.error!.message).toMatch(
      /aws_access_key_id is in the config file but aws_secret_access_key is not/,
    );
  });
});

describe('item 6: web identity sends no DurationSeconds', () => {
  it('the hop has no duration and the profile says why', () => {
    const p = graphOf(
      '[profile w]\nrole_arn = arn:aws:iam::111111111111:role/W\nweb_identity_token_file = /t\nduration_seconds = 7200\n',
    ).get('w')!;
    expect(p.root).toMatchObject({ kind: 'web-identity' });
    expect((p.root as { hop: { durationSeconds?: number } }).hop.durationSeconds).toBeUndefined();
    expect(p.warnings.join()).toMatch(/duration_seconds is not used with web_identity_token_file/);
  });
});

describe('item 8: a legacy SSO token whose expiresAt ends in UTC', () => {
  it('reads as the UTC time it names', () => {
    expect(tokenExpiresAt({ accessToken: 'a', expiresAt: '2030-01-02T03:04:05UTC' })).toBe(
      Date.UTC(2030, 0, 2, 3, 4, 5),
    );
    expect(tokenExpiresAt({ accessToken: 'a', expiresAt: '2030-01-02T03:04:05Z' })).toBe(Date.UTC(2030, 0, 2, 3, 4, 5));
  });
});

describe('item 9: $VARIABLES and ~ in AWS_CONFIG_FILE and friends', () => {
  const env = {
    HOME: '/home/a',
    X: '/data',
    AWS_CONFIG_FILE: '$X/config',
    AWS_SHARED_CREDENTIALS_FILE: '${X}/creds',
    AWS_LOGIN_CACHE_DIRECTORY: '~/$NOPE/login',
  };
  it("expands as Python's expandvars then expanduser", () => {
    expect(configFilePath(env)).toBe('/data/config');
    expect(credentialsFilePath(env)).toBe('/data/creds');
    expect(loginCacheDir(env)).toBe('/home/a/$NOPE/login');
    expect(expandVars('$HOME/$X/${X}', env)).toBe('/home/a//data//data');
  });
});

describe("item 10: AWS_REGION before the profile's region", () => {
  const graph = graphOf(`[profile p]\n${KEYS}region = eu-west-1\n`);
  const planIn = (env: Record<string, string>) => buildPlan({ kind: 'profile', name: 'p' }, {}, { graph, env });
  it('as the AWS CLI v2 and the SDKs', () => {
    expect(planIn({}).region).toBe('eu-west-1');
    expect(planIn({ AWS_REGION: 'us-west-2' }).region).toBe('us-west-2');
    expect(planIn({ AWS_DEFAULT_REGION: 'ap-south-1' }).region).toBe('ap-south-1');
  });
  it("except where AWS_REGION is awsx's own export for the previous identity (AWSX_REGION names it; issue 19)", () => {
    expect(planIn({ AWS_REGION: 'us-west-2', AWSX_IDENTITY: 'other', AWSX_REGION: 'us-west-2' }).region).toBe(
      'eu-west-1',
    );
    // A region the user set in a shell awsx set up (not the one awsx exported) is still the user's.
    expect(planIn({ AWS_REGION: 'us-west-2', AWSX_IDENTITY: 'other', AWSX_REGION: 'eu-north-1' }).region).toBe(
      'us-west-2',
    );
  });
});

describe('item 13: deliberate differences are said, line by line', () => {
  it('an inline comment: the profile names the line and what the AWS CLI reads', () => {
    const files = parseAwsFiles(
      '[profile k]\n' +
        KEYS +
        '\n[profile r]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = k\nduration_seconds = 7200  # 2 hours\n',
      '',
      { configPath: '/c', credentialsPath: '/k' },
    );
    const p = new ProfileGraph(files).get('r')!;
    expect(p.hops[0]!.durationSeconds).toBe(7200);
    expect(p.warnings).toContain(
      '/c line 8: awsx reads duration_seconds = "7200" (the rest is a comment); the AWS CLI reads the whole "7200  # 2 hours"',
    );
  });
  it('a BOM: the file is named', () => {
    const files = parseAwsFiles('\uFEFF[default]\nregion = x\n', '', { configPath: '/c', credentialsPath: '/k' });
    expect(files.differences).toEqual([
      {
        line: 1,
        file: '/c',
        message: expect.stringMatching(/byte order mark \(BOM\): the AWS CLI rejects the whole file/) as string,
      },
    ]);
  });
});

describe('deliberate difference (e): AWS_PROFILE before AWS_DEFAULT_PROFILE is said', () => {
  it('one warning when both are set and differ; nothing otherwise', () => {
    expect(profileEnvNote({ AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' })).toBe(
      'awsx: warning: AWS_PROFILE=a and AWS_DEFAULT_PROFILE=b: awsx uses a, as the AWS CLI v2 does; the AWS CLI v1 uses b\n',
    );
    expect(profileEnvNote({ AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'a' })).toBe('');
    expect(profileEnvNote({ AWS_DEFAULT_PROFILE: 'b' })).toBe('');
  });
});
