// whoami (and console) with no TARGET look at the environment like an SDK: keys, else AWS_PROFILE (then
// AWS_DEFAULT_PROFILE), else [default]. With none of them there is nothing to ask about: say so plainly,
// rather than `unknown profile "default"`, which reads as if awsx had been told to use a profile.
import { InputError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import type { Services } from '../credentials/context.js';

export function noCredentialsCheck(services: Services, env: Env): void {
  if (env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || services.graph.has('default')) return;
  const files = services.graph.files;
  throw new InputError(
    'no credentials found: no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment, no AWS_PROFILE, ' +
      `and no [default] profile in ${files.configPath} or ${files.credentialsPath}`,
    { hint: 'name one: awsx whoami PROFILE (awsx list shows them), or awsx use PROFILE first' },
  );
}
