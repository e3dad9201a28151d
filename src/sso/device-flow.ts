// The OAuth device flow (RFC 8628) against IAM Identity Center, polling as the AWS CLI v2 does: one
// CreateToken at once (an approval may already be there), then show the code and URL, then poll every
// `interval` seconds (5 when absent), 5 more after each slow_down, until approved, denied or expired.
import { AwsCallError } from '../aws/errors.js';
import type { TokenGrant } from '../aws/sso-oidc.js';
import { sleep } from './rate-limiter.js';
import type { LoginContext } from './login-context.js';
import { DEVICE_GRANT } from './registration-cache.js';

export const SLOW_DOWN_STEP_S = 5;

export async function deviceFlow(ctx: LoginContext): Promise<TokenGrant> {
  const { settings, registration, options } = ctx;
  const oidc = await import('../aws/sso-oidc.js');
  const { clientId, clientSecret } = registration;
  const auth = await oidc.startDeviceAuthorization(
    settings.region,
    { clientId, clientSecret, startUrl: settings.startUrl },
    options.signal,
  );
  const deadline = Math.min(ctx.deadline, options.clock.now() + auth.expiresIn * 1000);
  let interval = auth.interval ?? 5;
  let shown = false;
  const params = { clientId, clientSecret, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode };
  const expired = (): AwsCallError =>
    new AwsCallError(
      `the device code for ${settings.startUrl} expired before it was approved`,
      'ExpiredTokenException',
      { hint: 'run awsx sso login again and approve the code in the browser' },
    );
  for (;;) {
    try {
      return await oidc.createToken(settings.region, params, options.signal);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'SlowDownException') interval += SLOW_DOWN_STEP_S;
      else if (code === 'ExpiredTokenException') throw expired();
      else if (code === 'AccessDeniedException') {
        throw new AwsCallError(`the sign-in to ${settings.startUrl} was denied in the browser`, code, {
          hint: 'run awsx sso login again and allow the request',
        });
      } else if (code !== 'AuthorizationPendingException') throw error;
    }
    if (!shown) {
      shown = true;
      options.onEvent?.({
        type: 'device-code',
        userCode: auth.userCode,
        verificationUri: auth.verificationUri,
        expiresAt: new Date(deadline),
        ...(auth.verificationUriComplete ? { verificationUriComplete: auth.verificationUriComplete } : {}),
      });
      options.notify(
        `To sign in to ${settings.startUrl}, confirm the code ${auth.userCode} at ${auth.verificationUri}`,
      );
      await ctx.show(auth.verificationUriComplete ?? auth.verificationUri, 'approve the code');
      options.onEvent?.({ type: 'waiting' });
      options.notify('Waiting for the approval in the browser...');
    }
    if (options.clock.now() + interval * 1000 > deadline) throw expired();
    await sleep(interval * 1000, options.signal);
  }
}
