// Browser-facing pages: GET /device (device-code verification) and GET /authorize (authorization code + PKCE).
import type { ServerResponse } from 'node:http';
import { ApiError, sendHtml, sendRedirect } from './http.js';
import { clientGrants, decideDevice } from './oidc.js';
import { ids } from './sessions.js';
import type { EmulatorState, OidcClient } from './state.js';

/** Lifetime of an authorization code. */
const AUTH_CODE_TTL_MS = 5 * 60 * 1000;
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** GET /device?user_code=...: what the browser opening verificationUriComplete hits; approves (or denies) the code. */
export function devicePage(state: EmulatorState, query: URLSearchParams, res: ServerResponse): void {
  const userCode = query.get('user_code');
  if (!userCode)
    return sendHtml(
      res,
      200,
      'Authorize request',
      'Enter the code shown in your terminal: open this page with ?user_code=ABCD-EFGH',
    );
  const denied = state.knobs.approvals === 'deny';
  const device = decideDevice(state, userCode, denied ? 'denied' : 'approved');
  if (!device) throw new ApiError(400, 'InvalidGrantException', `Code ${userCode} is invalid or has expired`);
  if (denied) return sendHtml(res, 200, 'Request denied', 'You denied the request. You can close this window.');
  sendHtml(res, 200, 'Request approved', 'You can close this window and return to your terminal.');
}

/**
 * Does a redirect URI match one the client registered? Loopback URIs match on scheme, host and path with any port
 * (RFC 8252 §7.3: "http://127.0.0.1/oauth/callback" is registered, "http://127.0.0.1:54321/oauth/callback" is used).
 */
export function redirectUriRegistered(client: OidcClient, uri: string): boolean {
  let used: URL;
  try {
    used = new URL(uri);
  } catch {
    return false;
  }
  return client.redirectUris.some((registered) => {
    const r = new URL(registered);
    if (r.protocol === 'http:' && LOOPBACK.includes(r.hostname)) {
      return (
        used.protocol === r.protocol &&
        used.hostname === r.hostname &&
        used.pathname === r.pathname &&
        used.search === ''
      );
    }
    return registered === uri;
  });
}

/**
 * GET /authorize: validates client + redirect URI, then answers 302 to redirect_uri?code=...&state=...
 * (or ?error=...).
 */
export function authorizePage(state: EmulatorState, query: URLSearchParams, res: ServerResponse): void {
  const client = state.clients.get(query.get('client_id') ?? '');
  if (!client) throw new ApiError(400, 'InvalidClientException', 'Unknown client_id');
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!redirectUriRegistered(client, redirectUri))
    throw new ApiError(400, 'InvalidRedirectUriException', 'redirect_uri is not registered for this client');

  // From here on, errors go back to the client through the redirect URI (RFC 6749 §4.1.2.1).
  const back = (params: Record<string, string>): void => {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
    const st = query.get('state');
    if (st !== null) target.searchParams.set('state', st);
    sendRedirect(res, target.toString());
  };
  if (query.get('response_type') !== 'code')
    return back({ error: 'unsupported_response_type', error_description: 'response_type must be code' });
  if (!clientGrants(client).includes('authorization_code'))
    return back({ error: 'unauthorized_client', error_description: 'Client is not registered for authorization_code' });
  const challenge = query.get('code_challenge');
  if (query.get('code_challenge_method') !== 'S256' || !challenge)
    return back({ error: 'invalid_request', error_description: 'PKCE with code_challenge_method=S256 is required' });
  const requested = (query.get('scopes') ?? query.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
  const unknown = requested.find((s) => !client.scopes.includes(s));
  if (unknown) return back({ error: 'invalid_scope', error_description: `Scope ${unknown} was not registered` });
  if (state.knobs.approvals === 'deny')
    return back({ error: 'access_denied', error_description: 'The user denied the request' });

  const code = ids.b64url(48);
  state.authCodes.set(code, {
    code,
    clientId: client.clientId,
    redirectUri,
    codeChallenge: challenge,
    scopes: requested.length > 0 ? requested : client.scopes,
    expiresAtMs: state.clock.now() + AUTH_CODE_TTL_MS,
  });
  back({ code });
}
