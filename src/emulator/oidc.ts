// sso-oidc API: RegisterClient, StartDeviceAuthorization and CreateToken (device, refresh and PKCE grants).
import { createHash } from 'node:crypto';
import { oidcError } from './http.js';
import { ids, type LoginSession } from './sessions.js';
import type { DeviceAuth, EmulatorState, OidcClient } from './state.js';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const KNOWN_GRANTS = [DEVICE_GRANT, 'refresh_token', 'authorization_code'];
/** Grants of a client registered without `grantTypes` (the legacy device-flow registration). */
const DEFAULT_GRANTS = [DEVICE_GRANT, 'refresh_token'];
// Timer jitter allowance when checking the poll interval.
const POLL_TOLERANCE_MS = 50;

type Body = Record<string, unknown>;

function str(body: Body, key: string, required: boolean): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw oidcError('InvalidRequestException', `Missing required parameter: ${key}`);
    return undefined;
  }
  if (typeof v !== 'string') throw oidcError('InvalidRequestException', `Invalid value for parameter: ${key}`);
  return v;
}

function strList(body: Body, key: string, errorType: string): string[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '' || /\s/.test(s)))
    throw oidcError(errorType, `Invalid ${key}`);
  return v as string[];
}

/** A loopback http URL (or any https URL), as Identity Center accepts for redirect URIs. */
export function isAcceptableRedirectUri(uri: string): boolean {
  try {
    const u = new URL(uri);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** The grant types a client may use. */
export function clientGrants(client: OidcClient): string[] {
  return client.grantTypes ?? DEFAULT_GRANTS;
}

/** Checks clientId + clientSecret (InvalidClientException, 401). */
function authenticate(state: EmulatorState, body: Body): OidcClient {
  const clientId = str(body, 'clientId', true) as string;
  const clientSecret = str(body, 'clientSecret', true) as string;
  const client = state.clients.get(clientId);
  if (!client || client.clientSecret !== clientSecret)
    throw oidcError('InvalidClientException', 'Invalid client provided');
  if (state.clock.now() >= client.secretExpiresAtMs)
    throw oidcError('InvalidClientException', 'Client secret has expired');
  return client;
}

/** POST /client/register */
export function registerClient(state: EmulatorState, body: Body): unknown {
  const clientName = str(body, 'clientName', true) as string;
  const clientType = str(body, 'clientType', true);
  if (clientType !== 'public') throw oidcError('InvalidClientMetadataException', `Invalid client type: ${clientType}`);
  const scopes = strList(body, 'scopes', 'InvalidScopeException') ?? [];
  const grantTypes = strList(body, 'grantTypes', 'UnsupportedGrantTypeException');
  const unsupported = grantTypes?.find((g) => !KNOWN_GRANTS.includes(g));
  if (unsupported) throw oidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${unsupported}`);
  const redirectUris = strList(body, 'redirectUris', 'InvalidRedirectUriException') ?? [];
  const bad = redirectUris.find((u) => !isAcceptableRedirectUri(u));
  if (bad) throw oidcError('InvalidRedirectUriException', `Invalid redirect URI: ${bad}`);
  const issuerUrl = str(body, 'issuerUrl', false);
  if (grantTypes?.includes('authorization_code')) {
    if (redirectUris.length === 0)
      throw oidcError('InvalidRedirectUriException', 'redirectUris are required for the authorization_code grant');
    if (!issuerUrl)
      throw oidcError('InvalidRequestException', 'issuerUrl is required for the authorization_code grant');
  }

  const now = state.clock.now();
  const client: OidcClient = {
    clientId: ids.b64url(16),
    clientSecret: `eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0.${ids.b64url(180)}.${ids.b64url(48)}`,
    clientName,
    scopes,
    grantTypes,
    redirectUris,
    issuerUrl,
    secretExpiresAtMs: now + state.knobs.clientSecretTtlSeconds * 1000,
  };
  state.clients.set(client.clientId, client);
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(now / 1000),
    clientSecretExpiresAt: Math.floor(client.secretExpiresAtMs / 1000),
  };
}

/** POST /device_authorization */
export function startDeviceAuthorization(state: EmulatorState, body: Body): unknown {
  const client = authenticate(state, body);
  const startUrl = str(body, 'startUrl', true) as string;
  if (!clientGrants(client).includes(DEVICE_GRANT))
    throw oidcError('UnauthorizedClientException', 'Client is not authorized for the device code grant');
  const { knobs } = state;
  const device: DeviceAuth = {
    deviceCode: ids.b64url(64),
    userCode: ids.userCode(),
    clientId: client.clientId,
    startUrl,
    expiresAtMs: state.clock.now() + knobs.deviceCodeTtlSeconds * 1000,
    intervalSeconds: knobs.pollIntervalSeconds,
    status: 'pending',
  };
  state.devices.set(device.deviceCode, device);
  scheduleAutoApproval(state, device);
  return {
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri: `${state.url}/device`,
    verificationUriComplete: `${state.url}/device?user_code=${device.userCode}`,
    expiresIn: knobs.deviceCodeTtlSeconds,
    interval: knobs.pollIntervalSeconds,
  };
}

function scheduleAutoApproval(state: EmulatorState, device: DeviceAuth): void {
  const auto = state.knobs.autoApproveDevice;
  if (auto === false) return;
  if (auto === true || auto <= 0) {
    device.status = 'approved';
    return;
  }
  device.autoApproveAtMs = state.clock.now() + auto;
}

/** A pending code whose auto-approval time has come is approved: read before looking at its status. */
function settle(state: EmulatorState, device: DeviceAuth): DeviceAuth {
  const at = device.autoApproveAtMs;
  if (device.status === 'pending' && at !== undefined && state.clock.now() >= at) device.status = 'approved';
  return device;
}

/** Approves or denies a pending device code by user code; the newest pending one when omitted. */
export function decideDevice(
  state: EmulatorState,
  userCode: string | undefined,
  decision: 'approved' | 'denied',
): DeviceAuth | undefined {
  const now = state.clock.now();
  const pending = [...state.devices.values()]
    .map((d) => settle(state, d))
    .filter((d) => d.status === 'pending' && now < d.expiresAtMs);
  const device = userCode === undefined ? pending.at(-1) : pending.find((d) => d.userCode === userCode.toUpperCase());
  if (device) device.status = decision;
  return device;
}

/** POST /token */
export function createToken(state: EmulatorState, body: Body): unknown {
  const client = authenticate(state, body);
  const grantType = str(body, 'grantType', true) as string;
  if (!KNOWN_GRANTS.includes(grantType))
    throw oidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${grantType}`);
  if (!clientGrants(client).includes(grantType))
    throw oidcError('UnauthorizedClientException', `Client is not authorized for grant type ${grantType}`);
  if (grantType === DEVICE_GRANT) return deviceGrant(state, client, body);
  if (grantType === 'refresh_token') return refreshGrant(state, client, body);
  return authCodeGrant(state, client, body);
}

function tokenResponse(state: EmulatorState, session: LoginSession): unknown {
  const ttl = state.knobs.accessTokenTtlSeconds;
  const { accessToken, refreshToken } = state.sessions.issue(session, ttl);
  return { accessToken, tokenType: 'Bearer', expiresIn: ttl, ...(refreshToken ? { refreshToken } : {}) };
}

function deviceGrant(state: EmulatorState, client: OidcClient, body: Body): unknown {
  const found = state.devices.get(str(body, 'deviceCode', true) as string);
  const device = found && settle(state, found);
  if (!device || device.clientId !== client.clientId || device.status === 'used')
    throw oidcError('InvalidGrantException', 'Invalid device code provided');
  const now = state.clock.now();
  if (now >= device.expiresAtMs) throw oidcError('ExpiredTokenException', 'Device code has expired');
  if (device.status === 'denied') throw oidcError('AccessDeniedException', 'The user denied the authorization request');
  if (device.status === 'pending') {
    const last = device.lastPollMs;
    device.lastPollMs = now;
    if (last !== undefined && now - last < device.intervalSeconds * 1000 - POLL_TOLERANCE_MS) {
      device.intervalSeconds += state.knobs.slowDownIncrementSeconds;
      throw oidcError('SlowDownException', 'Client is polling too quickly');
    }
    throw oidcError('AuthorizationPendingException', 'Authorization is still pending');
  }
  device.status = 'used';
  return tokenResponse(state, state.sessions.create(client.clientId, client.scopes));
}

function refreshGrant(state: EmulatorState, client: OidcClient, body: Body): unknown {
  const session = state.sessions.sessionForRefresh(str(body, 'refreshToken', true) as string);
  if (!session || session.clientId !== client.clientId)
    throw oidcError('InvalidGrantException', 'Invalid refresh token provided');
  return tokenResponse(state, session);
}

/** base64url(sha256(verifier)) without padding (RFC 7636 S256). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function authCodeGrant(state: EmulatorState, client: OidcClient, body: Body): unknown {
  const code = str(body, 'code', true) as string;
  const redirectUri = str(body, 'redirectUri', true) as string;
  const verifier = str(body, 'codeVerifier', true) as string;
  const grant = state.authCodes.get(code);
  state.authCodes.delete(code); // single use, even when the exchange fails
  if (!grant || grant.clientId !== client.clientId)
    throw oidcError('InvalidGrantException', 'Invalid authorization code provided');
  if (state.clock.now() >= grant.expiresAtMs)
    throw oidcError('InvalidGrantException', 'Authorization code has expired');
  if (grant.redirectUri !== redirectUri)
    throw oidcError('InvalidGrantException', 'Redirect URI does not match the authorization request');
  if (pkceChallenge(verifier) !== grant.codeChallenge)
    throw oidcError('InvalidGrantException', 'Code verifier does not match the code challenge');
  return tokenResponse(state, state.sessions.create(client.clientId, grant.scopes));
}
