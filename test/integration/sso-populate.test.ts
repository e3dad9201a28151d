// awsx sso populate against the SSO emulator: printed text equals what --write appends, the user's lines
// stay byte for byte, re-running changes nothing, parallel runs never duplicate, names stay unique.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAwsFiles } from '../../src/config/load-config.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import {
  DEV,
  DIRECTORY,
  fileMode,
  seedCliToken,
  SSO_CONFIG,
  ssoEnv,
  tokenPath,
  useSsoEmulator,
} from '../helpers/sso-world.js';

const USER_CONFIG = `${SSO_CONFIG}# keep this comment\n[profile   spaced ]\nregion=eu-north-1 ; inline\n`;

describe('awsx sso populate', () => {
  const emu = useSsoEmulator();
  let sb: Sandbox;
  beforeEach(() => {
    emu().configure({ directory: structuredClone(DIRECTORY) });
    sb = makeSandbox({ config: USER_CONFIG }, ssoEnv(emu()));
    seedCliToken(sb, emu());
  });
  afterEach(() => sb.cleanup());

  it('prints exactly what --write appends; the file keeps every byte; a second run changes nothing', async () => {
    const printed = await sb.awsx(['sso', 'populate', '--region', 'eu-west-1']);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toMatch(/^awsx: 3 new profiles, 1 already present; --write appends them to .*config$/m);
    expect(sb.read('config')).toBe(USER_CONFIG);
    chmodSync(sb.configPath, 0o640);

    const first = await sb.awsx(['sso', 'populate', '--region', 'eu-west-1', '--write']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('awsx: added 3 profiles, 1 already present');
    const written = sb.read('config');
    expect(written.startsWith(USER_CONFIG)).toBe(true);
    expect(written.slice(USER_CONFIG.length)).toBe(`\n${printed.stdout}`);
    expect(printed.stdout).toBe(
      [
        // sorted by account name: "Acme Prod" before "acme-dev"
        '[profile acme-prod-read-only-access]\nsso_session = corp\nsso_account_id = 444455556666\nsso_role_name = ReadOnlyAccess\nregion = eu-west-1\n',
        `[profile acme-dev-read-only-access]\nsso_session = corp\nsso_account_id = ${DEV}\nsso_role_name = ReadOnlyAccess\nregion = eu-west-1\n`,
        '[profile acme-sandbox-power-user-access]\nsso_session = corp\nsso_account_id = 777788889999\nsso_role_name = PowerUserAccess\nregion = eu-west-1\n',
      ].join('\n'),
    );
    expect(fileMode(sb.configPath)).toBe(0o640); // the config keeps its mode (issue 15)

    const second = await sb.awsx(['sso', 'populate', '--region', 'eu-west-1', '--write']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('awsx: added 0 profiles, 4 already present');
    expect(sb.read('config')).toBe(written);
    const listed = JSON.parse((await sb.awsx(['list', '--json'])).stdout) as Array<{
      name: string;
      configProfile: boolean;
    }>;
    expect(listed.filter((p) => !p.configProfile)).toEqual([]); // every discovered role has a profile now
  });

  it('parallel --write runs add each profile once (file lock)', async () => {
    await sb.awsx(['sso', 'roles']); // warm the role cache so both runs start together
    const runs = await Promise.all([1, 2, 3].map(() => sb.awsx(['sso', 'populate', '--write'])));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const files = parseAwsFiles(sb.read('config'), '');
    const names = [...files.profiles.keys()].filter((n) => n.startsWith('acme-'));
    expect(names.sort()).toEqual([
      'acme-dev-read-only-access',
      'acme-prod-read-only-access',
      'acme-sandbox-power-user-access',
    ]);
    expect(sb.read('config').match(/\[profile acme-dev-read-only-access\]/g)).toHaveLength(1);
  });

  it('a legacy login writes its [sso-session] first, and names collide into unique names', async () => {
    sb.write('config', '# empty but mine\n');
    const legacyUrl = 'https://my-org.awsapps.com/start';
    mkdirSync(join(sb.home, '.aws/sso/cache'), { recursive: true });
    const expiresAt = `${new Date(Date.now() + 3600_000).toISOString().slice(0, 19)}Z`;
    writeFileSync(
      tokenPath(sb, { startUrl: legacyUrl }),
      JSON.stringify({ startUrl: legacyUrl, region: 'us-east-1', accessToken: emu().createAccessToken(), expiresAt }),
    );
    emu().configure({
      directory: {
        accounts: [
          { accountId: '100000000001', accountName: 'Team A', emailAddress: 'a@x', roles: ['Admin'] },
          { accountId: '100000000002', accountName: 'team-a', emailAddress: 'b@x', roles: ['Admin'] },
        ],
      },
    });
    const r = await sb.awsx([
      'sso',
      'populate',
      '--start-url',
      legacyUrl,
      '--sso-region',
      'us-east-1',
      '--name-template',
      '{account_name}/{role_name}',
      '--write',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('added 2 profiles and [sso-session my-org]');
    expect(r.stderr).toContain('next: awsx sso login --sso-session my-org');
    expect(sb.read('config')).toBe(
      '# empty but mine\n\n[sso-session my-org]\nsso_start_url = https://my-org.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n' +
        '[profile team-a/admin]\nsso_session = my-org\nsso_account_id = 100000000001\nsso_role_name = Admin\n\n' +
        '[profile team-a/admin-100000000002]\nsso_session = my-org\nsso_account_id = 100000000002\nsso_role_name = Admin\n',
    );
  });

  it('rejects a bad template or region with exit 2 before any call', async () => {
    const calls = emu().stats.operations.ListAccounts ?? 0;
    const tpl = await sb.awsx(['sso', 'populate', '--name-template', '{acct}']);
    expect(tpl.code).toBe(2);
    expect(tpl.stderr).toContain('unknown placeholder {acct}');
    const region = await sb.awsx(['sso', 'populate', '--region', 'mars']);
    expect(region.code).toBe(2);
    expect(emu().stats.operations.ListAccounts ?? 0).toBe(calls);
  });
});
