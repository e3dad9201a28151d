import { describe, expect, it } from 'vitest';
import { ProfileConfigError } from '../../../src/config/errors.js';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { ProfileGraph, type Profile } from '../../../src/config/profile-graph.js';

const graphOf = (config: string, credentials = ''): ProfileGraph =>
  new ProfileGraph(parseAwsFiles(config, credentials));

/** Some fields of a value, for toEqual (which, unlike toMatchObject, lets `undefined` stand for "absent"). */
function pick<T extends object, K extends keyof T>(value: T | undefined, ...keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.map((k) => [k, value?.[k]])) as Partial<Pick<T, K>>;
}
const mfaOfRoot = (p: Profile | undefined): string | undefined =>
  p?.root?.kind === 'static' ? p.root.mfaSerial : undefined;

const KINDS = `
[profile static]
aws_access_key_id = AKIASTATICSTATIC0001
aws_secret_access_key = secret/static
aws_account_id = 111111111111
region = eu-west-1

[profile role-source]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = static
region = us-east-2

[profile role-credential-source]
role_arn = arn:aws:iam::333333333333:role/path/to/Ec2Role
credential_source = Ec2InstanceMetadata

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access, sso:other

[profile sso-session]
sso_session = corp
sso_account_id = 444444444444
sso_role_name = ReadOnly
region = ap-south-1

[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-west-2
sso_account_id = 555555555555
sso_role_name = Legacy

[profile process]
credential_process = /usr/bin/creds --json
region = eu-north-1

[profile web-identity]
role_arn = arn:aws:iam::666666666666:role/Web
web_identity_token_file = /var/run/token
`;

describe('ProfileGraph: kinds', () => {
  const graph = graphOf(KINDS, '[static]\naws_session_token = TOKEN\n');

  it.each([
    // name, kind, root kind, root profile, account, role, region
    ['static', 'static', 'static', 'static', '111111111111', undefined, 'eu-west-1'],
    ['role-source', 'role', 'static', 'static', '222222222222', 'Admin', 'us-east-2'],
    [
      'role-credential-source',
      'role',
      'credential-source',
      'role-credential-source',
      '333333333333',
      'Ec2Role',
      undefined,
    ],
    ['sso-session', 'sso', 'sso', 'sso-session', '444444444444', 'ReadOnly', 'ap-south-1'],
    ['sso-legacy', 'sso', 'sso', 'sso-legacy', '555555555555', 'Legacy', undefined],
    ['process', 'process', 'process', 'process', undefined, undefined, 'eu-north-1'],
    ['web-identity', 'web-identity', 'web-identity', 'web-identity', '666666666666', 'Web', undefined],
  ])('%s is %s with a %s root', (name, kind, rootKind, rootProfile, accountId, roleName, region) => {
    const p = graph.get(name)!;
    expect(p.error).toBeUndefined();
    expect(pick(p, 'name', 'kind', 'accountId', 'roleName', 'region')).toEqual({
      name,
      kind,
      accountId,
      roleName,
      region,
    });
    expect(pick(p.root, 'kind', 'profile')).toEqual({ kind: rootKind, profile: rootProfile });
  });

  it('reads the root of each kind', () => {
    // The keys are in the config file: botocore's config-file provider reads the token from that section
    // alone, so the credentials file's aws_session_token is not paired with them (issue 17, item 4).
    expect(graph.get('static')!.root).toEqual({
      kind: 'static',
      profile: 'static',
      accessKeyId: 'AKIASTATICSTATIC0001',
      secretAccessKey: 'secret/static',
      accountId: '111111111111',
      region: 'eu-west-1',
      file: 'config',
    });
    expect(graph.get('role-credential-source')!.root).toEqual({
      kind: 'credential-source',
      profile: 'role-credential-source',
      source: 'Ec2InstanceMetadata',
      region: undefined,
    });
    expect(graph.get('process')!.root).toEqual({
      kind: 'process',
      profile: 'process',
      command: '/usr/bin/creds --json',
      region: 'eu-north-1',
    });
    expect(graph.get('sso-session')).toMatchObject({
      ssoSession: 'corp',
      ssoStartUrl: 'https://corp.awsapps.com/start',
      root: {
        sso: {
          sessionName: 'corp',
          startUrl: 'https://corp.awsapps.com/start',
          region: 'us-east-1',
          scopes: ['sso:account:access', 'sso:other'],
        },
      },
    });
    expect(graph.get('sso-legacy')!.root).toMatchObject({
      sso: { startUrl: 'https://legacy.awsapps.com/start', region: 'us-west-2', scopes: [] },
    });
    expect(graph.get('sso-legacy')!.ssoSession).toBeUndefined();
    expect(graph.get('web-identity')!.root).toMatchObject({
      tokenFile: '/var/run/token',
      hop: { roleArn: 'arn:aws:iam::666666666666:role/Web' },
    });
  });

  it('records which file a profile came from', () => {
    expect(graph.get('static')).toMatchObject({ inConfig: true, inCredentials: true });
    expect(graph.get('process')).toMatchObject({ inConfig: true, inCredentials: false });
    expect(graph.get('nope')).toBeUndefined();
    expect(graph.has('nope')).toBe(false);
    expect(graph.names()).toEqual([
      'static',
      'role-source',
      'role-credential-source',
      'sso-session',
      'sso-legacy',
      'process',
      'web-identity',
    ]);
  });
});

const CHAIN = `
[profile base]
aws_access_key_id = AKIABASEBASEBASEBAS1
aws_secret_access_key = secret/base

[profile hop1]
role_arn = arn:aws:iam::111111111111:role/One
source_profile = base
duration_seconds = 3600
role_session_name = alice

[profile hop2]
role_arn = arn:aws:iam::222222222222:role/Two
source_profile = hop1
mfa_serial = arn:aws:iam::111111111111:mfa/alice
external_id = ext-123

[profile hop3]
role_arn = arn:aws-cn:iam::333333333333:role/Three
source_profile = hop2
region = cn-north-1
`;

describe('ProfileGraph: chains', () => {
  const graph = graphOf(CHAIN);

  it.each([
    ['base', [], []],
    ['hop1', ['base'], ['One']],
    ['hop2', ['base', 'hop1'], ['One', 'Two']],
    ['hop3', ['base', 'hop1', 'hop2'], ['One', 'Two', 'Three']],
  ])('%s: parents root first and one hop per role', (name, parents, roles) => {
    const p = graph.get(name)!;
    expect(p.error).toBeUndefined();
    expect(p.parents).toEqual(parents);
    expect(p.hops.map((h) => h.roleName)).toEqual(roles);
    expect(p.root).toMatchObject({ kind: 'static', profile: 'base' });
  });

  it("keeps each hop's own settings", () => {
    expect(graph.get('hop3')!.hops).toEqual([
      {
        profile: 'hop1',
        roleArn: 'arn:aws:iam::111111111111:role/One',
        partition: 'aws',
        accountId: '111111111111',
        roleName: 'One',
        durationSeconds: 3600,
        roleSessionName: 'alice',
      },
      {
        profile: 'hop2',
        roleArn: 'arn:aws:iam::222222222222:role/Two',
        partition: 'aws',
        accountId: '222222222222',
        roleName: 'Two',
        mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
        externalId: 'ext-123',
      },
      {
        profile: 'hop3',
        roleArn: 'arn:aws-cn:iam::333333333333:role/Three',
        partition: 'aws-cn',
        accountId: '333333333333',
        roleName: 'Three',
        region: 'cn-north-1',
      },
    ]);
    expect(graph.get('hop3')).toMatchObject({
      accountId: '333333333333',
      roleName: 'Three',
      region: 'cn-north-1',
      roleArn: 'arn:aws-cn:iam::333333333333:role/Three',
    });
  });

  it.each([
    ['base', false, false, undefined],
    ['hop1', false, false, undefined],
    ['hop2', true, true, 'arn:aws:iam::111111111111:mfa/alice'],
    ['hop3', true, true, 'arn:aws:iam::111111111111:mfa/alice'],
  ])('%s: needsMfa %s, external id %s', (name, needsMfa, hasExternalId, mfaSerial) => {
    expect(pick(graph.get(name), 'needsMfa', 'hasExternalId', 'mfaSerial')).toEqual({
      needsMfa,
      hasExternalId,
      mfaSerial,
    });
  });

  it('needs MFA for a static profile with mfa_serial (an MFA session) and for a role above it', () => {
    const g = graphOf(`
[profile user]
aws_access_key_id = AKIAUSERUSERUSERUSE1
aws_secret_access_key = secret/user
mfa_serial = arn:aws:iam::111111111111:mfa/bob

[profile admin]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = user
`);
    expect(g.get('user')).toMatchObject({
      needsMfa: true,
      mfaSerial: 'arn:aws:iam::111111111111:mfa/bob',
      root: { mfaSerial: 'arn:aws:iam::111111111111:mfa/bob' },
    });
    expect(g.get('admin')).toMatchObject({ needsMfa: true, mfaSerial: 'arn:aws:iam::111111111111:mfa/bob' });
    expect(g.get('admin')!.hops[0]!.mfaSerial).toBeUndefined();
  });

  it('a role on an SSO profile or a process profile keeps that root', () => {
    const g = graphOf(`${KINDS}
[profile on-sso]
role_arn = arn:aws:iam::777777777777:role/FromSso
source_profile = sso-session

[profile on-process]
role_arn = arn:aws:iam::888888888888:role/FromProcess
source_profile = process

[profile on-web]
role_arn = arn:aws:iam::999999999999:role/FromWeb
source_profile = web-identity
`);
    expect(g.get('on-sso')).toMatchObject({
      parents: ['sso-session'],
      ssoSession: 'corp',
      ssoStartUrl: 'https://corp.awsapps.com/start',
      root: { kind: 'sso', accountId: '444444444444' },
    });
    expect(g.get('on-process')).toMatchObject({ parents: ['process'], root: { kind: 'process' } });
    expect(g.get('on-web')).toMatchObject({
      parents: ['web-identity'],
      root: { kind: 'web-identity' },
      hops: [{ roleName: 'FromWeb' }],
    });
  });
});

describe('ProfileGraph: source profiles with keys', () => {
  const graph = graphOf(`
[profile self]
aws_access_key_id = AKIASELFSELFSELFSEL1
aws_secret_access_key = secret/self
role_arn = arn:aws:iam::111111111111:role/Self
source_profile = self
mfa_serial = arn:aws:iam::999999999999:mfa/self

[profile on-self]
role_arn = arn:aws:iam::222222222222:role/OnSelf
source_profile = self

[profile keys-and-sso]
aws_access_key_id = AKIAMIXEDMIXEDMIXED1
aws_secret_access_key = secret/mixed
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-west-2
sso_account_id = 555555555555
sso_role_name = Legacy

[profile on-keys-and-sso]
role_arn = arn:aws:iam::333333333333:role/OnMixed
source_profile = keys-and-sso
`);

  it('a profile may name itself as source_profile when it holds keys: its role on its own keys', () => {
    const p = graph.get('self')!;
    expect(p.error).toBeUndefined();
    expect(p).toMatchObject({
      kind: 'role',
      parents: [],
      accountId: '111111111111',
      roleName: 'Self',
      needsMfa: true,
      mfaSerial: 'arn:aws:iam::999999999999:mfa/self',
    });
    expect(p.root).toMatchObject({ kind: 'static', profile: 'self', accessKeyId: 'AKIASELFSELFSELFSEL1' });
    // The mfa_serial belongs to the role (botocore sends it with AssumeRole), not to the keys: one MFA prompt.
    expect(mfaOfRoot(p)).toBeUndefined();
    expect(p.hops).toMatchObject([{ roleName: 'Self', mfaSerial: 'arn:aws:iam::999999999999:mfa/self' }]);
  });

  it("a source profile with keys lends its keys; its own role and that role's mfa_serial are ignored (as botocore)", () => {
    const p = graph.get('on-self')!;
    expect(p).toMatchObject({ parents: ['self'], needsMfa: false, root: { kind: 'static', profile: 'self' } });
    expect(mfaOfRoot(p)).toBeUndefined();
    expect(p.hops.map((h) => h.roleName)).toEqual(['OnSelf']);
  });

  it('a source profile with keys and sso_* keys is an SSO source, as for the AWS CLI', () => {
    expect(graph.get('keys-and-sso')).toMatchObject({ kind: 'sso', root: { kind: 'sso' } });
    expect(graph.get('keys-and-sso')!.warnings).toEqual([expect.stringMatching(/both static keys and sso_\* keys/)]);
    expect(graph.get('on-keys-and-sso')).toMatchObject({
      parents: ['keys-and-sso'],
      root: { kind: 'sso', accountId: '555555555555', roleName: 'Legacy' },
    });
  });
});

const BROKEN = `
[profile good]
aws_access_key_id = AKIAGOODGOODGOODGOO1
aws_secret_access_key = secret/good

[profile good-role]
role_arn = arn:aws:iam::111111111111:role/Good
source_profile = good

[profile cycle-a]
role_arn = arn:aws:iam::111111111111:role/A
source_profile = cycle-b

[profile cycle-b]
role_arn = arn:aws:iam::111111111111:role/B
source_profile = cycle-a

[profile cycle-entry]
role_arn = arn:aws:iam::111111111111:role/Entry
source_profile = cycle-a

[profile missing-source]
role_arn = arn:aws:iam::111111111111:role/X
source_profile = nope

[profile on-missing-source]
role_arn = arn:aws:iam::111111111111:role/Y
source_profile = missing-source

[profile bad-arn]
role_arn = arn:aws:iam::1234:role/Short
source_profile = good

[profile user-arn]
role_arn = arn:aws:iam::111111111111:user/alice
source_profile = good

[profile both-sources]
role_arn = arn:aws:iam::111111111111:role/X
source_profile = good
credential_source = Environment

[profile no-source]
role_arn = arn:aws:iam::111111111111:role/X

[profile bad-credential-source]
role_arn = arn:aws:iam::111111111111:role/X
credential_source = environment

[profile duration-low]
role_arn = arn:aws:iam::111111111111:role/X
source_profile = good
duration_seconds = 899

[profile duration-high]
role_arn = arn:aws:iam::111111111111:role/X
source_profile = good
duration_seconds = 43201

[profile duration-text]
role_arn = arn:aws:iam::111111111111:role/X
source_profile = good
duration_seconds = 1h

[profile duration-decimal]
role_arn = arn:aws:iam::111111111111:role/X
source_profile = good
duration_seconds = 3600.0

[profile missing-sso-session]
sso_session = ghost
sso_account_id = 111111111111
sso_role_name = X

[profile sso-no-role]
sso_start_url = https://x.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111111111111

[profile self-no-keys]
role_arn = arn:aws:iam::111111111111:role/X
source_profile = self-no-keys

[profile bad-mfa]
role_arn = arn:aws:iam::111111111111:role/X
source_profile = good
mfa_serial = 123

[profile empty]
region = us-east-1

[profile good-after]
credential_process = echo
`;

describe('ProfileGraph: errors', () => {
  const graph = graphOf(BROKEN);

  it.each([
    ['cycle-a', /^profile "cycle-a": source_profile chain loops: cycle-a -> cycle-b -> cycle-a$/],
    ['cycle-b', /^profile "cycle-b": source_profile chain loops: cycle-b -> cycle-a -> cycle-b$/],
    ['cycle-entry', /source_profile chain loops: cycle-entry -> cycle-a -> cycle-b -> cycle-a$/],
    ['missing-source', /^profile "missing-source": source_profile "nope" does not exist$/],
    ['on-missing-source', /^profile "missing-source": source_profile "nope" does not exist$/],
    ['bad-arn', /^profile "bad-arn": role_arn "arn:aws:iam::1234:role\/Short" is not a valid IAM role ARN$/],
    ['user-arn', /role_arn ".*:user\/alice" is not a valid IAM role ARN/],
    ['both-sources', /^profile "both-sources" has both source_profile and credential_source$/],
    ['no-source', /^profile "no-source" has role_arn but no source_profile or credential_source$/],
    [
      'bad-credential-source',
      /credential_source "environment" is not one of Environment, Ec2InstanceMetadata, EcsContainer/,
    ],
    ['duration-low', /duration_seconds "899" is not a whole number of seconds in 900-43200/],
    ['duration-high', /duration_seconds "43201" is not a whole number/],
    ['missing-sso-session', /sso_session "ghost" has no \[sso-session ghost\] section/],
    ['sso-no-role', /^profile "sso-no-role" has no sso_role_name$/],
    ['self-no-keys', /uses itself as source_profile but has no keys of its own/],
    ['bad-mfa', /mfa_serial "123" is not an MFA device ARN or serial/],
    ['empty', /^profile "empty" has no credentials/],
  ])('%s: %s', (name, message) => {
    const p = graph.get(name)!;
    expect(p.error).toBeInstanceOf(ProfileConfigError);
    expect(p.error!.message).toMatch(message);
    expect(p.error!.exitCode).toBe(2);
    expect(p.error!.hint).toBeTruthy();
    expect(p.root).toBeUndefined();
    expect(p.hops).toEqual([]);
  });

  it('one broken profile does not affect the others', () => {
    const byError = (broken: boolean) =>
      graph
        .all()
        .filter((p: Profile) => (p.error !== undefined) === broken)
        .map((p) => p.name);
    expect(byError(false)).toEqual(['good', 'good-role', 'duration-text', 'duration-decimal', 'good-after']);
    expect(graph.get('good-role')).toMatchObject({
      parents: ['good'],
      root: { kind: 'static' },
      hops: [{ roleName: 'Good' }],
    });
    // Resolving the broken ones first changes nothing for the good ones, and nothing is shared between graphs.
    const fresh = graphOf(BROKEN);
    expect(fresh.get('good-role')).toEqual(graph.get('good-role'));
  });

  it("a duration_seconds Python's int() refuses is dropped with a warning, as botocore drops it", () => {
    for (const name of ['duration-text', 'duration-decimal']) {
      const p = graph.get(name)!;
      expect(p.hops.at(-1)?.durationSeconds).toBeUndefined();
      expect(p.warnings.join('\n')).toMatch(/is not a whole number: the AWS CLI ignores it/);
    }
  });

  it('a broken profile still shows what it can: its kind, account and role', () => {
    expect(graph.get('no-source')).toMatchObject({
      kind: 'role',
      accountId: '111111111111',
      roleName: 'X',
      roleArn: 'arn:aws:iam::111111111111:role/X',
    });
    expect(graph.get('missing-sso-session')).toMatchObject({
      kind: 'sso',
      accountId: '111111111111',
      roleName: 'X',
      ssoSession: 'ghost',
    });
    expect(pick(graph.get('bad-arn'), 'kind', 'accountId', 'roleName')).toEqual({ kind: 'role' });
  });
});
