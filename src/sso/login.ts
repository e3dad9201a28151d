// IAM Identity Center login, as the AWS CLI v2 does it: the authorization-code flow with PKCE for
// sso-session configs, the device flow for legacy (sso_start_url) configs, when asked (--use-device-code),
// or when no browser can be opened here. The registration and the token land in the AWS CLI's caches, so
// either tool uses the other's login. Instructions go through `notify`; tokens never do.
//
//   chooseFlow(settings, {env, useDeviceCode?, noBrowser?}): 'pkce' | 'device'
//   ssoLogin(settings, {env, clock, useDeviceCode?, noBrowser?, notify, onEvent?, signal?, timeoutMs?})
//     : Promise<SsoToken>
//     onEvent gets {type:'device-code', userCode, verificationUri, ...}, {type:'url', url, opened}, {type:'waiting'};
//     an abort of `signal` rejects with CancelledError and writes nothing.
import { CancelledError } from '../config/errors.js';
import type { SsoSettings } from '../config/sso-settings.js';
import { canOpenBrowser, openUrl } from '../console/open-browser.js';
import { deviceFlow } from './device-flow.js';
import type { LoginContext, LoginOptions } from './login-context.js';
import { pkceFlow } from './pkce-flow.js';
import {
  PKCE_GRANTS,
  readRegistration,
  registrationScopes,
  registrationUsable,
  writeRegistration,
  type CachedRegistration,
} from './registration-cache.js';
import { cliTimestamp, writeSsoToken, type SsoToken } from './token-cache.js';

export type LoginFlow = 'pkce' | 'device';

export const LOGIN_TIMEOUT_MS = 10 * 60_000;

export function chooseFlow(
  settings: SsoSettings,
  options: Pick<LoginOptions, 'env' | 'useDeviceCode' | 'noBrowser'>,
): LoginFlow {
  if (!settings.sessionName || options.useDeviceCode) return 'device';
  // No display or an SSH session: a loopback redirect could never reach us, so use the device code.
  if (!options.noBrowser && !canOpenBrowser(options.env)) return 'device';
  return 'pkce';
}

async function ensureRegistration(
  settings: SsoSettings,
  flow: LoginFlow,
  options: LoginOptions,
): Promise<CachedRegistration> {
  const cached = readRegistration(settings, options.env);
  if (cached && registrationUsable(cached, flow, options.clock.now())) return cached;
  const { registerClient } = await import('../aws/sso-oidc.js');
  const scopes = registrationScopes(settings);
  const clientName = `botocore-client-${settings.sessionName ?? Math.floor(options.clock.now() / 1000)}`;
  const pkce = flow === 'pkce';
  const reg = await registerClient(
    settings.region,
    {
      clientName,
      ...(scopes ? { scopes } : {}),
      ...(pkce
        ? { grantTypes: PKCE_GRANTS, redirectUris: ['http://127.0.0.1/oauth/callback'], issuerUrl: settings.startUrl }
        : {}),
    },
    options.signal,
  );
  return writeRegistration(settings, { ...reg, ...(pkce ? { grantTypes: PKCE_GRANTS } : {}) }, options.env);
}

/** Logs in (always a new token, as `aws sso login`) and writes the token cache; returns the cached token. */
export async function ssoLogin(settings: SsoSettings, options: LoginOptions): Promise<SsoToken> {
  const flow = chooseFlow(settings, options);
  const registration = await ensureRegistration(settings, flow, options);
  const show = async (url: string, what: string): Promise<void> => {
    const opened = !options.noBrowser && (await openUrl(url, { env: options.env })).ok;
    options.onEvent?.({ type: 'url', url, opened });
    if (opened) options.notify(`Opened the browser to ${what}. If nothing opened, visit:\n  ${url}`);
    else options.notify(`Open this URL in a browser to ${what}:\n  ${url}`);
  };
  const ctx: LoginContext = {
    settings,
    registration,
    options,
    show,
    deadline: options.clock.now() + (options.timeoutMs ?? LOGIN_TIMEOUT_MS),
  };
  let grant: Awaited<ReturnType<typeof pkceFlow>>;
  try {
    grant = flow === 'pkce' ? await pkceFlow(ctx) : await deviceFlow(ctx);
  } catch (error) {
    if (options.signal?.aborted || (error as Error).name === 'AbortError')
      throw new CancelledError(`cancelled while signing in to ${settings.startUrl}`);
    throw error;
  }
  const token: SsoToken = {
    startUrl: settings.startUrl,
    region: settings.region,
    accessToken: grant.accessToken,
    expiresAt: cliTimestamp(new Date(options.clock.now() + grant.expiresIn * 1000)),
  };
  if (settings.sessionName) {
    Object.assign(token, {
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: registration.expiresAt,
    });
    if (grant.refreshToken) token.refreshToken = grant.refreshToken;
  }
  writeSsoToken(settings, token, options.env);
  return token;
}
