// The AWS Sign-In fake answers the SDK's own signin client as the model says, and refuses what AWS Sign-In
// refuses: no DPoP proof, a proof from another key than the refresh token's, a replayed proof, an expired
// or unknown refresh token (AccessDeniedException TOKEN_EXPIRED, 401), a non-devtools client.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClientContext } from '../../src/aws/client-context.js';
import { dpopProof, refreshLogin } from '../../src/aws/signin.js';
import { systemClock } from '../../src/config/clock.js';
import { startSigninEmulator, type SigninEmulator } from '../../src/emulator/signin-server.js';

describe('AWS Sign-In fake', () => {
  let emu: SigninEmulator;
  beforeAll(async () => {
    emu = await startSigninEmulator();
    setClientContext(undefined, { AWS_ENDPOINT_URL_SIGNIN: emu.url, AWS_MAX_ATTEMPTS: '1' });
  });
  afterAll(async () => {
    setClientContext(undefined, process.env);
    await emu.close();
  });

  const post = (body: unknown, dpop?: string): Promise<Response> =>
    fetch(`${emu.url}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(dpop ? { dpop } : {}) },
      body: JSON.stringify(body),
    });

  it('a refresh through the SDK client returns new credentials and a refresh token (expiresIn <= 900)', async () => {
    const { token } = emu.login();
    const out = await refreshLogin(
      {
        region: 'us-east-1',
        clientId: token.clientId,
        refreshToken: token.refreshToken,
        dpopKey: token.dpopKey,
        who: '',
      },
      systemClock,
    );
    expect(out).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) as string, expiresIn: 900 });
    expect(out.refreshToken).not.toBe(token.refreshToken);
  });

  it("refuses a request without a proof, with another key's proof, or a replayed proof", async () => {
    const { token } = emu.login();
    const body = { clientId: token.clientId, grantType: 'refresh_token', refreshToken: token.refreshToken };
    const url = `${emu.url}/v1/token`;
    expect((await post(body)).status).toBe(400);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'sec1' })
      .toString();
    const wrong = await post(body, dpopProof(other, url, systemClock.now()));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'INVALID_REQUEST' });
    const proof = dpopProof(token.dpopKey, url, systemClock.now());
    expect((await post(body, proof)).status).toBe(200);
    expect((await post(body, proof)).status).toBe(400);
    expect((await post(body, dpopProof(token.dpopKey, `${url}x`, systemClock.now()))).status).toBe(400);
  });

  it('an unknown refresh token is AccessDeniedException TOKEN_EXPIRED (401); a bad client id a ValidationException', async () => {
    const { token } = emu.login();
    const url = `${emu.url}/v1/token`;
    const expired = await post(
      { clientId: token.clientId, grantType: 'refresh_token', refreshToken: 'rt-nope' },
      dpopProof(token.dpopKey, url, systemClock.now()),
    );
    expect(expired.status).toBe(401);
    expect(expired.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await expired.json()).toMatchObject({ error: 'TOKEN_EXPIRED' });
    const bad = await post(
      { clientId: 'arn:aws:signin:::other', grantType: 'refresh_token', refreshToken: token.refreshToken },
      dpopProof(token.dpopKey, url, systemClock.now()),
    );
    expect(bad.status).toBe(400);
    await expect(
      refreshLogin(
        {
          region: 'us-east-1',
          clientId: token.clientId,
          refreshToken: 'rt-nope',
          dpopKey: token.dpopKey,
          who: 'profile "me": ',
          profile: 'me',
        },
        systemClock,
      ),
    ).rejects.toThrow('profile "me": the aws login session has expired');
  });
});
