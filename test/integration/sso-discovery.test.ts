// Role discovery against the SSO emulator: 500+ accounts under throttling with nothing lost and the rate
// respected, the cache (list and roles never call AWS with it), change detection, and the service API the
// picker uses (streamed batches, progress, cancellation).
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/config/clock.js';
import { CancelledError } from '../../src/config/errors.js';
import { generateDirectory } from '../../src/emulator/sso-server.js';
import { refreshRoles } from '../../src/sso/discovery.js';
import { loadCachedRoles, type DiscoveredRole } from '../../src/sso/roles-cache.js';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { ssoRolesJson } from '../helpers/awsx-json.js';
import {
  DEV,
  DIRECTORY,
  PROD,
  seedCliToken,
  SSO_CONFIG,
  ssoEnv,
  START_URL,
  useSsoEmulator,
} from '../helpers/sso-world.js';

const CORP = { sessionName: 'corp', startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'] };
const ids = (roles: Array<{ accountId: string; roleName: string }>): string[] =>
  roles.map((r) => `${r.accountId}/${r.roleName}`).sort();

describe('IAM Identity Center role discovery', () => {
  const emu = useSsoEmulator();
  let sb: Sandbox;
  beforeEach(() => {
    emu().configure({ directory: structuredClone(DIRECTORY), rateLimit: 0, throttleEvery: 0, latencyMs: 0 });
    emu().resetStats();
    sb = makeSandbox({ config: SSO_CONFIG }, ssoEnv(emu()));
    seedCliToken(sb, emu());
  });
  afterEach(() => sb.cleanup());

  const portalCalls = (): number =>
    ['ListAccounts', 'ListAccountRoles', 'GetRoleCredentials'].reduce(
      (n, op) => n + (emu().stats.operations[op] ?? 0),
      0,
    );

  it('finds every role of 520 accounts under throttling, retrying 429s, never above the rate', async () => {
    const directory = generateDirectory({ accounts: 520, rolesPerAccount: [1, 3], seed: 7 });
    emu().configure({ directory, rateLimit: 150, throttleEvery: 40 });
    const expected = directory.accounts.flatMap((a) =>
      a.roles.map((roleName) => ({ accountId: a.accountId, roleName })),
    );
    const started = Date.now();
    const r = await sb.awsx(['sso', 'roles', '--refresh', '--json', '--rate', '200'], { timeoutMs: 60_000 });
    const elapsed = Date.now() - started;
    expect(r.code).toBe(0);
    const roles = JSON.parse(r.stdout) as Array<DiscoveredRole & { target: string; profile: string | null }>;
    expect(ids(roles)).toEqual(ids(expected));
    expect(new Set(roles.map((x) => x.accountId)).size).toBe(520);
    expect(emu().stats.throttled).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/\d+ throttled or failed requests? retried/);
    // The shared bucket (200/s, burst 50: at most 250 in any second) held across all workers and retries;
    // the margin only absorbs arrival jitter at the server. Without pacing this would be thousands.
    const starts = emu()
      .requests.filter((q) => q.operation.startsWith('List'))
      .map((q) => q.startedAt);
    const busiest = Math.max(...starts.map((t) => starts.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(265);
    // From the cache, through a pipe whose reader is slow: the large JSON must arrive whole (no cut at exit).
    const piped = await sb.run('sh', ['-c', `"${process.execPath}" "${AWSX}" sso roles --json | (sleep 0.3; cat)`]);
    expect(ids(ssoRolesJson(piped.stdout))).toEqual(ids(expected));
    console.info(
      `discovery: 520 accounts, ${roles.length} roles, ${starts.length} list requests, ${emu().stats.throttled} throttled, busiest second ${busiest}, ${elapsed} ms (incl. node start)`,
    );
  });

  it('serves roles and list rows from the cache without calling AWS', async () => {
    expect((await sb.awsx(['sso', 'roles'])).code).toBe(0); // no cache yet: discovers
    const calls = portalCalls();
    const table = await sb.awsx(['sso', 'roles']);
    expect(table.code).toBe(0);
    expect(table.stderr).toMatch(/^awsx: 4 roles in 3 accounts, discovered \d+s ago \(--refresh to discover again\)$/m);
    expect(table.stdout.split('\n')[0]).toMatch(/^ACCOUNT\s+NAME\s+ROLE\s+PROFILE$/);
    expect(table.stdout).toMatch(new RegExp(`${DEV}\\s+acme-dev\\s+AdministratorAccess\\s+dev`));

    const list = JSON.parse((await sb.awsx(['list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(portalCalls()).toBe(calls);
    const discovered = list.filter((p) => p.configProfile === false);
    // dev already has a profile, so its AdministratorAccess role is not listed twice.
    expect(discovered.map((p) => p.name).sort()).toEqual(
      [`sso:${DEV}/ReadOnlyAccess`, `sso:${PROD}/ReadOnlyAccess`, 'sso:777788889999/PowerUserAccess'].sort(),
    );
    expect(discovered.find((p) => p.name === `sso:${PROD}/ReadOnlyAccess`)).toMatchObject({
      kind: 'sso',
      account: PROD,
      role: 'ReadOnlyAccess',
      accountName: 'Acme Prod',
      ssoSession: 'corp',
    });
    expect(list.find((p) => p.name === 'dev')).toMatchObject({ configProfile: true });
    const text = await sb.awsx(['list']);
    expect(text.stdout).toMatch(
      /sso:444455556666\/ReadOnlyAccess\s+SSO\s+444455556666\s+ReadOnlyAccess\s+.*Acme Prod \(discovered; no profile\)/,
    );
  });

  it('says what changed on refresh, and removed roles disappear', async () => {
    expect((await sb.awsx(['sso', 'roles'])).code).toBe(0);
    emu().unassign(PROD, 'ReadOnlyAccess');
    emu().assign('777788889999', 'ReadOnlyAccess');
    emu().assign('777788889999', 'Billing');
    const r = await sb.awsx(['sso', 'roles', '--refresh', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/5 roles in 2 accounts, discovered in [\d.]+ s; 2 new roles, 1 removed$/m);
    const names = (JSON.parse((await sb.awsx(['list', '--json'])).stdout) as Array<{ name: string }>).map(
      (p) => p.name,
    );
    expect(names).toContain('sso:777788889999/Billing');
    expect(names).not.toContain(`sso:${PROD}/ReadOnlyAccess`);
  });

  it('fails with exit 1 and the login hint when the token is refused; bad --rate is exit 2', async () => {
    const r = await sb.awsx(['sso', 'roles', '--refresh', '--sso-access-token', 'expired-token']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('access token was refused while listing accounts');
    expect(r.stderr).not.toContain('expired-token');
    const bad = await sb.awsx(['sso', 'roles', '--rate', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rate "fast"');
  });

  describe('service API (in-process, as the picker uses it)', () => {
    beforeEach(() => {
      vi.stubEnv('AWS_ENDPOINT_URL_SSO', emu().url);
      vi.stubEnv('AWS_ENDPOINT_URL_SSO_OIDC', emu().url);
    });
    afterEach(() => vi.unstubAllEnvs());

    it('streams batches and progress, saves the cache and returns the diff', async () => {
      emu().configure({
        directory: generateDirectory({ accounts: 40, rolesPerAccount: [1, 4], seed: 3 }),
        throttleEvery: 7,
      });
      const batches: DiscoveredRole[][] = [];
      const progress: Array<[number, number]> = [];
      const env = { ...sb.env };
      const first = await refreshRoles(CORP, {
        env,
        clock: systemClock,
        rate: 500,
        onRoles: (b) => batches.push(b),
        onProgress: (d, t) => progress.push([d, t]),
      });
      expect(ids(batches.flat())).toEqual(ids(first.snapshot.roles));
      expect(new Set(batches.map((b) => b[0]!.accountId)).size).toBe(batches.length); // one batch per account
      expect(progress[0]).toEqual([0, 40]);
      expect(progress.at(-1)).toEqual([40, 40]);
      expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
      expect(first.diff.added).toHaveLength(first.snapshot.roles.length);
      expect(loadCachedRoles(CORP, env)?.roles).toEqual(first.snapshot.roles);
      const again = await refreshRoles(CORP, { env, clock: systemClock, rate: 500 });
      expect(again.diff).toEqual({ added: [], removed: [] });
      expect(again.previous?.fetchedAt).toEqual(first.snapshot.fetchedAt);
    });

    it('stops every request when cancelled and keeps the old cache', async () => {
      emu().configure({ directory: generateDirectory({ accounts: 60, rolesPerAccount: 2, seed: 4 }), latencyMs: 20 });
      const controller = new AbortController();
      const env = { ...sb.env };
      // The HTTP requests this process makes (only awsx's, here), their answers, and those made after the cancel.
      const requests = new Map<ClientRequest, IncomingMessage | undefined>();
      let afterCancel = 0;
      const created = (message: unknown): void => {
        requests.set((message as { request: ClientRequest }).request, undefined);
        if (controller.signal.aborted) afterCancel++;
      };
      const answered = (message: unknown): void => {
        const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
        requests.set(request, response);
      };
      const ended = (): boolean => [...requests].every(([q, answer]) => q.destroyed || answer?.complete === true);
      subscribe('http.client.request.created', created);
      subscribe('http.client.response.finish', answered);
      try {
        const run = refreshRoles(CORP, {
          env,
          clock: systemClock,
          rate: 100,
          signal: controller.signal,
          onProgress: (done) => done === 5 && controller.abort(),
        });
        await expect(run).rejects.toBeInstanceOf(CancelledError);
        // The requests already on the wire end (answered or aborted), and the emulator has answered all it got.
        await vi.waitUntil(() => ended() && emu().stats.inFlight === 0, {
          timeout: 10_000,
          message: 'the requests on the wire to end',
        });
      } finally {
        unsubscribe('http.client.request.created', created);
        unsubscribe('http.client.response.finish', answered);
      }
      // Nothing left running or queued: no request was started after the cancel.
      expect(afterCancel).toBe(0);
      const seen = emu().stats.operations.ListAccountRoles ?? 0;
      expect(emu().requests.filter((q) => q.operation === 'ListAccountRoles')).toHaveLength(seen);
      expect(seen).toBeLessThanOrEqual(5 + 8); // the finished accounts plus at most one per worker
      expect(loadCachedRoles(CORP, env)).toBeUndefined();
    });
  });
});
