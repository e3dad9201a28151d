// awsx sso logout: end every IAM Identity Center session and remove the tokens and cached SSO role credentials.
import { systemClock } from '../../config/clock.js';
import { awsxCacheDir, type Env } from '../../config/paths.js';
import { SessionCache } from '../../credentials/session-cache.js';
import { ssoLogout } from '../../sso/logout.js';

export async function ssoLogoutCommand(env: Env): Promise<number> {
  const result = await ssoLogout(env, new SessionCache(awsxCacheDir(env), systemClock));
  if (result.tokens === 0 && result.roleCredentials === 0) {
    process.stderr.write('awsx: no IAM Identity Center session to log out of\n');
    return 0;
  }
  const failed =
    result.logoutFailures > 0
      ? ` (the portal could not be told for ${result.logoutFailures}; the tokens are removed anyway)`
      : '';
  process.stderr.write(
    `awsx: logged out of ${result.tokens} IAM Identity Center session${result.tokens === 1 ? '' : 's'}${failed}; ` +
      `removed ${result.roleCredentials} cached role credential${result.roleCredentials === 1 ? '' : 's'}\n`,
  );
  return 0;
}
