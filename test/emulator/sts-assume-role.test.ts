// The STS emulator's AssumeRole, driven by the real @aws-sdk/client-sts: trust rules (MFA, external id,
// principals), duration limits, role chaining, source identity and validation messages.
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStsEmulator, type StsEmulator } from '../../src/emulator/sts-server.js';
import { ACCOUNT, arn as role, MFA_SERIAL, OTHER } from '../helpers/accounts.js';
import { ALICE, BOB, ROOT, errorOf, keysOf, sts, worldOptions } from './sts-world.js';

const T0 = Date.UTC(2025, 2, 1, 12, 0, 10);
let clock: { now: number };
let emu: StsEmulator;
beforeEach(async () => {
  clock = { now: T0 };
  emu = await startStsEmulator(worldOptions(clock));
});
afterEach(() => emu.close());

const alice = () => sts(emu.url, ALICE);
const assume = (input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>, client = alice()) =>
  client.send(new AssumeRoleCommand({ RoleArn: role(ACCOUNT, 'Dev'), RoleSessionName: 'alice', ...input }));
const CHAIN_MSG = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';

describe('AssumeRole', () => {
  it('returns ASIA credentials, the assumed-role user and a 1 h default expiration', async () => {
    const out = await assume({});
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials!.SecretAccessKey).toHaveLength(40);
    expect(out.Credentials!.SessionToken!.length).toBeGreaterThan(300);
    expect(out.Credentials!.Expiration!.getTime()).toBe(T0 + 3600_000);
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`);
    expect(out.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:alice$/);
    expect(out.PackedPolicySize).toBeUndefined();
    expect(emu.lookupCredentials(out.Credentials!.AccessKeyId!)).toMatchObject({
      temporary: true,
      kind: 'assumed-role',
      chained: false,
      roleArn: role(ACCOUNT, 'Dev'),
    });
  });

  it('a role with a path: the assumed-role ARN names the role only; tags give a PackedPolicySize', async () => {
    const out = await assume({
      RoleArn: `arn:aws:iam::${OTHER}:role/team/deep/Deployer`,
      Tags: [{ Key: 'team', Value: 'core' }],
    });
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${OTHER}:assumed-role/Deployer/alice`);
    expect(out.PackedPolicySize).toBeGreaterThan(0);
  });

  it('MFA role: a valid code works once; a reused or wrong code is AccessDenied with AWS message', async () => {
    const code = emu.currentMfaCode(MFA_SERIAL);
    expect(code).toMatch(/^\d{6}$/);
    const ok = await assume({ RoleArn: role(ACCOUNT, 'Admin'), SerialNumber: MFA_SERIAL, TokenCode: code });
    expect(ok.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`);
    expect(emu.lookupCredentials(ok.Credentials!.AccessKeyId!)).toMatchObject({ mfaAuthenticated: true });

    const reused = await errorOf(
      assume({ RoleArn: role(ACCOUNT, 'Admin'), SerialNumber: MFA_SERIAL, TokenCode: code }),
    );
    expect([reused.name, reused.message, reused.$metadata.httpStatusCode]).toEqual([
      'AccessDenied',
      'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
      403,
    ]);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(
      (await errorOf(assume({ RoleArn: role(ACCOUNT, 'Admin'), SerialNumber: MFA_SERIAL, TokenCode: wrong }))).name,
    ).toBe('AccessDenied');

    clock.now += 30_000; // the next step's code is new
    const next = emu.currentMfaCode(MFA_SERIAL);
    expect(next).not.toBe(code);
    await expect(
      assume({ RoleArn: role(ACCOUNT, 'Admin'), SerialNumber: MFA_SERIAL, TokenCode: next }),
    ).resolves.toBeDefined();
  });

  it('MFA role without a code, or with a device of someone else: AccessDenied', async () => {
    const none = await errorOf(assume({ RoleArn: role(ACCOUNT, 'Admin') }));
    expect(none.name).toBe('AccessDenied');
    expect(none.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${role(ACCOUNT, 'Admin')}`,
    );
    const other = await errorOf(
      assume({
        RoleArn: role(ACCOUNT, 'Admin'),
        SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/mallory`,
        TokenCode: emu.currentMfaCode(),
      }),
    );
    expect(other.message).toMatch(/^MultiFactorAuthentication failed, unable to validate MFA code/);
  });

  it('external id: missing or wrong is AccessDenied, right succeeds', async () => {
    const vendor = role(OTHER, 'Vendor');
    expect((await errorOf(assume({ RoleArn: vendor }))).name).toBe('AccessDenied');
    expect((await errorOf(assume({ RoleArn: vendor, ExternalId: 'ext-0000' }))).$metadata.httpStatusCode).toBe(403);
    expect((await assume({ RoleArn: vendor, ExternalId: 'ext-4242' })).AssumedRoleUser!.Arn).toBe(
      `arn:aws:sts::${OTHER}:assumed-role/Vendor/alice`,
    );
  });

  it('durations: 900-43200, at most the role maximum (default 3600)', async () => {
    const low = await errorOf(assume({ DurationSeconds: 899 }));
    expect([low.name, low.message]).toEqual([
      'ValidationError',
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ]);
    expect((await errorOf(assume({ DurationSeconds: 43201 }))).message).toMatch(/less than or equal to 43200$/);
    expect((await assume({ DurationSeconds: 43200 })).Credentials!.Expiration!.getTime()).toBe(T0 + 43200_000);
    const overRole = await errorOf(assume({ RoleArn: role(OTHER, 'Hop2'), DurationSeconds: 3601 }));
    expect([overRole.name, overRole.message, overRole.$metadata.httpStatusCode]).toEqual([
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      400,
    ]);
  });

  it('role chaining: temporary callers are capped at 1 h with AWS message; the session records it', async () => {
    const hop1 = sts(emu.url, keysOf(await assume({ DurationSeconds: 7200 })));
    const capped = await errorOf(
      assume({ RoleArn: `arn:aws:iam::${OTHER}:role/team/deep/Deployer`, DurationSeconds: 3601 }, hop1),
    );
    expect([capped.name, capped.message, capped.$metadata.httpStatusCode]).toEqual(['ValidationError', CHAIN_MSG, 400]);
    const hop2 = await assume({ RoleArn: role(OTHER, 'Hop2'), RoleSessionName: 'hop2', DurationSeconds: 3600 }, hop1);
    expect(hop2.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${OTHER}:assumed-role/Hop2/hop2`);
    expect(emu.lookupCredentials(hop2.Credentials!.AccessKeyId!)).toMatchObject({ chained: true });
    // An MFA session (GetSessionToken) is temporary too.
    const mfaSession = sts(
      emu.url,
      keysOf(
        await alice().send(new GetSessionTokenCommand({ SerialNumber: MFA_SERIAL, TokenCode: emu.currentMfaCode() })),
      ),
    );
    expect((await errorOf(assume({ DurationSeconds: 7200 }, mfaSession))).message).toBe(CHAIN_MSG);
  });

  it('GetSessionToken with MFA, then AssumeRole of an MFA role with that session and no code', async () => {
    const gst = await alice().send(
      new GetSessionTokenCommand({ SerialNumber: MFA_SERIAL, TokenCode: emu.currentMfaCode() }),
    );
    const session = sts(emu.url, keysOf(gst));
    const admin = await assume({ RoleArn: role(ACCOUNT, 'Admin') }, session);
    expect(admin.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`);
    // Without MFA the session does not satisfy the role.
    const plain = sts(emu.url, keysOf(await alice().send(new GetSessionTokenCommand({}))));
    expect((await errorOf(assume({ RoleArn: role(ACCOUNT, 'Admin') }, plain))).name).toBe('AccessDenied');
  });

  it('source identity is returned and persists through chained sessions; it cannot be changed', async () => {
    const first = await assume({ SourceIdentity: 'alice@example.com' });
    expect(first.SourceIdentity).toBe('alice@example.com');
    const hop = sts(emu.url, keysOf(first));
    const second = await assume({ RoleArn: role(OTHER, 'Hop2') }, hop);
    expect(second.SourceIdentity).toBe('alice@example.com');
    expect((await errorOf(assume({ RoleArn: role(OTHER, 'Hop2'), SourceIdentity: 'mallory' }, hop))).name).toBe(
      'AccessDenied',
    );
    expect((await errorOf(assume({ SourceIdentity: 'aws:x' }))).name).toBe('ValidationError');
  });

  it('trusted principals, unknown roles and root', async () => {
    expect((await errorOf(assume({ RoleArn: role(OTHER, 'OnlyBob') }))).name).toBe('AccessDenied');
    const bob = sts(emu.url, BOB);
    expect((await assume({ RoleArn: role(OTHER, 'OnlyBob'), RoleSessionName: 'bob' }, bob)).AssumedRoleUser!.Arn).toBe(
      `arn:aws:sts::${OTHER}:assumed-role/OnlyBob/bob`,
    );
    await expect(assume({ RoleArn: role(OTHER, 'FromAccount') })).resolves.toBeDefined();
    const unknown = await errorOf(assume({ RoleArn: role(ACCOUNT, 'Nope') }));
    expect([unknown.name, unknown.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    emu.configure({ unknownRoles: 'allow' });
    await expect(assume({ RoleArn: role(ACCOUNT, 'Nope') })).resolves.toBeDefined();
    const root = await errorOf(assume({}, sts(emu.url, ROOT)));
    expect([root.name, root.message]).toEqual(['AccessDenied', 'Roles may not be assumed by root accounts.']);
  });

  it('RoleSessionName, TokenCode and ExternalId constraints, several reported at once', async () => {
    const bad = await errorOf(assume({ RoleSessionName: 'a b', ExternalId: 'x' }));
    expect(bad.name).toBe('ValidationError');
    expect(bad.message).toBe(
      "2 validation errors detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; " +
        "Value 'x' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
    expect((await errorOf(assume({ RoleSessionName: 'x'.repeat(65) }))).message).toMatch(
      /at 'roleSessionName' .* less than or equal to 64$/,
    );
    expect((await errorOf(assume({ RoleSessionName: 'a' }))).message).toMatch(/greater than or equal to 2$/);
    expect((await errorOf(assume({ SerialNumber: MFA_SERIAL, TokenCode: '12345' }))).message).toMatch(/at 'tokenCode'/);
    expect((await errorOf(assume({ Policy: '{not json' }))).name).toBe('MalformedPolicyDocumentException'); // the SDK's class for Code MalformedPolicyDocument
  });

  it('stats and the request log name the caller key and region', async () => {
    await assume({});
    await errorOf(assume({ RoleSessionName: 'a b' }));
    await alice().send(new GetCallerIdentityCommand({}));
    expect(emu.stats.operations).toEqual({ AssumeRole: 2, GetCallerIdentity: 1 });
    expect(emu.stats.errors).toEqual({ ValidationError: 1 });
    expect(emu.stats.issued).toEqual({ 'assumed-role': 1 });
    expect(emu.requests.map((r) => [r.operation, r.status, r.accessKeyId, r.region])).toEqual([
      ['AssumeRole', 200, ALICE.accessKeyId, 'us-east-1'],
      ['AssumeRole', 400, ALICE.accessKeyId, 'us-east-1'],
      ['GetCallerIdentity', 200, ALICE.accessKeyId, 'us-east-1'],
    ]);
    expect(emu.requests[1]!.errorCode).toBe('ValidationError');
    expect(emu.requests[0]!.params.RoleArn).toBe(role(ACCOUNT, 'Dev'));
  });
});
