// The PKCE loopback listener: only our state is accepted, portal errors reject, it stops after one answer.
import { describe, expect, it } from 'vitest';
import { CallbackError, startLoopbackListener } from '../../../src/sso/loopback.js';
import { authorizeUrl, codeChallenge, codeVerifier } from '../../../src/sso/pkce-flow.js';

describe('PKCE loopback listener', () => {
  it('ignores other paths and a mismatched state, then takes the code and closes', async () => {
    const l = await startLoopbackListener('state-1', 10_000);
    expect(l.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const origin = new URL(l.redirectUri).origin;
    expect((await fetch(`${origin}/favicon.ico`)).status).toBe(404);
    const forged = await fetch(`${l.redirectUri}?code=evil&state=other`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('state mismatch');
    const ok = await fetch(`${l.redirectUri}?code=good&state=state-1`);
    expect(ok.status).toBe(200);
    expect(await l.code).toBe('good');
    await expect(fetch(l.redirectUri)).rejects.toThrow(); // closed
  });

  it('rejects with the portal error, and on timeout', async () => {
    const denied = await startLoopbackListener('s', 10_000);
    await fetch(`${denied.redirectUri}?error=access_denied&error_description=User+said+no&state=s`);
    await expect(denied.code).rejects.toMatchObject({ kind: 'denied', message: 'access_denied: User said no' });
    const slow = await startLoopbackListener('s', 50);
    await expect(slow.code).rejects.toBeInstanceOf(CallbackError);
    await expect(slow.code).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('builds the verifier, challenge and /authorize URL as RFC 7636 and the AWS CLI do', () => {
    const v = codeVerifier();
    expect(v).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    ); // RFC 7636 appendix B
    const url = new URL(
      authorizeUrl('http://127.0.0.1:9/base', {
        clientId: 'c',
        redirectUri: 'http://127.0.0.1:5/oauth/callback',
        state: 's',
        scopes: ['a:b', 'c'],
        challenge: 'x',
      }),
    );
    expect(url.pathname).toBe('/base/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'c',
      redirect_uri: 'http://127.0.0.1:5/oauth/callback',
      state: 's',
      code_challenge_method: 'S256',
      scopes: 'a:b c',
      code_challenge: 'x',
    });
  });
});
