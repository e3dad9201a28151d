// awsx whoami [TARGET]: GetCallerIdentity for that identity, or for the current environment. The answer for a
// cached session is recorded for the bootstrap's fast path: asking again about the same unchanged session
// prints the same identity without a call (the identity of a set of credentials never changes).
import type { Env } from '../../config/paths.js';
import { defaultProfileName } from '../../config/paths.js';
import { createServices } from '../../services/context.js';
import type { Session } from '../../services/credential-engine.js';
import { isoSeconds } from '../../services/export-format.js';
import { rememberSessionAnswer, startSessionAnswer } from '../../services/fast-path.js';
import { REUSE_MARGIN_MS } from '../../services/session-cache.js';
import { environmentCredentials } from '../../services/root-credentials.js';
import { checkRegion, userEnvRegion } from '../../services/session-region.js';
import { resolveTarget, type TargetFlags } from '../target-options.js';
import { noCredentialsCheck } from './no-credentials.js';

export async function whoamiCommand(target: string | undefined, flags: TargetFlags & { json?: boolean }, env: Env): Promise<number> {
  const started = startSessionAnswer(env);
  const services = createServices(env);
  let session: Session;
  if (target === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !flags.profile) {
    if (flags.region !== undefined) checkRegion(flags.region, '--region');
    const region = flags.region ?? userEnvRegion(env)?.region;
    session = { label: '(environment)', chain: ['(environment)'], credentials: environmentCredentials(env, '(environment)'), fromCache: false, ...(region ? { region } : {}) };
  } else {
    if (target === undefined && !flags.profile) noCredentialsCheck(services, env);
    session = await resolveTarget(services, target ?? flags.profile ?? defaultProfileName(env), { ...flags, profile: target === undefined ? undefined : flags.profile });
  }
  const { getCallerIdentity } = await import('../../aws/sts.js');
  const id = await getCallerIdentity(session.credentials, {
    region: session.region ?? 'us-east-1',
    ...(session.profile ? { profile: session.profile } : {}),
    context: { profile: session.profile, action: 'calling GetCallerIdentity' },
  });
  const expiration = session.credentials.expiration ? isoSeconds(session.credentials.expiration) : undefined;
  let output: string;
  if (flags.json) {
    const out = { UserId: id.userId, Account: id.account, Arn: id.arn, ...(session.profile ? { Profile: session.profile } : {}), ...(expiration ? { Expiration: expiration } : {}) };
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
  // The same run again would reuse this session until REUSE_MARGIN_MS before it expires, then renew it.
  const sessionFile = session.cacheKey ? services.cache.pathOf(session.cacheKey) : undefined;
  await rememberSessionAnswer(started, output, sessionFile, session.credentials.expiration?.getTime(), REUSE_MARGIN_MS);
  return 0;
}
