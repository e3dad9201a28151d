// The engine as a service the UI drives: events, MFA prompts with re-asks, cancellation, cache reuse.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import { MfaRejectedError } from '../../../src/aws/errors.js';
import type { Credentials } from '../../../src/aws/credentials.js';
import { CancelledError } from '../../../src/config/errors.js';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { ProfileGraph } from '../../../src/config/profile-graph.js';
import type { EngineEvent, StsApi } from '../../../src/credentials/engine-deps.js';
import { CredentialEngine } from '../../../src/credentials/engine.js';
import type { MfaRequest } from '../../../src/credentials/mfa-code.js';
import { buildPlan } from '../../../src/credentials/plan.js';
import { SessionCache } from '../../../src/credentials/session-cache.js';

const CONFIG = `[profile a]
role_arn = arn:aws:iam::111111111111:role/A
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/carol

[profile b]
role_arn = arn:aws:iam::222222222222:role/B
source_profile = a
`;
const CREDS = '[base]\naws_access_key_id = AKIAEXAMPLEBASE00001\naws_secret_access_key = secret\n';

let n = 0;
const fresh = (): Credentials => ({
  accessKeyId: `ASIA${String(++n).padStart(16, '0')}`,
  secretAccessKey: 's',
  sessionToken: 't',
  expiration: new Date(Date.now() + 3600_000),
});

function stubSts(overrides: Partial<StsApi> = {}): StsApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    assumeRole: vi.fn<StsApi['assumeRole']>((_src, params) => {
      calls.push(`AssumeRole ${params.RoleArn} ${params.TokenCode ?? ''}`.trim());
      return Promise.resolve({
        credentials: fresh(),
        arn: `arn:aws:sts::111111111111:assumed-role/${params.RoleArn.split('/').pop()}/${params.RoleSessionName}`,
      });
    }),
    getSessionToken: vi.fn<StsApi['getSessionToken']>((_src, params) => {
      calls.push(`GetSessionToken ${params.TokenCode}`);
      return Promise.resolve(fresh());
    }),
    assumeRoleWithWebIdentity: vi.fn(),
    ...overrides,
  };
}

describe('CredentialEngine', () => {
  let dir: string;
  let graph: ProfileGraph;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-engine-'));
    graph = new ProfileGraph(parseAwsFiles(CONFIG, CREDS));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const engineWith = (sts: StsApi): CredentialEngine =>
    new CredentialEngine({
      env: { USER: 'carol' },
      clock: systemClock,
      cache: new SessionCache(dir, systemClock),
      sts: () => Promise.resolve(sts),
    });
  const plan = (name: string) => buildPlan({ kind: 'profile', name }, {}, { graph, env: {} });

  it('reports each step and asks for the MFA code once for the whole chain', async () => {
    const sts = stubSts();
    const events: EngineEvent[] = [];
    const provider = vi.fn<(request: MfaRequest) => Promise<string>>(() => Promise.resolve('123456'));
    const session = await engineWith(sts).resolve(plan('b'), {
      onEvent: (e) => events.push(e),
      mfaCodeProvider: provider,
    });
    expect(sts.calls).toEqual([
      'GetSessionToken 123456',
      'AssumeRole arn:aws:iam::111111111111:role/A',
      'AssumeRole arn:aws:iam::222222222222:role/B',
    ]);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(provider.mock.calls[0]![0]).toMatchObject({
      serial: 'arn:aws:iam::111111111111:mfa/carol',
      profile: 'b',
      attempt: 1,
    });
    expect(
      events.filter((e) => e.type === 'step').map((e) => e.type === 'step' && `${e.status}:${e.index}/${e.total}`),
    ).toEqual(['start:0/3', 'done:0/3', 'start:1/3', 'done:1/3', 'start:2/3', 'done:2/3']);
    expect(session).toMatchObject({
      label: 'b',
      chain: ['base', 'a', 'b'],
      accountId: '111111111111',
      fromCache: false,
    });
  });

  it('asks again with the reason and its fix when STS rejects an interactive code, up to three times', async () => {
    let attempts = 0;
    const sts = stubSts({
      getSessionToken: vi.fn(() =>
        ++attempts < 3
          ? Promise.reject(
              new MfaRejectedError('STS rejected the MFA code', 'AccessDenied', { hint: 'wait for the next code' }),
            )
          : Promise.resolve(fresh()),
      ),
    });
    const provider = vi.fn<(request: MfaRequest) => Promise<string>>(() => Promise.resolve('654321'));
    await engineWith(sts).resolve(plan('a'), { mfaCodeProvider: provider });
    expect(provider.mock.calls.map(([request]) => [request.attempt, request.reason])).toEqual([
      [1, undefined],
      [2, 'STS rejected the MFA code (wait for the next code)'],
      [3, 'STS rejected the MFA code (wait for the next code)'],
    ]);
  });

  it('does not re-ask for a code given up front (--mfa-code): the rejection is final', async () => {
    const sts = stubSts({
      getSessionToken: vi.fn(() => Promise.reject(new MfaRejectedError('rejected', 'AccessDenied'))),
    });
    const provider = vi.fn(() => Promise.resolve('111111'));
    await expect(
      engineWith(sts).resolve(plan('a'), { mfaCode: '222222', mfaCodeProvider: provider }),
    ).rejects.toBeInstanceOf(MfaRejectedError);
    expect(provider).not.toHaveBeenCalled();
  });

  it('stops with CancelledError when the signal fires during a prompt, and writes nothing', async () => {
    const controller = new AbortController();
    const sts = stubSts();
    const provider = vi.fn(() => {
      controller.abort();
      return Promise.resolve('123456');
    });
    await expect(
      engineWith(sts).resolve(plan('b'), { mfaCodeProvider: provider, signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(sts.calls).toEqual([]);
    expect(new SessionCache(dir, systemClock).list()).toEqual([]);
  });

  it('serves a warm chain from the cache without loading STS at all', async () => {
    const sts = stubSts();
    await engineWith(sts).resolve(plan('b'), { mfaCodeProvider: () => Promise.resolve('123456') });
    const loader = vi.fn(() => Promise.resolve(sts));
    const warm = await new CredentialEngine({
      env: { USER: 'carol' },
      clock: systemClock,
      cache: new SessionCache(dir, systemClock),
      sts: loader,
    }).resolve(plan('b'));
    expect(warm.fromCache).toBe(true);
    expect(loader).not.toHaveBeenCalled();
  });

  it('never writes the MFA code into the cache', async () => {
    await engineWith(stubSts()).resolve(plan('b'), { mfaCodeProvider: () => Promise.resolve('987123') });
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = readdirSync(join(dir, 'sessions')).map((f) => readFileSync(join(dir, 'sessions', f), 'utf8'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).not.toContain('987123');
  });

  it('a caller can demand more remaining life than the cache default (credential-process: 16 min)', async () => {
    const sts = stubSts();
    await engineWith(sts).resolve(plan('b'), { mfaCodeProvider: () => Promise.resolve('123456') });
    const later = () => Date.now() + 50 * 60_000; // 10 minutes of the 1-hour session left
    const lateEngine = new CredentialEngine({
      env: { USER: 'carol' },
      clock: { now: later },
      cache: new SessionCache(dir, { now: later }),
      sts: () => Promise.resolve(sts),
    });
    expect((await lateEngine.resolve(plan('b'))).fromCache).toBe(true);
    sts.calls.length = 0;
    const renewed = await lateEngine.resolve(plan('b'), { minRemainingMs: 16 * 60_000 });
    expect(renewed.fromCache).toBe(false);
    expect(sts.calls).toEqual(['AssumeRole arn:aws:iam::222222222222:role/B']);
  });

  it('the minimum life applies to an MFA session that is the whole plan (a refresh of it asks for a new one)', async () => {
    const mfaOnly = new ProfileGraph(
      parseAwsFiles('[profile m]\nmfa_serial = arn:aws:iam::111111111111:mfa/carol\n', CREDS.replace('[base]', '[m]')),
    );
    const p = buildPlan({ kind: 'profile', name: 'm' }, {}, { graph: mfaOnly, env: {} });
    const sts = stubSts();
    const first = await engineWith(sts).resolve(p, { mfaCodeProvider: () => Promise.resolve('123456') });
    expect((await engineWith(sts).resolve(p)).credentials.accessKeyId).toBe(first.credentials.accessKeyId);
    const renewed = await engineWith(sts).resolve(p, {
      mfaCodeProvider: () => Promise.resolve('654321'),
      minRemainingMs: Number.POSITIVE_INFINITY,
    });
    expect(renewed.credentials.accessKeyId).not.toBe(first.credentials.accessKeyId);
    expect(sts.calls).toEqual(['GetSessionToken 123456', 'GetSessionToken 654321']);
  });
});
