// awsx console [TARGET]: sign in to the AWS console as TARGET (or the environment's identity) and open it.
import { InputError } from '../../config/errors.js';
import { defaultProfileName, envRegion, type Env } from '../../config/paths.js';
import { parseDuration } from '../../config/validate.js';
import { userLine } from '../../config/redact.js';
import { checkConsoleTarget, CONSOLE_SESSION_MIN, consoleUrlForSession, FEDERATION_TOKEN_MAX, openConsoleForSession, type ConsoleOptions } from '../../services/console-signin.js';
import { createServices, type Services } from '../../services/context.js';
import type { Session } from '../../services/credential-engine.js';
import { credentialsKind } from '../../services/credential-kind.js';
import { environmentCredentials } from '../../services/root-credentials.js';
import { planFor, resolveTarget, type TargetFlags } from '../target-options.js';

export interface ConsoleFlags extends TargetFlags {
  destination?: string;
  print?: boolean;
  browser?: string;
  signout?: boolean;
}

const notice = (message: string): void => {
  process.stderr.write(`awsx: note: ${userLine(message)}\n`);
};

export async function consoleCommand(target: string | undefined, flags: ConsoleFlags, env: Env): Promise<number> {
  let duration: number | undefined;
  if (flags.duration !== undefined) {
    duration = parseDuration(flags.duration);
    if (duration === undefined) throw new InputError(`--duration "${flags.duration}" is not a duration`, { hint: 'use seconds (3600) or 1h, 90m' });
    if (duration < CONSOLE_SESSION_MIN || duration > FEDERATION_TOKEN_MAX) {
      throw new InputError(`--duration ${duration} is outside ${CONSOLE_SESSION_MIN}-${FEDERATION_TOKEN_MAX} seconds`, { hint: 'a console session lasts 15 min to 12 h (36 h for IAM user keys)' });
    }
  }
  if (flags.browser !== undefined && !flags.browser.trim()) throw new InputError('--browser needs a command', { hint: "e.g. --browser 'firefox --private-window'" });
  const session = await consoleSession(createServices(env), target, flags, env);
  const options: ConsoleOptions = {
    onNotice: notice,
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.destination !== undefined ? { destination: flags.destination } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(flags.browser !== undefined ? { browser: flags.browser } : {}),
    ...(flags.signout ? { signout: true } : {}),
  };
  if (flags.print) {
    process.stdout.write(`${await consoleUrlForSession(env, session, options)}\n`);
    return 0;
  }
  await openConsoleForSession(env, session, options);
  process.stderr.write(`awsx: opened the AWS console as ${session.label} in the browser\n`);
  return 0;
}

/**
 * The identity to sign in as. --duration is the console's, not the role session's: it is kept out of the
 * plan so cached role sessions are reused. IAM user keys are taken as they are, without the MFA session a
 * profile may have (GetSessionToken credentials cannot sign in).
 */
async function consoleSession(services: Services, target: string | undefined, flags: ConsoleFlags, env: Env): Promise<Session> {
  if (target === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !flags.profile) {
    const credentials = environmentCredentials(env, '(environment)');
    const region = flags.region ?? envRegion(env);
    checkConsoleTarget({ label: '(environment)', ...(region ? { region } : {}) }, flags.destination);
    return { label: '(environment)', chain: ['(environment)'], credentials, fromCache: false, kind: credentialsKind(credentials), ...(region ? { region } : {}) };
  }
  const name = target ?? flags.profile ?? defaultProfileName(env);
  const planFlags: TargetFlags = { ...flags, duration: undefined, profile: target === undefined ? undefined : flags.profile };
  const plan = planFor(services, name, planFlags);
  const root = plan.root;
  const roleArn = plan.hops[plan.hops.length - 1]?.roleArn;
  checkConsoleTarget({ label: plan.label, ...(plan.profile ? { profile: plan.profile } : {}), ...(plan.region ? { region: plan.region } : {}), ...(roleArn ? { arn: roleArn } : {}) }, flags.destination);
  if (root.kind === 'static' && !root.sessionToken && plan.hops.length === 0) {
    if (root.mfaSerial) notice(`${plan.label}: an MFA session cannot sign in to the console; signing in with the profile's long-term keys, so the console session does not carry MFA`);
    return {
      label: plan.label,
      chain: plan.chain,
      credentials: { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey },
      fromCache: false,
      kind: 'long-term',
      ...(plan.profile ? { profile: plan.profile } : {}),
      ...(plan.region ? { region: plan.region } : {}),
      ...(root.accountId ? { accountId: root.accountId } : {}),
    };
  }
  return resolveTarget(services, name, planFlags);
}
