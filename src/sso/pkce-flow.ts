// The authorization-code flow with PKCE (what `aws sso login` does for sso-session configs): a loopback
// listener on an ephemeral port, the browser on <sso-oidc endpoint>/authorize, the code back on
// /oauth/callback with our `state`, then CreateToken with the code verifier.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AwsCallError } from '../aws/errors.js';
import type { TokenGrant } from '../aws/sso-oidc.js';
import type { LoginContext } from './login-context.js';
import { CallbackError, startLoopbackListener } from './loopback.js';
import { registrationScopes } from './registration-cache.js';

const VERIFIER_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** 64 characters from the RFC 7636 unreserved set. */
export function codeVerifier(): string {
  return [...randomBytes(64)].map((b) => VERIFIER_CHARS[b % VERIFIER_CHARS.length]).join('');
}

/** base64url(sha256(verifier)) without padding. */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function authorizeUrl(
  endpoint: string,
  p: { clientId: string; redirectUri: string; state: string; scopes: string[]; challenge: string },
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    state: p.state,
    code_challenge_method: 'S256',
    scopes: p.scopes.join(' '),
    code_challenge: p.challenge,
  });
  return `${endpoint}/authorize?${query.toString()}`;
}

export async function pkceFlow(ctx: LoginContext): Promise<TokenGrant> {
  const { settings, registration, options } = ctx;
  const oidc = await import('../aws/sso-oidc.js');
  const verifier = codeVerifier();
  const state = randomUUID();
  const listener = await startLoopbackListener(state, Math.max(0, ctx.deadline - options.clock.now()), options.signal);
  let code: string;
  try {
    const endpoint = await oidc.oidcEndpoint(settings.region);
    const url = authorizeUrl(endpoint, {
      clientId: registration.clientId,
      redirectUri: listener.redirectUri,
      state,
      scopes: registrationScopes(settings) ?? [],
      challenge: codeChallenge(verifier),
    });
    await ctx.show(url, `sign in to ${settings.startUrl}`);
    options.onEvent?.({ type: 'waiting' });
    options.notify('Waiting for the sign-in in the browser...');
    code = await listener.code;
  } catch (error) {
    listener.close();
    if (error instanceof CallbackError) {
      const hint =
        error.kind === 'timeout'
          ? 'run awsx sso login again (add --use-device-code if the browser cannot reach this machine)'
          : 'run awsx sso login again and allow the request';
      throw new AwsCallError(
        `the sign-in to ${settings.startUrl} failed: ${error.message}`,
        error.kind === 'timeout' ? 'LoginTimeout' : 'AccessDeniedException',
        { hint },
      );
    }
    throw error;
  }
  return oidc.createToken(
    settings.region,
    {
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      grantType: 'authorization_code',
      code,
      redirectUri: listener.redirectUri,
      codeVerifier: verifier,
    },
    options.signal,
  );
}
