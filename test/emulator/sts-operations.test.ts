// The STS emulator's other operations (GetSessionToken, GetFederationToken, GetCallerIdentity,
// AssumeRoleWithWebIdentity), caller errors, the raw wire format, the demo knobs and the MFA codes.
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  currentMfaCode,
  mfaCodeSecondsLeft,
  startStsEmulator,
  type StsEmulator,
} from '../../src/emulator/sts-server.js';
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

const who = async (keys: Parameters<typeof sts>[1]) => sts(emu.url, keys).send(new GetCallerIdentityCommand({}));
const assumeDev = (keys: Parameters<typeof sts>[1], name = 'alice') =>
  sts(emu.url, keys).send(new AssumeRoleCommand({ RoleArn: role(ACCOUNT, 'Dev'), RoleSessionName: name }));

describe('GetCallerIdentity', () => {
  it('user, root, assumed-role, federated-user and session-token ARNs and UserIds', async () => {
    const alice = await who(ALICE);
    expect(alice.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
    expect(alice.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(alice.Account).toBe(ACCOUNT);
    expect((await who(BOB)).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/eng/bob`);
    expect(await who(ROOT)).toMatchObject({ Arn: `arn:aws:iam::${OTHER}:root`, UserId: OTHER, Account: OTHER });
    const dev = await who(keysOf(await assumeDev(ALICE)));
    expect(dev.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`);
    expect(dev.UserId).toMatch(/^AROA[A-Z2-7]{17}:alice$/);
    const fed = await sts(emu.url, ALICE).send(new GetFederationTokenCommand({ Name: 'bob' }));
    expect(await who(keysOf(fed))).toMatchObject({
      Arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`,
      UserId: `${ACCOUNT}:bob`,
    });
    const gst = await sts(emu.url, ALICE).send(new GetSessionTokenCommand({}));
    expect((await who(keysOf(gst))).Arn).toBe(alice.Arn);
  });
});

describe('GetSessionToken and GetFederationToken', () => {
  it('GetSessionToken: 12 h default, 900-129600, root capped at 1 h, refused for session credentials', async () => {
    const gst = await sts(emu.url, ALICE).send(new GetSessionTokenCommand({}));
    expect(gst.Credentials!.Expiration!.getTime()).toBe(T0 + 43200_000);
    expect(emu.lookupCredentials(gst.Credentials!.AccessKeyId!)).toMatchObject({
      kind: 'session-token',
      mfaAuthenticated: false,
    });
    expect(
      (
        await sts(emu.url, ALICE).send(new GetSessionTokenCommand({ DurationSeconds: 129600 }))
      ).Credentials!.Expiration!.getTime(),
    ).toBe(T0 + 129600_000);
    expect(
      (await errorOf(sts(emu.url, ALICE).send(new GetSessionTokenCommand({ DurationSeconds: 129601 })))).name,
    ).toBe('ValidationError');
    expect(
      (
        await sts(emu.url, ROOT).send(new GetSessionTokenCommand({ DurationSeconds: 7200 }))
      ).Credentials!.Expiration!.getTime(),
    ).toBe(T0 + 3600_000);
    const again = await errorOf(sts(emu.url, keysOf(gst)).send(new GetSessionTokenCommand({})));
    expect([again.name, again.message, again.$metadata.httpStatusCode]).toEqual([
      'AccessDenied',
      'Cannot call GetSessionToken with session credentials',
      403,
    ]);
    const badCode = await errorOf(
      sts(emu.url, ALICE).send(
        new GetSessionTokenCommand({
          SerialNumber: MFA_SERIAL,
          TokenCode: '000000' === emu.currentMfaCode() ? '111111' : '000000',
        }),
      ),
    );
    expect(badCode.message).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
  });

  it('GetFederationToken: FederatedUser, Name rules, policy size, long-term keys only', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const out = await sts(emu.url, ALICE).send(
      new GetFederationTokenCommand({ Name: 'alice-console', Policy: policy, DurationSeconds: 3600 }),
    );
    expect(out.FederatedUser).toEqual({
      FederatedUserId: `${ACCOUNT}:alice-console`,
      Arn: `arn:aws:sts::${ACCOUNT}:federated-user/alice-console`,
    });
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    expect((await errorOf(sts(emu.url, ALICE).send(new GetFederationTokenCommand({ Name: 'a b' })))).message).toMatch(
      /at 'name' failed .*pattern/,
    );
    expect(
      (await errorOf(sts(emu.url, ALICE).send(new GetFederationTokenCommand({ Name: 'x'.repeat(33) })))).name,
    ).toBe('ValidationError');
    expect(
      (
        await errorOf(
          sts(emu.url, ALICE).send(new GetFederationTokenCommand({ Name: 'big', Policy: ' '.repeat(2049) })),
        )
      ).message,
    ).toMatch(/at 'policy' .* less than or equal to 2048/);
    const fromSession = await errorOf(
      sts(emu.url, keysOf(await assumeDev(ALICE))).send(new GetFederationTokenCommand({ Name: 'x1' })),
    );
    expect([fromSession.name, fromSession.message]).toEqual([
      'AccessDenied',
      'Cannot call GetFederationToken with session credentials',
    ]);
    // A federated user cannot assume roles.
    expect((await errorOf(assumeDev(keysOf(out)))).name).toBe('AccessDenied');
  });
});

describe('AssumeRoleWithWebIdentity', () => {
  it('is unsigned, accepts any token and echoes the JWT claims', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'none' })}.${b64({ sub: 'system:serviceaccount:ci:deployer', aud: 'sts.amazonaws.com', iss: 'https://oidc.example.com' })}.sig`;
    const client = sts(emu.url, { accessKeyId: 'unused', secretAccessKey: 'unused' });
    const out = await client.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: role(ACCOUNT, 'Web'),
        RoleSessionName: 'ci',
        WebIdentityToken: jwt,
      }),
    );
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Web/ci`);
    expect(out.SubjectFromWebIdentityToken).toBe('system:serviceaccount:ci:deployer');
    expect(out.Provider).toBe('oidc.example.com');
    expect(out.Audience).toBe('sts.amazonaws.com');
    expect(emu.requests.at(-1)!.accessKeyId).toBeUndefined();
    const web = keysOf(out);
    expect((await who(web)).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Web/ci`);
    // Assuming a role from it is chaining.
    const chained = await errorOf(
      sts(emu.url, web).send(
        new AssumeRoleCommand({ RoleArn: role(ACCOUNT, 'Dev'), RoleSessionName: 'x1', DurationSeconds: 7200 }),
      ),
    );
    expect(chained.message).toMatch(/role chaining/);
    const opaque = await client.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: role(ACCOUNT, 'Web'),
        RoleSessionName: 'ci2',
        WebIdentityToken: 'opaque-token',
      }),
    );
    expect(opaque.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(
      (
        await errorOf(
          client.send(
            new AssumeRoleWithWebIdentityCommand({
              RoleArn: role(ACCOUNT, 'Admin'),
              RoleSessionName: 'ci',
              WebIdentityToken: jwt,
            }),
          ),
        )
      ).name,
    ).toBe('AccessDenied');
  });
});

describe('callers', () => {
  it('unknown key, wrong or missing session token: InvalidClientTokenId 403; expired: ExpiredToken 400', async () => {
    const unknown = await errorOf(who({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }));
    expect([unknown.name, unknown.message, unknown.$metadata.httpStatusCode]).toEqual([
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403,
    ]);
    const dev = keysOf(await assumeDev(ALICE));
    expect((await errorOf(who({ ...dev, sessionToken: 'forged' }))).name).toBe('InvalidClientTokenId');
    expect((await errorOf(who({ accessKeyId: dev.accessKeyId, secretAccessKey: dev.secretAccessKey }))).name).toBe(
      'InvalidClientTokenId',
    );
    clock.now += 3600_000;
    const expired = await errorOf(who(dev));
    expect([expired.name, expired.message, expired.$metadata.httpStatusCode]).toEqual([
      'ExpiredToken',
      'The security token included in the request is expired',
      400,
    ]);
    const fresh = keysOf(await assumeDev(ALICE));
    emu.expire(fresh.accessKeyId);
    expect((await errorOf(who(fresh))).$metadata.httpStatusCode).toBe(400);
  });

  it('raw wire format: XML namespace, RequestId, Sender errors, unsigned and unknown actions', async () => {
    const post = (body: string, auth = true) =>
      fetch(emu.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          ...(auth
            ? {
                authorization: `AWS4-HMAC-SHA256 Credential=${ALICE.accessKeyId}/20250301/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=00`,
              }
            : {}),
        },
        body,
      });
    const ok = await post('Action=GetCallerIdentity&Version=2011-06-15');
    expect(ok.headers.get('content-type')).toBe('text/xml');
    const requestId = ok.headers.get('x-amzn-requestid')!;
    expect(await ok.text()).toMatch(
      new RegExp(
        `^<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\\s*<GetCallerIdentityResult><UserId>AIDA\\w+</UserId><Account>${ACCOUNT}</Account><Arn>arn:aws:iam::${ACCOUNT}:user/alice</Arn></GetCallerIdentityResult>\\s*<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\\s*</GetCallerIdentityResponse>\\s*$`,
      ),
    );
    const unsigned = await post('Action=GetCallerIdentity&Version=2011-06-15', false);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toMatch(/<Code>MissingAuthenticationToken<\/Code>/);
    const unknown = await post('Action=DecodeAuthorizationMessage2&Version=2011-06-15');
    const text = await unknown.text();
    expect(unknown.status).toBe(400);
    expect(text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">\s*<Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation DecodeAuthorizationMessage2 for version 2011-06-15<\/Message><\/Error>\s*<RequestId>[\w-]+<\/RequestId>\s*<\/ErrorResponse>/,
    );
    expect(emu.requests.at(-1)!.region).toBe('eu-west-1');
  });

  it('injected faults: Throttling, then a Receiver 500', async () => {
    emu.injectFault({ operation: 'GetCallerIdentity', code: 'Throttling', message: 'Rate exceeded' });
    const t = await errorOf(who(ALICE));
    expect([t.name, t.message, t.$metadata.httpStatusCode]).toEqual(['Throttling', 'Rate exceeded', 400]);
    emu.injectFault({ operation: '*', code: 'InternalFailure', status: 500 });
    expect((await errorOf(who(ALICE))).$fault).toBe('server');
    await expect(who(ALICE)).resolves.toBeDefined();
  });
});

describe('demo knobs', () => {
  it('clockFactor, maxIssuedSeconds and sessionSecondsOverride shorten issued lifetimes, not validation', async () => {
    emu.configure({ clockFactor: 12 });
    expect((await assumeDev(ALICE)).Credentials!.Expiration!.getTime()).toBe(T0 + 300_000);
    emu.configure({ clockFactor: 1, maxIssuedSeconds: 240 });
    expect((await sts(emu.url, ALICE).send(new GetSessionTokenCommand({}))).Credentials!.Expiration!.getTime()).toBe(
      T0 + 240_000,
    );
    emu.configure({ maxIssuedSeconds: undefined, sessionSecondsOverride: 180 });
    expect((await assumeDev(ALICE)).Credentials!.Expiration!.getTime()).toBe(T0 + 180_000);
    const stillValidated = await errorOf(
      sts(emu.url, ALICE).send(
        new AssumeRoleCommand({ RoleArn: role(OTHER, 'Hop2'), RoleSessionName: 'a1', DurationSeconds: 7200 }),
      ),
    );
    expect(stillValidated.name).toBe('ValidationError');
  });

  it('latencyMs delays answers', async () => {
    emu.configure({ latencyMs: 150 });
    const started = Date.now();
    await who(ALICE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('MFA codes', () => {
  it('currentMfaCode is RFC 6238 TOTP (SHA-1, 30 s, 6 digits)', () => {
    const seed = '12345678901234567890';
    expect(currentMfaCode(seed, 59_000)).toBe('287082');
    expect(currentMfaCode(seed, 1111111109_000)).toBe('081804');
    expect(currentMfaCode(seed, 1234567890_000)).toBe('005924');
    expect(currentMfaCode(seed, 2000000000_000)).toBe('279037');
    expect(mfaCodeSecondsLeft(60_000)).toBe(30);
    expect(mfaCodeSecondsLeft(59_500)).toBe(1);
  });

  it('fixed codes and a code function', async () => {
    emu.configure({ mfa: { validCodes: ['123456'] } });
    expect(emu.currentMfaCode()).toBe('123456');
    const call = () =>
      sts(emu.url, ALICE).send(new GetSessionTokenCommand({ SerialNumber: MFA_SERIAL, TokenCode: '123456' }));
    await expect(call()).resolves.toBeDefined();
    expect((await errorOf(call())).name).toBe('AccessDenied');
    emu.resetMfa();
    await expect(call()).resolves.toBeDefined();
    emu.configure({ mfa: { validCodes: (serial) => (serial.endsWith('/alice') ? '654321' : '000000') } });
    expect(emu.currentMfaCode(MFA_SERIAL)).toBe('654321');
    await expect(
      sts(emu.url, ALICE).send(new GetSessionTokenCommand({ SerialNumber: MFA_SERIAL, TokenCode: '654321' })),
    ).resolves.toBeDefined();
  });
});
