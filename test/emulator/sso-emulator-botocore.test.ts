// botocore and the AWS CLI (v1) against the SSO emulator: paging, errors, and the sso-session token refresh.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { startSsoEmulator, type SsoEmulator } from '../../src/emulator/sso-server.js';

const hasBotocore = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;
const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

/** Skips loudly when a tool is missing; in CI a missing tool is a failure. */
function requireTool(ok: boolean, what: string, ctx: TestContext): void {
  if (ok) return;
  if (process.env.CI === 'true') throw new Error(`${what} is required in CI`);
  console.warn(`\n!!! ${what} not found: SKIPPING the botocore/AWS CLI compatibility check of the SSO emulator !!!\n`);
  ctx.skip();
}

let emu: SsoEmulator;
let home: string;
beforeAll(async () => {
  emu = await startSsoEmulator({ directory: { accounts: 5, rolesPerAccount: 3, seed: 11 } });
  home = mkdtempSync(join(tmpdir(), 'awsx-emu-'));
});
afterAll(async () => {
  await emu.close();
  rmSync(home, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return {
    ...clean,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ENDPOINT_URL_SSO: emu.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
    ...extra,
  };
}

/** Runs a child asynchronously: the emulator lives in this process, so a sync spawn would deadlock it. */
function run(
  cmd: string,
  args: string[],
  extra: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: env(extra), encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function python(script: string, extra: Record<string, string> = {}): Promise<unknown> {
  const out = await run('python3', ['-c', script], extra);
  if (out.code !== 0) throw new Error(`python3 failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

const PORTAL_SCRIPT = `
import json, os, botocore.session
from botocore.exceptions import ClientError
s = botocore.session.get_session()
sso = s.create_client('sso', region_name='us-east-1', endpoint_url=os.environ['URL'])
tok = os.environ['TOKEN']
accounts = []
for page in sso.get_paginator('list_accounts').paginate(accessToken=tok, PaginationConfig={'PageSize': 2}):
    accounts += page['accountList']
roles = sso.list_account_roles(accessToken=tok, accountId=accounts[0]['accountId'])['roleList']
creds = sso.get_role_credentials(accessToken=tok, accountId=accounts[0]['accountId'], roleName=roles[0]['roleName'])['roleCredentials']
def code(fn):
    try:
        fn()
        return 'ok'
    except ClientError as e:
        return e.response['Error']['Code']
oidc = s.create_client('sso-oidc', region_name='us-east-1', endpoint_url=os.environ['URL'])
reg = oidc.register_client(clientName='botocore-test', clientType='public')
dev = oidc.start_device_authorization(clientId=reg['clientId'], clientSecret=reg['clientSecret'], startUrl='https://x.awsapps.com/start')
grant = 'urn:ietf:params:oauth:grant-type:device_code'
print(json.dumps({
  'accounts': [a['accountId'] for a in accounts], 'roles': [r['roleName'] for r in roles],
  'expiration': creds['expiration'], 'keyId': creds['accessKeyId'],
  'unauthorized': code(lambda: sso.list_accounts(accessToken='bad')),
  'pending': code(lambda: oidc.create_token(clientId=reg['clientId'], clientSecret=reg['clientSecret'], grantType=grant, deviceCode=dev['deviceCode'])),
  'invalidGrant': code(lambda: oidc.create_token(clientId=reg['clientId'], clientSecret=reg['clientSecret'], grantType=grant, deviceCode='nope')),
  'invalidClient': code(lambda: oidc.create_token(clientId=reg['clientId'], clientSecret='bad', grantType=grant, deviceCode='nope')),
}))
`;

// The profile chain: [sso-session] profile, cached token close to expiry -> botocore refreshes it, then GetRoleCredentials.
const PROFILE_SCRIPT = `
import json, botocore.session
c = botocore.session.Session(profile='dev').get_credentials().get_frozen_credentials()
print(json.dumps({'accessKey': c.access_key, 'token': c.token}))
`;

describe('botocore against the SSO emulator', () => {
  it('reads accounts, roles and credentials, and types portal and OIDC errors', async (ctx) => {
    requireTool(hasBotocore, 'python3 with botocore', ctx);
    const token = emu.createAccessToken();
    const got = (await python(PORTAL_SCRIPT, { URL: emu.url, TOKEN: token })) as Record<string, unknown>;
    const dir = emu.knobs.directory.accounts;
    expect(got.accounts).toEqual(dir.map((a) => a.accountId));
    expect(got.roles).toEqual(dir[0]!.roles);
    expect(got.keyId).toMatch(/^ASIA/);
    expect(got.expiration).toBe(emu.issuedCredentials.at(-1)?.expiration);
    expect(got).toMatchObject({
      unauthorized: 'UnauthorizedException',
      pending: 'AuthorizationPendingException',
      invalidGrant: 'InvalidGrantException',
      invalidClient: 'InvalidClientException',
    });
  });

  it('refreshes an sso-session token through the refresh_token grant and rewrites the cache', async (ctx) => {
    requireTool(hasBotocore, 'python3 with botocore', ctx);
    const login = emu.createLogin({ ttlSeconds: 300 }); // < 15 min left: botocore refreshes first
    const acct = emu.knobs.directory.accounts[2]!;
    writeFileSync(
      join(home, 'config'),
      `[profile dev]\nsso_session = corp\nsso_account_id = ${acct.accountId}\nsso_role_name = ${acct.roles[1]}\nregion = us-east-1\n\n` +
        `[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
    );
    const cacheDir = join(home, '.aws', 'sso', 'cache');
    mkdirSync(cacheDir, { recursive: true });
    const cacheFile = join(cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`);
    const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    writeFileSync(
      cacheFile,
      JSON.stringify({
        startUrl: 'https://corp.awsapps.com/start',
        region: 'us-east-1',
        accessToken: login.accessToken,
        expiresAt: iso(login.expiresAt),
        clientId: login.clientId,
        clientSecret: login.clientSecret,
        registrationExpiresAt: iso(login.registrationExpiresAt),
        refreshToken: login.refreshToken,
      }),
    );
    const before = emu.stats.operations.CreateToken ?? 0;
    const got = (await python(PROFILE_SCRIPT)) as { accessKey: string };
    expect(got.accessKey).toBe(emu.issuedCredentials.at(-1)?.accessKeyId);
    expect(emu.issuedCredentials.at(-1)).toMatchObject({ accountId: acct.accountId, roleName: acct.roles[1] });
    expect(emu.stats.operations.CreateToken).toBe(before + 1);
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    expect(cached.accessToken).not.toBe(login.accessToken);
    expect(cached.refreshToken).not.toBe(login.refreshToken);
    expect(emu.isAccessTokenValid(cached.accessToken!)).toBe(true);
    expect(emu.stats.lastHeadersByOperation.GetRoleCredentials?.['x-amz-sso_bearer_token']).toBe(cached.accessToken);
  });

  it('the AWS CLI lists accounts through AWS_ENDPOINT_URL_SSO', async (ctx) => {
    requireTool(hasAwsCli, 'the aws CLI', ctx);
    const token = emu.createAccessToken();
    const out = await run('aws', [
      'sso',
      'list-accounts',
      '--access-token',
      token,
      '--region',
      'us-east-1',
      '--output',
      'json',
    ]);
    expect(out.stderr).toBe('');
    const parsed = JSON.parse(out.stdout) as { accountList: { accountId: string }[] };
    expect(parsed.accountList.map((a) => a.accountId)).toEqual(emu.knobs.directory.accounts.map((a) => a.accountId));
    const bad = await run('aws', ['sso', 'list-accounts', '--access-token', 'bad', '--region', 'us-east-1']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('UnauthorizedException');
  });
});
