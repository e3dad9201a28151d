// awsx exec TARGET -- CMD: run CMD with the identity in its environment; exit with CMD's exit code.
// With --server, CMD gets a loopback credential endpoint instead of keys, and awsx keeps it fresh.
import { systemClock } from '../../config/clock.js';
import { awsxCacheDir, type Env } from '../../config/paths.js';
import { debugLog, userLine } from '../../config/redact.js';
import { createServices, type Services } from '../../credentials/context.js';
import { defaultShell } from '../../shell/default-shell.js';
import { isoSeconds } from '../../credentials/export-format.js';
import { withoutHandoff } from '../../shell/handoff-env.js';
import type { ResolveHooks } from '../../credentials/engine-deps.js';
import type { CredentialServer } from '../../server/credential-server.js';
import { MfaRequiredError, type MfaCodeProvider } from '../../credentials/mfa-code.js';
import { PROMPT_EXPIRATION_VARIABLE, PROMPT_PROFILE_VARIABLE } from '../../shell/prompt-variables.js';
import { childEnvironment, runChild } from '../child-process.js';
import { errorLine } from '../report-error.js';
import { planFor, planOptions, resolveTarget } from '../target-options.js';
import type { TargetFlags } from '../target-flags.js';
import { terminalMfaProvider } from '../terminal-prompt.js';

export interface ExecFlags extends TargetFlags {
  server?: boolean;
}

/** Variables that give an SDK credentials (or pick a profile that does) ahead of the container endpoint. */
const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CREDENTIAL_FILE',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  // Opens every key in awsx's encrypted key file: never handed to CMD.
  'AWSX_KEYS_PASSPHRASE',
];

/** CMD's environment with --server: no credential variable at all, only the endpoint, its token and the region. */
export function serverChildEnvironment(
  base: Env,
  server: Pick<CredentialServer, 'url' | 'token' | 'label' | 'region'>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = withoutHandoff(base);
  for (const key of CREDENTIAL_VARIABLES) delete env[key];
  env.AWS_CONTAINER_CREDENTIALS_FULL_URI = server.url;
  env.AWS_CONTAINER_AUTHORIZATION_TOKEN = server.token;
  if (server.region) env.AWS_REGION = env.AWS_DEFAULT_REGION = server.region;
  env[PROMPT_PROFILE_VARIABLE] = server.label;
  delete env[PROMPT_EXPIRATION_VARIABLE];
  env.AWSX_IDENTITY = server.label;
  return env;
}

export async function execCommand(target: string, command: string[], flags: ExecFlags, env: Env): Promise<number> {
  const services = createServices(env, systemClock);
  const [cmd, ...args] = command.length > 0 ? command : [defaultShell(env)];
  if (flags.server) return execWithServer(services, target, cmd!, args, flags);
  const session = await resolveTarget(services, target, flags);
  return runChild(cmd!, args, childEnvironment(env, session));
}

/** One line for a failed renewal: what failed, until when CMD is still fine, when awsx tries again, the fix. */
export function renewalFailureLine(
  label: string,
  error: unknown,
  retryAt: number,
  expiresAt: number | undefined,
): string {
  const iso = (ms: number): string => isoSeconds(new Date(ms));
  const meanwhile =
    expiresAt !== undefined && expiresAt > retryAt
      ? `the current credentials work until ${iso(expiresAt)}`
      : 'CMD has no valid credentials meanwhile';
  const state = `${meanwhile}; next try at ${iso(retryAt)}`;
  if (error instanceof MfaRequiredError) {
    const who = error.profile ? `profile "${error.profile}"` : label;
    return (
      `awsx: cannot renew ${label}: ${who} needs a new MFA code and there is no terminal to ask on; ${state} ` +
      '(set mfa_process = <command printing the code> in the profile)'
    );
  }
  const line = errorLine(error).replace(/^awsx: /, '');
  return `awsx: cannot renew ${label} (${state}): ${line}`;
}

function serverHooks(services: Services, flags: TargetFlags, renewing: () => string | undefined): ResolveHooks {
  const { duration } = planOptions(flags);
  const terminal = terminalMfaProvider();
  // A prompt in the middle of CMD's output says what it is for.
  const provider: MfaCodeProvider | undefined = terminal
    ? (request) => {
        const why = request.attempt === 1 ? renewing() : undefined;
        if (why) process.stderr.write(`awsx: ${why}\n`);
        return terminal(request);
      }
    : undefined;
  return {
    noCache: !flags.cache,
    onEvent: (event) => {
      if (event.type === 'notice') process.stderr.write(`awsx: note: ${userLine(event.message)}\n`);
      else debugLog(`step ${event.index + 1}/${event.total} ${event.status}: ${event.label}`, services.env);
    },
    ...(flags.mfaCode !== undefined ? { mfaCode: flags.mfaCode } : {}),
    ...(flags.ssoAccessToken !== undefined ? { ssoAccessToken: flags.ssoAccessToken } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(provider ? { mfaCodeProvider: provider } : {}),
  };
}

async function execWithServer(
  services: Services,
  target: string,
  cmd: string,
  args: string[],
  flags: ExecFlags,
): Promise<number> {
  const env = services.env;
  const { startCredentialServer } = await import('../../server/credential-server.js');
  const plan = planFor(services, target, flags);
  // Ctrl-C or SIGTERM before CMD starts cancels the first resolve cleanly (exit 130), as in plain exec.
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  let server: CredentialServer | undefined;
  const renewing = (): string | undefined => {
    const expiresAt = server?.status().expiresAt;
    return server && expiresAt !== undefined
      ? `renewing the credentials of ${plan.label} for CMD ` +
          `(the current ones expire at ${isoSeconds(new Date(expiresAt))})`
      : undefined;
  };
  try {
    server = await startCredentialServer({
      env,
      clock: services.clock,
      cacheDir: awsxCacheDir(env),
      plan,
      hooks: serverHooks(services, flags, renewing),
      signal: controller.signal,
      onFailure: (error, retryAt, expiresAt) =>
        process.stderr.write(`${renewalFailureLine(plan.label, error, retryAt, expiresAt)}\n`),
      onRenewed: (fresh) =>
        debugLog(`renewed ${plan.label}: valid until ${isoSeconds(new Date(fresh.expiresAt))}`, env),
    });
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
  try {
    const shadow = services.graph.get('default');
    if (shadow && shadow.kind !== 'empty') {
      process.stderr.write(
        'awsx: warning: profile "default" has credentials of its own, and AWS SDKs in CMD use them before the ' +
          'credential server (rename [default], or run exec without --server)\n',
      );
    }
    debugLog(`credential server for ${server.label} on ${server.url}`, env);
    return await runChild(cmd, args, serverChildEnvironment(env, server));
  } finally {
    await server.close();
  }
}
