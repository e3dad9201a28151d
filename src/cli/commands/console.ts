// awsx console [TARGET]: sign in to the AWS console as TARGET (or the environment's identity) and open it.
import { systemClock } from '../../config/clock.js';
import { InputError } from '../../config/errors.js';
import { defaultProfileName, profileEnvNote, envRegion, type Env } from '../../config/paths.js';
import type { RootSource } from '../../config/credential-chain.js';
import { parseDuration } from '../../config/validate.js';
import { expandRegion } from '../../config/region-codes.js';
import { forgetProfile } from '../../console/chromium-profile.js';
import { linkFor, openPrepared, placeOf, prepareOpen } from '../../console/browser.js';
import type { ConsoleMode, PreparedOpen } from '../../console/browser.js';
import { copyReport, copySecret } from '../../console/copy.js';
import {
  checkConsoleTarget,
  CONSOLE_SESSION_MIN,
  consoleSettings,
  consoleUrlForSession,
} from '../../console/signin.js';
import { FEDERATION_TOKEN_MAX, type ConsoleOptions } from '../../console/signin.js';
import { userLine } from '../../config/redact.js';
import { createServices, type Services } from '../../credentials/context.js';
import type { Session } from '../../credentials/engine.js';
import { credentialsKind } from '../../credentials/kind.js';
import { environmentCredentials } from '../../credentials/roots.js';
import { clearClipboardAfter } from '../clear-clipboard-after.js';
import { terminalPassphraseProvider } from '../secret-prompt.js';
import { planFor, resolveTarget } from '../target-options.js';
import type { TargetFlags } from '../target-flags.js';

export interface ConsoleFlags extends TargetFlags {
  destination?: string;
  service?: string;
  print?: boolean;
  copy?: boolean;
  browser?: string;
  signout?: boolean;
  /** true: --isolate; false: --no-isolate (the default browser, whatever the config says). */
  isolate?: boolean;
  container?: boolean;
  forget?: boolean;
}

const notice = (message: string): void => {
  process.stderr.write(`awsx: note: ${userLine(message)}\n`);
};

export async function consoleCommand(target: string | undefined, given: ConsoleFlags, env: Env): Promise<number> {
  if (given.forget) return forgetCommand(target, given, env);
  const flags = checkFlags(given);
  let duration: number | undefined;
  if (flags.duration !== undefined) {
    duration = parseDuration(flags.duration);
    if (duration === undefined)
      throw new InputError(`--duration "${flags.duration}" is not a duration`, {
        hint: 'use seconds (3600) or 1h, 90m',
      });
    if (duration < CONSOLE_SESSION_MIN || duration > FEDERATION_TOKEN_MAX) {
      throw new InputError(`--duration ${duration} is outside ${CONSOLE_SESSION_MIN}-${FEDERATION_TOKEN_MAX} seconds`, {
        hint: 'a console session lasts 15 min to 12 h (36 h for IAM user keys)',
      });
    }
  }
  if (flags.browser !== undefined && !flags.browser.trim())
    throw new InputError('--browser needs a command', { hint: "e.g. --browser 'firefox --private-window'" });
  const explicit: ConsoleMode | undefined = flags.container
    ? 'container'
    : flags.isolate === true
      ? 'isolate'
      : flags.isolate === false
        ? 'default'
        : undefined;
  const deliver = flags.print || flags.copy;
  let prepared: PreparedOpen | undefined;
  let settings: ReturnType<typeof consoleSettings> | undefined;
  // Settings and the browser are checked once the identity is known, before any credentials are fetched.
  const session = await consoleSession(createServices(env, systemClock), target, flags, env, (who) => {
    settings = consoleSettings(env, who, explicit);
    if (deliver) return;
    prepared = prepareOpen({
      mode: settings.mode,
      look: settings.look,
      env,
      ...(flags.browser !== undefined ? { browser: flags.browser } : {}),
      ...(who.profile ? { profile: who.profile } : {}),
    });
  });
  const options: ConsoleOptions = {
    onNotice: notice,
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.destination !== undefined ? { destination: flags.destination } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(flags.browser !== undefined ? { browser: flags.browser } : {}),
    ...(flags.signout ? { signout: true } : {}),
  };
  const url = await consoleUrlForSession(env, session, options);
  const { look, mode } = settings!;
  if (deliver) {
    const link = linkFor(url, mode, look, env);
    if (flags.print) process.stdout.write(`${link}\n`);
    if (flags.copy) await copyLink(link, session.label, mode === 'container', env);
    return 0;
  }
  await openPrepared(url, prepared!);
  process.stderr.write(`awsx: opened the AWS console as ${session.label} in ${placeOf(prepared!)}\n`);
  return 0;
}

/** -s is --destination by another name; --region takes short codes (ue1). */
function checkFlags(flags: ConsoleFlags): ConsoleFlags {
  if (flags.service !== undefined && flags.destination !== undefined) {
    throw new InputError('give -s/--service or --destination, not both', { hint: 'both name where the console opens' });
  }
  if (flags.isolate === true && flags.container) {
    throw new InputError('give --isolate or --container, not both', {
      hint: '--isolate: a Chromium profile per identity; --container: a Firefox container per identity',
    });
  }
  return {
    ...flags,
    ...(flags.service !== undefined ? { destination: flags.service } : {}),
    ...(flags.region !== undefined ? { region: expandRegion(flags.region) } : {}),
  };
}

async function copyLink(link: string, label: string, container: boolean, env: Env): Promise<void> {
  const what = `the ${container ? 'Firefox container link' : 'sign-in URL'} for ${label}`;
  const clearAfter = clearClipboardAfter(env);
  const terminal = process.stderr.isTTY ? { terminal: process.stderr } : {};
  const outcome = await copySecret(link, what, { env, clearAfter, ...terminal });
  const report = copyReport(outcome, what, clearAfter);
  process.stderr.write(`awsx: ${report}. It is a secret: whoever opens it within 15 minutes is signed in.\n`);
}

/** --forget: removes the identity's isolated browser profile (no sign-in). */
function forgetCommand(target: string | undefined, flags: ConsoleFlags, env: Env): number {
  const name = target ?? flags.profile ?? defaultProfileName(env);
  let label = name;
  try {
    const profile = target === undefined ? undefined : flags.profile;
    label = planFor(createServices(env, systemClock), name, { ...flags, profile }).label;
  } catch {
    // a profile gone from the config can still have its folder removed under its name
  }
  const { dir, removed } = forgetProfile(env, label);
  process.stderr.write(
    removed
      ? `awsx: removed the isolated browser profile of ${label} (${dir})\n`
      : `awsx: ${label} has no isolated browser profile (${dir})\n`,
  );
  return 0;
}

/**
 * The identity to sign in as. --duration is the console's, not the role session's: it is kept out of the
 * plan so cached role sessions are reused. IAM user keys are taken as they are, without the MFA session a
 * profile may have (GetSessionToken credentials cannot sign in).
 */
async function consoleSession(
  services: Services,
  target: string | undefined,
  flags: ConsoleFlags,
  env: Env,
  known: (who: { label: string; profile?: string }) => void,
): Promise<Session> {
  if (target === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !flags.profile) {
    const credentials = environmentCredentials(env, '(environment)');
    const region = flags.region ?? envRegion(env);
    checkConsoleTarget({ label: '(environment)', ...(region ? { region } : {}) }, flags.destination);
    known({ label: '(environment)' });
    return {
      label: '(environment)',
      chain: ['(environment)'],
      credentials,
      fromCache: false,
      kind: credentialsKind(credentials),
      ...(region ? { region } : {}),
    };
  }
  if (target === undefined && flags.profile === undefined) process.stderr.write(profileEnvNote(env));
  const name = target ?? flags.profile ?? defaultProfileName(env);
  const planFlags: TargetFlags = {
    ...flags,
    duration: undefined,
    profile: target === undefined ? undefined : flags.profile,
  };
  const plan = planFor(services, name, planFlags);
  const root = plan.root;
  const roleArn = plan.hops[plan.hops.length - 1]?.roleArn;
  checkConsoleTarget(
    {
      label: plan.label,
      ...(plan.profile ? { profile: plan.profile } : {}),
      ...(plan.region ? { region: plan.region } : {}),
      ...(roleArn ? { arn: roleArn } : {}),
    },
    flags.destination,
  );
  known({ label: plan.label, ...(plan.profile ? { profile: plan.profile } : {}) });
  if (((root.kind === 'static' && !root.sessionToken) || root.kind === 'keyring') && plan.hops.length === 0) {
    if (root.mfaSerial)
      notice(
        `${plan.label}: an MFA session cannot sign in to the console; ` +
          "signing in with the profile's long-term keys, so the console session does not carry MFA",
      );
    // The keys go to STS alone (GetFederationToken); a keyring profile's are read for that call only.
    const credentials =
      root.kind === 'keyring'
        ? await keyringKeys(root, env)
        : { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey };
    return {
      label: plan.label,
      chain: plan.chain,
      credentials,
      fromCache: false,
      kind: 'long-term',
      ...(plan.profile ? { profile: plan.profile } : {}),
      ...(plan.region ? { region: plan.region } : {}),
      ...(root.kind === 'static' && root.accountId ? { accountId: root.accountId } : {}),
    };
  }
  return resolveTarget(services, name, planFlags);
}

async function keyringKeys(root: Extract<RootSource, { kind: 'keyring' }>, env: Env): Promise<Session['credentials']> {
  const passphrase = terminalPassphraseProvider();
  return (await import('../../keys/store.js')).keyringCredentials(root, env, passphrase);
}
