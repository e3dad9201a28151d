// awsx whoami [TARGET]: GetCallerIdentity for that identity, or for the current environment. It always asks
// STS, even for a cached session: people run it to prove that their credentials still work.
import { systemClock } from '../../config/clock.js';
import type { Env } from '../../config/paths.js';
import { defaultProfileName, profileEnvNote } from '../../config/paths.js';
import { createServices } from '../../credentials/context.js';
import type { Session } from '../../credentials/engine.js';
import { isoSeconds } from '../../credentials/export-format.js';
import { environmentCredentials } from '../../credentials/roots.js';
import { checkRegion, userEnvRegion } from '../../credentials/session-region.js';
import { callerIdentity } from '../../credentials/whoami.js';
import { resolveTarget } from '../target-options.js';
import type { TargetFlags } from '../target-flags.js';
import { noCredentialsCheck } from '../no-credentials.js';

export async function whoamiCommand(
  target: string | undefined,
  flags: TargetFlags & { json?: boolean },
  env: Env,
): Promise<number> {
  const services = createServices(env, systemClock);
  let session: Session;
  if (target === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !flags.profile) {
    if (flags.region !== undefined) checkRegion(flags.region, '--region');
    const region = flags.region ?? userEnvRegion(env)?.region;
    session = {
      label: '(environment)',
      chain: ['(environment)'],
      credentials: environmentCredentials(env, '(environment)'),
      fromCache: false,
      ...(region ? { region } : {}),
    };
  } else {
    if (target === undefined && flags.profile === undefined) {
      noCredentialsCheck(services, env);
      process.stderr.write(profileEnvNote(env));
    }
    session = await resolveTarget(services, target ?? flags.profile ?? defaultProfileName(env), {
      ...flags,
      profile: target === undefined ? undefined : flags.profile,
    });
  }
  const id = await callerIdentity(session, services.cache);
  const expiration = session.credentials.expiration ? isoSeconds(session.credentials.expiration) : undefined;
  let output: string;
  if (flags.json) {
    const out = {
      UserId: id.userId,
      Account: id.account,
      Arn: id.arn,
      ...(session.profile ? { Profile: session.profile } : {}),
      ...(expiration ? { Expiration: expiration } : {}),
    };
    output = `${JSON.stringify(out, null, 2)}\n`;
  } else {
    const rows = [
      ['Identity', session.label],
      ['Account', id.account],
      ['ARN', id.arn],
      ['UserId', id.userId],
      ['Expires', expiration],
    ].filter(([, v]) => v);
    output = `${rows.map(([k, v]) => `${k!.padEnd(9)}${v}`).join('\n')}\n`;
  }
  process.stdout.write(output);
  return 0;
}
