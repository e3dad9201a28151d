// Rows say what is true: a session written to the credentials file (`w`, --write-profile) is a session with
// its countdown, not static keys; MFA sessions of two devices are two entries, named by device; the picker
// keeps nothing "fresh" that has nothing to renew.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import type { Env } from '../../../src/config/paths.js';
import { createServices } from '../../../src/credentials/context.js';
import { CredentialEngine } from '../../../src/credentials/engine.js';
import type { StsApi } from '../../../src/credentials/engine-deps.js';
import { writeCredentialsProfile } from '../../../src/profiles/credentials-file.js';
import { pickerKeepsFresh } from '../../../src/picker/kept-fresh.js';
import { loadRows } from '../../../src/picker/rows.js';
import { buildPlan } from '../../../src/credentials/plan.js';
import { SessionCache } from '../../../src/credentials/session-cache.js';
import { mfaSessionEntries } from '../../../src/picker/status-strip.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

const CONFIG = `[profile base]
region = eu-west-1

[profile admin-alice]
role_arn = arn:aws:iam::111111111111:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/alice

[profile admin-bob]
role_arn = arn:aws:iam::111111111111:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/bob
`;
const CREDS = '[base]\naws_access_key_id = AKIAEXAMPLEBASE00001\naws_secret_access_key = secret\n';

let sb: Sandbox;
let env: Env;
beforeEach(() => {
  sb = makeSandbox({ config: CONFIG, credentials: CREDS });
  env = sb.env;
});
afterEach(() => sb.cleanup());

describe('rows say what is true', () => {
  it('a written session is a session with its expiry; long-term keys stay static', async () => {
    const expiration = new Date(Date.now() + 50 * 60_000);
    expiration.setMilliseconds(0);
    await writeCredentialsProfile(env, 'admin-session', {
      accessKeyId: 'ASIAEXAMPLE000000001',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration,
    });
    const rows = loadRows(createServices(env, systemClock), []);
    const written = rows.find((r) => r.name === 'admin-session')!;
    expect(written.badge).toBe('session');
    expect(written.cachedExpiry).toBe(expiration.getTime());
    expect(rows.find((r) => r.name === 'base')!.badge).toBe('static');
    expect(rows.find((r) => r.name === 'base')!.cachedExpiry).toBeUndefined();
  });

  it('MFA sessions of two devices are two strip entries, named by device', async () => {
    let n = 0;
    const sts: StsApi = {
      assumeRole: vi.fn(() =>
        Promise.resolve({
          credentials: {
            accessKeyId: `ASIA${++n}`,
            secretAccessKey: 's',
            sessionToken: 't',
            expiration: new Date(Date.now() + 3_600_000),
          },
        }),
      ),
      getSessionToken: vi.fn(() =>
        Promise.resolve({
          accessKeyId: `ASIA${++n}`,
          secretAccessKey: 's',
          sessionToken: 't',
          expiration: new Date(Date.now() + 12 * 3_600_000 - n * 60_000),
        }),
      ),
      assumeRoleWithWebIdentity: vi.fn(),
    };
    const services = createServices(env, systemClock);
    const engine = new CredentialEngine({
      env,
      clock: systemClock,
      cache: new SessionCache(sb.cacheDir, systemClock),
      sts: () => Promise.resolve(sts),
    });
    for (const name of ['admin-alice', 'admin-bob'])
      await engine.resolve(buildPlan({ kind: 'profile', name }, {}, { graph: services.graph, env }), {
        mfaCode: '123456',
      });
    expect(mfaSessionEntries(createServices(env, systemClock), Date.now()).map((e) => e.label)).toEqual([
      'base mfa/bob',
      'base mfa/alice',
    ]);
  });

  it('the picker keeps nothing fresh that does not expire (long-term keys held after i)', () => {
    expect(pickerKeepsFresh({ status: 'live', held: true }, { autoRefresh: true })).toBe(false);
    expect(
      pickerKeepsFresh({ status: 'live', held: true, expiresAt: Date.now() + 60_000 }, { autoRefresh: true }),
    ).toBe(true);
  });
});
