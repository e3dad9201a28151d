// Keyring profiles as other tools and awsx's children see them: the real AWS CLI through the
// credential_process line awsx writes, `awsx exec` (the child's environment) and `awsx exec --server`, and an
// MFA profile. The long-term key signs STS calls alone (the STS front logs who signed each call), and no
// child's environment holds it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerIdentityJson, credentialsJson } from '../helpers/awsx-json.js';
import { skipWithoutKeyring, startKeyring, type Keyring } from '../helpers/keyring.js';
import { makeSandbox, putAwsxOnPath, type Sandbox } from '../helpers/sandbox.js';
import { filesHolding } from '../helpers/secret-scan.js';
import { arn, MFA_SERIAL, OTHER } from '../helpers/accounts.js';
import { useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithout('aws', ['--version']) || skipWithoutKeyring();

const ALICE = { id: 'AKIAKEYRINGALICE0001', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYALICEKEYRNG' };
const BOB = { id: 'AKIAKEYRINGBOB000001', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYBOBKEYRING1' };

describe.skipIf(skip)('keyring profiles seen by the AWS CLI and by children', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  let keyring: Keyring;
  beforeEach(async () => {
    sb = makeSandbox(
      {
        config: `[profile hop]\nrole_arn = ${arn(OTHER, 'Hop2')}\nsource_profile = alice\n\n[profile bob]\nmfa_serial = ${MFA_SERIAL}\n`,
        credentials: `[alice]\naws_access_key_id = ${ALICE.id}\naws_secret_access_key = ${ALICE.secret}\n\n[bob]\naws_access_key_id = ${BOB.id}\naws_secret_access_key = ${BOB.secret}\n`,
      },
      world().env,
    );
    putAwsxOnPath(sb);
    keyring = await startKeyring(sb.home);
    Object.assign(sb.env, keyring.env, { AWS_DEFAULT_REGION: 'us-east-1' });
    world().front.reset();
    world().front.forgetUsedCodes();
    const imported = await sb.awsx(['keys', 'import']);
    expect(imported.stderr).toMatch(/moved the keys of bob, alice into the Secret Service keyring/);
    world().front.reset();
  });
  afterEach(async () => {
    await keyring.stop();
    sb.cleanup();
  });

  const longTermCalls = () => world().front.calls.filter((c) => c.callerKey === ALICE.id || c.callerKey === BOB.id);

  it('the AWS CLI uses the profile through credential_process: it gets a session, never the key', async () => {
    expect(sb.read('config')).toContain('[profile alice]\ncredential_process = awsx credential-process alice\n');
    const r = await sb.aws(['sts', 'get-caller-identity', '--profile', 'alice', '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(longTermCalls().map((c) => c.action)).toEqual(['GetSessionToken']);
    const cli = world().front.callsOf('GetCallerIdentity');
    expect(cli).toHaveLength(1);
    expect(cli[0]!.callerKey).toMatch(/^ASIA/);
    // A role on top (source_profile = alice): the AWS CLI assumes it with the session.
    const role = await sb.aws(['sts', 'get-caller-identity', '--profile', 'hop', '--output', 'json']);
    expect(role.code).toBe(0);
    expect(callerIdentityJson(role.stdout).Arn).toContain('assumed-role/Hop2/');
    expect(longTermCalls().map((c) => c.action)).toEqual(['GetSessionToken']);
    // awsx itself assumes the role straight from the key: an STS call too.
    expect((await sb.awsx(['assume', 'hop', '--format', 'json'])).code).toBe(0);
    expect(longTermCalls().map((c) => c.action)).toEqual(['GetSessionToken', 'AssumeRole']);
  });

  it('awsx exec: the child gets a session and no passphrase; with --server it gets no keys at all', async () => {
    const env = { AWSX_KEYS_PASSPHRASE: 'not-for-children' };
    const r = await sb.awsx(['exec', 'alice', '--', 'env'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^AWS_SESSION_TOKEN=\S+$/m);
    expect(r.stdout).not.toContain(ALICE.secret);
    expect(r.stdout).not.toContain(ALICE.id);
    expect(r.stdout).not.toContain('AWSX_KEYS_PASSPHRASE');
    const server = await sb.awsx(
      ['exec', 'alice', '--server', '--', 'sh', '-c', 'env; aws sts get-caller-identity --output json'],
      { env },
    );
    expect(server.code).toBe(0);
    expect(server.stdout).toMatch(/^AWS_CONTAINER_CREDENTIALS_FULL_URI=/m);
    expect(server.stdout).not.toMatch(/^AWS_SECRET_ACCESS_KEY=/m);
    expect(server.stdout).not.toContain(ALICE.secret);
    expect(server.stdout).not.toContain('AWSX_KEYS_PASSPHRASE');
    expect(server.stdout).toMatch(/"Arn":/);
    expect(longTermCalls().every((c) => c.action === 'GetSessionToken')).toBe(true);
  });

  it('mfa_serial on a keyring profile: GetSessionToken carries the code, signed by the key', async () => {
    const r = await sb.awsx(['assume', 'bob', '--mfa-code', '123456', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = credentialsJson(r.stdout);
    expect(out.AccessKeyId).toMatch(/^ASIA/);
    const gst = world().front.callsOf('GetSessionToken');
    expect(gst).toHaveLength(1);
    expect(gst[0]).toMatchObject({ callerKey: BOB.id, params: { SerialNumber: MFA_SERIAL, TokenCode: '123456' } });
    const noCode = await sb.awsx(['credential-process', 'bob', '--no-cache']);
    expect(noCode.code).toBe(2);
    expect(noCode.stderr).toMatch(/profile "bob" needs an MFA code .* no terminal/);
    for (const secret of [ALICE.secret, BOB.secret]) expect(filesHolding(sb.dir, secret)).toEqual([]);
  });
});
