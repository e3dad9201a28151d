// The SSO emulator's portal API, driven by the real @aws-sdk/client-sso.
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccountRoles,
  paginateListAccounts,
  SSOClient,
} from '@aws-sdk/client-sso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDirectory, startSsoEmulator, type SsoEmulator } from '../../src/emulator/sso-server.js';

let emu: SsoEmulator;
let token: string;
const sso = (maxAttempts = 1) => new SSOClient({ region: 'us-east-1', endpoint: emu.url, maxAttempts });
// The emulator's clock runs with the machine's (the rate limit refills as the SDK retries) and a test can move
// it ahead to expire tokens without waiting.
let ahead: number;

beforeEach(async () => {
  ahead = 0;
  emu = await startSsoEmulator({
    directory: { accounts: 45, rolesPerAccount: [1, 5], seed: 7 },
    clock: { now: () => Date.now() + ahead },
  });
  token = emu.createAccessToken();
});
afterEach(() => emu.close());

async function errorOf(
  p: Promise<unknown>,
): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as { name: string; message: string; $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected a rejection');
}

describe('generateDirectory', () => {
  it('is deterministic, realistic and unique', () => {
    const a = generateDirectory({ accounts: 200, rolesPerAccount: [2, 14], seed: 3 });
    expect(generateDirectory({ accounts: 200, rolesPerAccount: [2, 14], seed: 3 })).toEqual(a);
    expect(new Set(a.accounts.map((x) => x.accountId)).size).toBe(200);
    expect(new Set(a.accounts.map((x) => x.accountName)).size).toBe(200);
    for (const acct of a.accounts) {
      expect(acct.accountId).toMatch(/^\d{12}$/);
      expect(acct.emailAddress).toMatch(/^aws\+acme-[a-z0-9-]+@acme\.example\.com$/);
      expect(new Set(acct.roles).size).toBe(acct.roles.length);
      expect(acct.roles.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('portal API', () => {
  it('pages ListAccounts (default 20 per page) and ListAccountRoles', async () => {
    const client = sso();
    const accounts = [];
    for await (const page of paginateListAccounts({ client }, { accessToken: token }))
      accounts.push(...(page.accountList ?? []));
    expect(accounts).toHaveLength(45);
    expect(emu.stats.operations.ListAccounts).toBe(3);
    expect(accounts.map((a) => a.accountId)).toEqual(emu.knobs.directory.accounts.map((a) => a.accountId));
    expect(Object.keys(accounts[0] ?? {}).sort()).toEqual(['accountId', 'accountName', 'emailAddress']);

    const big = emu.knobs.directory.accounts.find((a) => a.roles.length >= 4);
    if (!big) throw new Error('fixture needs an account with 4+ roles');
    const roles = [];
    for await (const page of paginateListAccountRoles(
      { client, pageSize: 1 },
      { accessToken: token, accountId: big.accountId },
    )) {
      expect(page.roleList?.length).toBeLessThanOrEqual(1);
      roles.push(...(page.roleList ?? []));
    }
    expect(roles).toEqual(big.roles.map((roleName) => ({ roleName, accountId: big.accountId })));
    expect(emu.requests.at(-1)?.path).toMatch(/max_result=1/);
  });

  it('validates max_result and next_token', async () => {
    const client = sso();
    for (const maxResults of [0, 101]) {
      const err = await errorOf(client.send(new ListAccountsCommand({ accessToken: token, maxResults })));
      expect(err.name).toBe('InvalidRequestException');
    }
    const page = await client.send(new ListAccountsCommand({ accessToken: token, maxResults: 100 }));
    expect(page.accountList).toHaveLength(45);
    expect(page.nextToken).toBeUndefined();
    const err = await errorOf(client.send(new ListAccountsCommand({ accessToken: token, nextToken: 'garbage' })));
    expect(err.name).toBe('InvalidRequestException');
  });

  it('authenticates only with the x-amz-sso_bearer_token header', async () => {
    const bare = await fetch(`${emu.url}/assignment/accounts`, { headers: { authorization: `Bearer ${token}` } });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(await bare.json()).toEqual({ message: 'Session token not found or invalid' });

    const err = await errorOf(sso().send(new ListAccountsCommand({ accessToken: 'not-a-token' })));
    expect(err.name).toBe('UnauthorizedException');
    expect(err.$metadata.httpStatusCode).toBe(401);

    await sso().send(new ListAccountsCommand({ accessToken: token }));
    expect(emu.stats.lastHeaders?.['x-amz-sso_bearer_token']).toBe(token);
    expect(emu.stats.lastHeaders?.authorization).toBeUndefined();
  });

  it('GetRoleCredentials returns ASIA keys with expiration in epoch ms', async () => {
    const acct = emu.knobs.directory.accounts[0]!;
    const before = Date.now();
    const out = await sso().send(
      new GetRoleCredentialsCommand({ accessToken: token, accountId: acct.accountId, roleName: acct.roles[0] }),
    );
    const creds = out.roleCredentials!;
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(creds.sessionToken!.length).toBeGreaterThan(300);
    expect(creds.expiration).toBeGreaterThanOrEqual(before + 3600_000);
    expect(creds.expiration).toBeLessThan(Date.now() + 3600_000 + 1000);
    expect(emu.issuedCredentials).toEqual([
      {
        accessKeyId: creds.accessKeyId,
        accountId: acct.accountId,
        roleName: acct.roles[0],
        expiration: creds.expiration,
      },
    ]);
  });

  it('answers ForbiddenException "No access" for unassigned roles, ResourceNotFound for unknown ones', async () => {
    const acct = emu.knobs.directory.accounts[1]!;
    const role = acct.roles[0]!;
    emu.unassign(acct.accountId, role);
    const forbidden = await errorOf(
      sso().send(new GetRoleCredentialsCommand({ accessToken: token, accountId: acct.accountId, roleName: role })),
    );
    expect([forbidden.name, forbidden.message, forbidden.$metadata.httpStatusCode]).toEqual([
      'ForbiddenException',
      'No access',
      403,
    ]);
    const roles = await sso().send(new ListAccountRolesCommand({ accessToken: token, accountId: acct.accountId }));
    expect(roles.roleList?.map((r) => r.roleName)).not.toContain(role);

    const unknownRole = await errorOf(
      sso().send(new GetRoleCredentialsCommand({ accessToken: token, accountId: acct.accountId, roleName: 'Nope' })),
    );
    expect(unknownRole.name).toBe('ResourceNotFoundException');
    const unknownAcct = await errorOf(
      sso().send(new GetRoleCredentialsCommand({ accessToken: token, accountId: '000000000000', roleName: role })),
    );
    expect(unknownAcct.name).toBe('ResourceNotFoundException');

    emu.assign(acct.accountId, role);
    await sso().send(new GetRoleCredentialsCommand({ accessToken: token, accountId: acct.accountId, roleName: role }));
  });

  it('Logout invalidates the token; expired tokens are UnauthorizedException', async () => {
    await sso().send(new LogoutCommand({ accessToken: token }));
    expect(emu.isAccessTokenValid(token)).toBe(false);
    expect((await errorOf(sso().send(new ListAccountsCommand({ accessToken: token })))).name).toBe(
      'UnauthorizedException',
    );

    const short = emu.createAccessToken();
    await sso().send(new ListAccountsCommand({ accessToken: short }));
    emu.expireAllTokens();
    expect((await errorOf(sso().send(new ListAccountsCommand({ accessToken: short })))).name).toBe(
      'UnauthorizedException',
    );

    const tiny = emu.createAccessToken(0.2);
    ahead += 250;
    expect((await errorOf(sso().send(new ListAccountsCommand({ accessToken: tiny })))).name).toBe(
      'UnauthorizedException',
    );
  });
});

describe('throttling, latency and faults', () => {
  it('throttleEvery N answers every Nth portal request with TooManyRequestsException', async () => {
    emu.configure({ throttleEvery: 3 });
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push(
        await sso()
          .send(new ListAccountsCommand({ accessToken: token }))
          .then(
            () => 'ok',
            (e: Error) => e.name,
          ),
      );
    expect(results).toEqual(['ok', 'ok', 'TooManyRequestsException', 'ok', 'ok', 'TooManyRequestsException']);
    expect(emu.stats.throttled).toBe(2);
    const raw = emu.requests.find((r) => r.status === 429);
    expect(raw?.errorType).toBe('TooManyRequestsException');
  });

  it('rateLimit is a token bucket over the list APIs; the SDK retries 429s', async () => {
    emu.configure({ rateLimit: 5 });
    const client = sso();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () =>
        client.send(new ListAccountsCommand({ accessToken: token })).then(
          () => 'ok',
          (e: Error) => e.name,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'TooManyRequestsException')).toHaveLength(7);
    expect(emu.stats.throttled).toBe(7);

    emu.configure({ rateLimit: 0, throttleEvery: 2 });
    emu.resetStats();
    await sso(3).send(new ListAccountsCommand({ accessToken: token })); // 1st ok
    await sso(3).send(new ListAccountsCommand({ accessToken: token })); // 2nd 429, retried
    expect(emu.stats.operations.ListAccounts).toBe(3);
  });

  it('latencyMs delays requests and maxInFlight records concurrency', async () => {
    emu.configure({ latencyMs: 150 });
    const client = sso();
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => client.send(new ListAccountsCommand({ accessToken: token }))));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(emu.stats.maxInFlight).toBe(6);
    expect(emu.stats.inFlight).toBe(0);
  });

  it('injectFault fails the next requests of an operation; onRequest sees every request', async () => {
    const seen: string[] = [];
    emu.configure({ onRequest: (e) => seen.push(`${e.operation}:${e.status}`) });
    emu.injectFault({ operation: 'ListAccounts', type: 'InternalServerException', times: 1 });
    expect((await errorOf(sso().send(new ListAccountsCommand({ accessToken: token })))).name).toBe(
      'InternalServerException',
    );
    await sso().send(new ListAccountsCommand({ accessToken: token }));
    expect(seen).toEqual(['ListAccounts:500', 'ListAccounts:200']);
  });
});
