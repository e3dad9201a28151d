// openConsoleForSession as the picker calls it: a resolved session in, the browser opened with the URL, and
// the session kind deciding what reaches the federation endpoint. In-process fake endpoint, no STS.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError } from '../../../src/aws/errors.js';
import { InputError } from '../../../src/config/errors.js';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { ProfileGraph } from '../../../src/config/profile-graph.js';
import { consoleUrlForSession, openConsoleForSession } from '../../../src/console/signin.js';
import { BrowserOpenError } from '../../../src/console/browser.js';
import type { Session } from '../../../src/credentials/engine.js';
import { planCredentialKind } from '../../../src/credentials/kind.js';
import { buildPlan } from '../../../src/credentials/plan.js';
import { preparePlan } from '../../../src/credentials/prepared-plan.js';
import { startFakeFederation, type FakeFederation } from '../../fakes/federation.js';

const roleSession = (kind: Session['kind']): Session => ({
  label: 'prod',
  profile: 'prod',
  chain: ['base', 'prod'],
  credentials: { accessKeyId: 'ASIAEXAMPLEROLE00001', secretAccessKey: 'role-secret', sessionToken: 'role-token' },
  region: 'eu-west-1',
  arn: 'arn:aws:sts::111111111111:assumed-role/Prod/alice@Prod',
  fromCache: true,
  kind,
});

describe('openConsoleForSession (the picker entry point)', () => {
  let fed: FakeFederation;
  let dir: string;
  let recorded: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    fed = await startFakeFederation();
  });
  afterAll(async () => fed.close());
  beforeEach(() => {
    fed.reset();
    dir = mkdtempSync(join(tmpdir(), 'awsx-console-'));
    recorded = join(dir, 'opened.txt');
    const browser = join(dir, 'browser.sh');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${recorded}'\n`);
    chmodSync(browser, 0o755);
    env = {
      AWSX_FEDERATION_ENDPOINT: fed.endpoint,
      BROWSER: browser,
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the browser with the login URL for the session and region asked for', async () => {
    await openConsoleForSession(env, roleSession('chained'), { region: 'us-west-2', destination: 'ec2' });
    const url = new URL(readFileSync(recorded, 'utf8').trim());
    expect(url.searchParams.get('SigninToken')).toBe(fed.calls[0]!.token);
    expect(url.searchParams.get('Destination')).toBe(
      'https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2',
    );
    expect(fed.calls[0]!.session).toEqual({
      sessionId: 'ASIAEXAMPLEROLE00001',
      sessionKey: 'role-secret',
      sessionToken: 'role-token',
    });
  });

  it('sends SessionDuration only for a role assumed from long-term keys; otherwise notes why not', async () => {
    const notes: string[] = [];
    const onNotice = (m: string): number => notes.push(m);
    await consoleUrlForSession(env, roleSession('assumed-from-long-term'), { duration: 7200, onNotice });
    for (const kind of ['chained', 'sso', 'temporary'] as const)
      await consoleUrlForSession(env, roleSession(kind), { duration: 7200, onNotice });
    expect(fed.calls.map((c) => c.sessionDuration)).toEqual(['7200', undefined, undefined, undefined]);
    expect(notes).toHaveLength(3);
    expect(notes[1]).toMatch(/IAM Identity Center role credentials cannot set the console session length/);
  });

  it('fails without the URL when the browser command fails', async () => {
    const error = await openConsoleForSession({ ...env, BROWSER: 'false' }, roleSession('chained'), {}).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BrowserOpenError);
    expect((error as Error).message + (error as BrowserOpenError).hint).not.toContain(fed.calls[0]!.token!);
  });

  it('an MFA session whose long-term keys cannot be found: a clear input error, no sign-in call', async () => {
    const session = { ...roleSession('mfa-session'), arn: undefined };
    await expect(consoleUrlForSession(env, session, {})).rejects.toThrow(InputError);
    await expect(consoleUrlForSession(env, session, {})).rejects.toThrow(
      /MFA session \(GetSessionToken\) credentials cannot sign in/,
    );
    expect(fed.calls).toHaveLength(0);
  });

  it('an unreachable endpoint: one AwsCallError that names the host, not the request', async () => {
    const closed = { ...env, AWSX_FEDERATION_ENDPOINT: 'http://127.0.0.1:9/federation' };
    const error = (await consoleUrlForSession(closed, roleSession('chained'), {}).catch(
      (e: unknown) => e,
    )) as AwsCallError;
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error.message).toMatch(/profile "prod": cannot reach the AWS sign-in endpoint 127.0.0.1:9/);
    expect(error.message).not.toContain('role-secret');
  });
});

describe('planCredentialKind', () => {
  const graph = new ProfileGraph(
    parseAwsFiles(
      `[profile user-mfa]
mfa_serial = arn:aws:iam::111111111111:mfa/alice
[profile one]
role_arn = arn:aws:iam::111111111111:role/One
source_profile = base
[profile two]
role_arn = arn:aws:iam::222222222222:role/Two
source_profile = one
[profile mfa-role]
role_arn = arn:aws:iam::111111111111:role/M
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/alice
[profile from-temp]
role_arn = arn:aws:iam::111111111111:role/T
source_profile = temp
`,
      `[base]
aws_access_key_id = AKIAEXAMPLEBASE00001
aws_secret_access_key = s
[user-mfa]
aws_access_key_id = AKIAEXAMPLEBASE00002
aws_secret_access_key = s
[temp]
aws_access_key_id = ASIAEXAMPLETEMP00001
aws_secret_access_key = s
aws_session_token = t
`,
    ),
  );
  const kindOf = (name: string, duration?: number): string => {
    const plan = buildPlan({ kind: 'profile', name }, duration ? { duration } : {}, { graph, env: {} });
    return planCredentialKind(
      preparePlan(plan, {}),
      {},
      { accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't' },
    );
  };

  it('tells long-term keys, MFA sessions, direct and chained roles apart', () => {
    const plan = buildPlan({ kind: 'profile', name: 'base' }, {}, { graph, env: {} });
    expect(
      planCredentialKind(preparePlan(plan, {}), {}, { accessKeyId: 'AKIAEXAMPLEBASE00001', secretAccessKey: 's' }),
    ).toBe('long-term');
    expect(kindOf('user-mfa')).toBe('mfa-session');
    expect(kindOf('temp')).toBe('temporary');
    expect(kindOf('one')).toBe('assumed-from-long-term');
    expect(kindOf('two')).toBe('chained');
    expect(kindOf('from-temp')).toBe('chained');
    // An MFA role goes through an MFA session (chained), unless it asks for over an hour (MFA sent directly).
    expect(kindOf('mfa-role')).toBe('chained');
    expect(kindOf('mfa-role', 7200)).toBe('assumed-from-long-term');
  });
});
