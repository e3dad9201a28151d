// Role credentials from the SSO emulator accepted by the STS and federation emulators, linked as the demo links
// them (ssoIssuedSessions: an SSO key is an AWSReservedSSO_* role session).
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/config/clock.js';
import { startFederationEmulator, type FederationEmulator } from '../../src/emulator/federation-server.js';
import { startSsoEmulator, type SsoEmulator } from '../../src/emulator/sso-server.js';
import { ssoIssuedSessions } from '../../src/emulator/sso-sessions.js';
import { startStsEmulator, type StsEmulator } from '../../src/emulator/sts-server.js';
import { ACCOUNT, arn as role } from '../helpers/accounts.js';
import { errorOf, sts, worldOptions, type Keys } from './sts-world.js';

let sso: SsoEmulator;
let emu: StsEmulator;
let fed: FederationEmulator;
beforeEach(async () => {
  sso = await startSsoEmulator({ directory: { accounts: 2, rolesPerAccount: 2, seed: 5 } });
  emu = await startStsEmulator(
    worldOptions(
      { now: 0 },
      {
        clock: systemClock,
        resolveUnknownKey: ssoIssuedSessions(sso, { roleSuffix: '0123456789abcdef', sessionName: 'alice@example.com' }),
      },
    ),
  );
  fed = await startFederationEmulator({ lookupCredentials: emu.lookupCredentials });
});
afterEach(async () => {
  await Promise.all([fed.close(), emu.close(), sso.close()]);
});

async function ssoRoleKeys(): Promise<{ keys: Keys; accountId: string; roleName: string }> {
  const account = sso.knobs.directory.accounts[0]!;
  const roleName = account.roles[0]!;
  const client = new SSOClient({ region: 'us-east-1', endpoint: sso.url, maxAttempts: 1 });
  const out = await client.send(
    new GetRoleCredentialsCommand({ accessToken: sso.createAccessToken(), accountId: account.accountId, roleName }),
  );
  const c = out.roleCredentials!;
  return {
    keys: { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken! },
    accountId: account.accountId,
    roleName,
  };
}

describe('external (SSO) sessions', () => {
  it('call STS as an AWSReservedSSO role session; assuming a role from them is chaining', async () => {
    const { keys, accountId, roleName } = await ssoRoleKeys();
    const who = await sts(emu.url, keys).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(
      `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_0123456789abcdef/alice@example.com`,
    );
    expect(who.UserId).toMatch(/^AROA[A-Z2-7]{17}:alice@example.com$/);
    const chained = await errorOf(
      sts(emu.url, keys).send(
        new AssumeRoleCommand({ RoleArn: role(ACCOUNT, 'Dev'), RoleSessionName: 'x1', DurationSeconds: 7200 }),
      ),
    );
    expect(chained.message).toMatch(/role chaining/);
    const hop = await sts(emu.url, keys).send(
      new AssumeRoleCommand({ RoleArn: role(ACCOUNT, 'Dev'), RoleSessionName: 'from-sso' }),
    );
    expect(hop.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Dev/from-sso`);
  });

  it('sign in to the console, SessionDuration allowed (not chained)', async () => {
    const { keys, roleName } = await ssoRoleKeys();
    const url = new URL(fed.endpoint);
    url.search = new URLSearchParams({
      Action: 'getSigninToken',
      SessionDuration: '3600',
      Session: JSON.stringify({
        sessionId: keys.accessKeyId,
        sessionKey: keys.secretAccessKey,
        sessionToken: keys.sessionToken,
      }),
    }).toString();
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const { SigninToken } = (await res.json()) as { SigninToken: string };
    const page = await fetch(
      `${fed.endpoint}?${new URLSearchParams({ Action: 'login', Destination: 'https://console.aws.amazon.com/', SigninToken }).toString()}`,
    );
    expect(await page.text()).toContain(`AWSReservedSSO_${roleName}_0123456789abcdef/alice@example.com`);
  });

  it('registerSession adds one directly; unknown keys stay InvalidClientTokenId', async () => {
    emu.registerSession({
      accessKeyId: 'ASIAEXTERNAL00000001',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: Date.now() + 60_000,
      roleArn: role(ACCOUNT, 'Ext'),
      sessionName: 'ext',
    });
    const ok = await sts(emu.url, {
      accessKeyId: 'ASIAEXTERNAL00000001',
      secretAccessKey: 's',
      sessionToken: 't',
    }).send(new GetCallerIdentityCommand({}));
    expect(ok.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Ext/ext`);
    const forged = await errorOf(
      sts(emu.url, { accessKeyId: 'ASIAEXTERNAL00000001', secretAccessKey: 's', sessionToken: 'x' }).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    expect(forged.name).toBe('InvalidClientTokenId');
    expect(
      (
        await errorOf(
          sts(emu.url, { accessKeyId: 'ASIANOTKNOWN00000001', secretAccessKey: 's', sessionToken: 't' }).send(
            new GetCallerIdentityCommand({}),
          ),
        )
      ).name,
    ).toBe('InvalidClientTokenId');
  });
});
