// awsx sso login: sign in to IAM Identity Center (PKCE in the browser, or the device code) and cache the token.
import { systemClock } from '../../config/clock.js';
import { loadAwsFiles } from '../../config/load-config.js';
import type { Env } from '../../config/paths.js';
import { formatRemaining, isoSeconds } from '../../credentials/export-format.js';
import { chooseFlow, ssoLogin } from '../../sso/login.js';
import { selectSsoSettings } from '../../sso/select.js';
import { sessionLabel } from '../../sso/token.js';
import { tokenExpiresAt } from '../../sso/token-cache.js';
import { cancellable, selectorOf, type SsoSelectFlags } from '../sso-flags.js';

export interface SsoLoginFlags extends SsoSelectFlags {
  browser?: boolean;
  useDeviceCode?: boolean;
}

export async function ssoLoginCommand(flags: SsoLoginFlags, env: Env): Promise<number> {
  const settings = selectSsoSettings(loadAwsFiles(env), env, selectorOf(flags));
  const options = {
    env,
    clock: systemClock,
    useDeviceCode: flags.useDeviceCode === true,
    noBrowser: flags.browser === false,
  };
  const flow = chooseFlow(settings, options);
  process.stderr.write(
    `awsx: signing in to ${sessionLabel(settings)}${flow === 'device' ? ' with a device code' : ''}\n`,
  );
  const token = await cancellable('waiting for the IAM Identity Center sign-in', (signal) =>
    ssoLogin(settings, { ...options, signal, notify: (message) => process.stderr.write(`${message}\n`) }),
  );
  const expires = new Date(tokenExpiresAt(token));
  const left = formatRemaining(expires.getTime() - systemClock.now());
  process.stderr.write(`awsx: logged in to ${sessionLabel(settings)} until ${isoSeconds(expires)} (${left})\n`);
  return 0;
}
