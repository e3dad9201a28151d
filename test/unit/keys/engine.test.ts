// A keyring profile in the profile graph and the credential engine: its long-term key is read only when a
// call needs it, and given only to STS; what comes out is always a session (GetSessionToken, with MFA when
// mfa_serial is set), or a role assumed with the key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import type { Credentials } from '../../../src/aws/credentials.js';
import type { KeyRecord } from '../../../src/config/key-index.js';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { ProfileGraph } from '../../../src/config/profile-graph.js';
import { CredentialEngine } from '../../../src/credentials/engine.js';
import type { StsApi } from '../../../src/credentials/engine-deps.js';
import { buildPlan } from '../../../src/credentials/plan.js';
import { SessionCache } from '../../../src/credentials/session-cache.js';

const LONG_TERM: Credentials = {
  accessKeyId: 'AKIAKEYRINGALICE0001',
  secretAccessKey: 'keyring-secret-never-handed-out-000000000',
};
const RECORD: KeyRecord = {
  backend: 'keyring',
  accessKeyId: LONG_TERM.accessKeyId,
  storedAt: '2026-01-02T03:04:05.000Z',
  userArn: 'arn:aws:iam::111111111111:user/alice',
};

const CONFIG = `[profile alice]
region = eu-west-1
credential_process = awsx credential-process alice

[profile bob]
mfa_serial = arn:aws:iam::111111111111:mfa/bob

[profile admin]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = alice

[profile other]
credential_process = /usr/local/bin/fetch-keys other
`;

let n = 0;
const session = (): Credentials => ({
  accessKeyId: `ASIA${String(++n).padStart(16, '0')}`,
  secretAccessKey: `s${n}`,
  sessionToken: `t${n}`,
  expiration: new Date(Date.now() + 3600_000),
});

function stubSts(): StsApi & { calls: Array<{ op: string; key: string; params: Record<string, unknown> }> } {
  const calls: Array<{ op: string; key: string; params: Record<string, unknown> }> = [];
  return {
    calls,
    assumeRole: vi.fn<StsApi['assumeRole']>((src, params) => {
      calls.push({ op: 'AssumeRole', key: src.accessKeyId, params: { ...params } });
      const arn = `arn:aws:sts::222222222222:assumed-role/Admin/${params.RoleSessionName}`;
      return Promise.resolve({ credentials: session(), arn });
    }),
    getSessionToken: vi.fn<StsApi['getSessionToken']>((src, params) => {
      calls.push({ op: 'GetSessionToken', key: src.accessKeyId, params: { ...params } });
      return Promise.resolve(session());
    }),
    assumeRoleWithWebIdentity: vi.fn(),
  };
}

describe('keyring profiles', () => {
  let dir: string;
  let graph: ProfileGraph;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-keyring-engine-'));
    const files = parseAwsFiles(CONFIG, '');
    files.keyring = new Map([
      ['alice', RECORD],
      ['bob', { ...RECORD, accessKeyId: 'AKIAKEYRINGBOB000001' }],
      ['other', RECORD],
    ]);
    graph = new ProfileGraph(files);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const plan = (name: string) => buildPlan({ kind: 'profile', name }, {}, { graph, env: {} });
  const engineWith = (sts: StsApi, keyring = vi.fn(() => Promise.resolve(LONG_TERM))) => ({
    keyring,
    engine: new CredentialEngine({
      env: { USER: 'alice' },
      clock: systemClock,
      cache: new SessionCache(dir, systemClock),
      sts: () => Promise.resolve(sts),
      keyring,
    }),
  });

  it("the graph: kind keyring (awsx's own credential_process line is not a source), account from the stored ARN", () => {
    const alice = graph.get('alice')!;
    expect(alice.kind).toBe('keyring');
    expect(alice.root).toMatchObject({
      kind: 'keyring',
      profile: 'alice',
      accessKeyId: RECORD.accessKeyId,
      backend: 'keyring',
      region: 'eu-west-1',
    });
    expect(alice.accountId).toBe('111111111111');
    expect(graph.get('bob')).toMatchObject({
      kind: 'keyring',
      needsMfa: true,
      mfaSerial: 'arn:aws:iam::111111111111:mfa/bob',
    });
    expect(graph.get('admin')!.root).toMatchObject({ kind: 'keyring', profile: 'alice' });
    // Another program's credential_process wins, as in the AWS CLI; the unused keys are pointed out.
    expect(graph.get('other')!.kind).toBe('process');
    expect(graph.get('other')!.warnings.join(' ')).toMatch(/keyring that awsx does not use/);
  });

  it('alone: one GetSessionToken signed with the key; the session is handed out and cached, the key never', async () => {
    const sts = stubSts();
    const { engine, keyring } = engineWith(sts);
    const first = await engine.resolve(plan('alice'));
    expect(sts.calls).toEqual([{ op: 'GetSessionToken', key: LONG_TERM.accessKeyId, params: {} }]);
    expect(first.credentials.sessionToken).toBeDefined();
    expect(first.credentials.accessKeyId).not.toBe(LONG_TERM.accessKeyId);
    expect(first.kind).toBe('mfa-session');
    const again = await engine.resolve(plan('alice'));
    expect(again).toMatchObject({ fromCache: true, credentials: first.credentials });
    // The cached session needed no key: the keyring was read once.
    expect(keyring).toHaveBeenCalledTimes(1);
    expect(sts.calls).toHaveLength(1);
  });

  it('with mfa_serial: GetSessionToken carries the MFA code', async () => {
    const sts = stubSts();
    const { engine } = engineWith(sts);
    const s = await engine.resolve(plan('bob'), { mfaCode: '123456' });
    expect(sts.calls).toEqual([
      {
        op: 'GetSessionToken',
        key: LONG_TERM.accessKeyId,
        params: { SerialNumber: 'arn:aws:iam::111111111111:mfa/bob', TokenCode: '123456' },
      },
    ]);
    expect(s.credentials.sessionToken).toBeDefined();
  });

  it('as a source profile: AssumeRole signed with the key, no session in between', async () => {
    const sts = stubSts();
    const { engine } = engineWith(sts);
    const s = await engine.resolve(plan('admin'));
    expect(sts.calls.map((c) => `${c.op} ${c.key}`)).toEqual([`AssumeRole ${LONG_TERM.accessKeyId}`]);
    expect(s.kind).toBe('assumed-from-long-term');
  });

  it("--duration sets the session length; a rotated key (new id in the index) never reuses the old key's session", async () => {
    const sts = stubSts();
    const { engine } = engineWith(sts);
    await engine.resolve(buildPlan({ kind: 'profile', name: 'alice' }, { duration: 7200 }, { graph, env: {} }), {
      duration: 7200,
    });
    expect(sts.calls[0]!.params).toEqual({ DurationSeconds: 7200 });
    const files = parseAwsFiles(CONFIG, '');
    files.keyring = new Map([['alice', { ...RECORD, accessKeyId: 'AKIAKEYRINGALICE0002' }]]);
    graph = new ProfileGraph(files);
    await engine.resolve(plan('alice'));
    expect(sts.calls).toHaveLength(2);
  });
});
