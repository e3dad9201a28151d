// The first link of every chain: keys from a file, the environment, a process, the instance, SSO or a
// web identity token. Each failure names the profile and what to do.
import { readFileSync } from 'node:fs';
import type { Credentials } from '../aws/credentials.js';
import type { Clock } from '../config/clock.js';
import { ExternalCommandError, ProfileConfigError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import type { RootSource } from '../config/credential-chain.js';
import { clip, headOf, redact, rememberSecrets } from '../config/redact.js';
import { COMMAND_TIMEOUT_MS, MAX_COMMAND_OUTPUT_BYTES, runShellCommand, type CommandResult } from './run-command.js';

export interface RootContext {
  env: Env;
  clock: Clock;
  signal?: AbortSignal;
  /** Resolves SSO roots (the SSO service provides it). */
  ssoCredentials: (root: Extract<RootSource, { kind: 'sso' }>, signal?: AbortSignal) => Promise<Credentials>;
  webIdentity: (
    root: Extract<RootSource, { kind: 'web-identity' }>,
    token: string,
    signal?: AbortSignal,
  ) => Promise<{ credentials: Credentials; arn?: string }>;
  instance: (source: 'Ec2InstanceMetadata' | 'EcsContainer', profile: string) => Promise<Credentials>;
  /** Resolves `aws login` roots (the login-session service provides it). */
  loginCredentials: (root: Extract<RootSource, { kind: 'login' }>, signal?: AbortSignal) => Promise<Credentials>;
  /** Reads a keyring root's long-term keys (for STS only: the engine never hands them out). */
  keyring: (root: Extract<RootSource, { kind: 'keyring' }>) => Promise<Credentials>;
}

export interface RootResult {
  credentials: Credentials;
  arn?: string;
}

export async function resolveRoot(root: RootSource, ctx: RootContext): Promise<RootResult> {
  switch (root.kind) {
    case 'static':
      rememberSecrets(root.secretAccessKey, root.sessionToken);
      return {
        credentials: {
          accessKeyId: root.accessKeyId,
          secretAccessKey: root.secretAccessKey,
          sessionToken: root.sessionToken,
        },
      };
    case 'credential-source':
      if (root.source === 'Environment') return { credentials: environmentCredentials(ctx.env, root.profile) };
      return { credentials: await ctx.instance(root.source, root.profile) };
    case 'process':
      return { credentials: await processCredentials(root.command, root.profile, ctx) };
    case 'sso':
      return { credentials: await ctx.ssoCredentials(root, ctx.signal) };
    case 'login':
      return { credentials: await ctx.loginCredentials(root, ctx.signal) };
    case 'keyring':
      return { credentials: await ctx.keyring(root) };
    case 'web-identity': {
      let token: string;
      try {
        token = readFileSync(root.tokenFile, 'utf8').trim();
      } catch {
        throw new ProfileConfigError(
          `profile "${root.profile}": cannot read web_identity_token_file ${root.tokenFile}`,
          { profile: root.profile, hint: 'check the path and its permissions' },
        );
      }
      return ctx.webIdentity(root, token, ctx.signal);
    }
  }
}

export function environmentCredentials(env: Env, profile: string): Credentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new ProfileConfigError(
      `profile "${profile}" takes credentials from the environment, ` +
        'but AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set',
      {
        profile,
        hint: 'export the keys first, or use source_profile',
      },
    );
  }
  const expiration = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
  if (expiration && Number.isNaN(expiration.getTime())) {
    const value = clip(env.AWS_CREDENTIAL_EXPIRATION!, 60);
    throw new ProfileConfigError(`profile "${profile}": AWS_CREDENTIAL_EXPIRATION "${value}" is not an ISO 8601 time`, {
      profile,
      hint: 'fix or unset AWS_CREDENTIAL_EXPIRATION',
    });
  }
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined, expiration };
}

/** What a failing command said, for its error line: its last few non-empty stderr lines (userLine redacts them). */
function stderrTail(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines
    .slice(-3)
    .map((l) => clip(redact(headOf(l))))
    .join(' | ');
}

function exitCause(result: CommandResult): string {
  if (result.timedOut) return `did not finish within ${COMMAND_TIMEOUT_MS / 1000} s and was stopped`;
  if (result.overflow) return `printed more than ${MAX_COMMAND_OUTPUT_BYTES / 1048576} MiB and was stopped`;
  const how = result.code === null ? `was killed by ${result.signal ?? 'a signal'}` : `exited with code ${result.code}`;
  const said = stderrTail(result.stderr);
  return said ? `${how}: ${said}` : how;
}

async function processCredentials(command: string, profile: string, ctx: RootContext): Promise<Credentials> {
  const fail = (cause: string, hint: string): ExternalCommandError =>
    new ExternalCommandError(`profile "${profile}": credential_process ${cause}`, { profile, hint });
  const result = await runShellCommand(command, { signal: ctx.signal, env: ctx.env });
  if (result.code !== 0 || result.timedOut || result.overflow) {
    throw fail(exitCause(result), 'run the command by hand to see why');
  }
  return parseProcessOutput(result.stdout, fail, ctx.clock.now());
}

/** The credential_process contract: a JSON object with Version 1, the keys, and an optional ISO 8601 Expiration. */
export function parseProcessOutput(
  stdout: string,
  fail: (cause: string, hint: string) => Error,
  now: number,
): Credentials {
  const contract =
    'it must print a JSON object with Version 1, AccessKeyId and SecretAccessKey, ' +
    'and optionally SessionToken and an ISO 8601 Expiration';
  let out: unknown;
  try {
    out = JSON.parse(stdout);
  } catch {
    throw fail('did not print JSON', contract);
  }
  if (typeof out !== 'object' || out === null || Array.isArray(out)) {
    const what = out === null ? 'null' : Array.isArray(out) ? 'an array' : typeof out;
    throw fail(`printed ${what} instead of a JSON object`, contract);
  }
  const o = out as Record<string, unknown>;
  if (o.Version !== 1)
    throw fail('printed JSON without "Version": 1', 'the credential_process contract requires Version 1');
  for (const field of ['AccessKeyId', 'SecretAccessKey'] as const) {
    if (typeof o[field] !== 'string' || o[field] === '')
      throw fail(`printed no "${field}" (a non-empty string)`, contract);
  }
  if (o.SessionToken !== undefined && o.SessionToken !== null && typeof o.SessionToken !== 'string') {
    throw fail('printed a "SessionToken" that is not a string', contract);
  }
  let expiration: Date | undefined;
  if (o.Expiration !== undefined && o.Expiration !== null) {
    expiration = typeof o.Expiration === 'string' ? new Date(o.Expiration) : new Date(Number.NaN);
    if (Number.isNaN(expiration.getTime())) {
      throw fail(
        `printed "Expiration": ${clip(JSON.stringify(o.Expiration), 60)}, which is not an ISO 8601 time`,
        contract,
      );
    }
    if (expiration.getTime() <= now) {
      throw fail(`returned credentials that expired at ${expiration.toISOString()}`, 'fix the command or its cache');
    }
  }
  rememberSecrets(o.SecretAccessKey as string, typeof o.SessionToken === 'string' ? o.SessionToken : undefined);
  return {
    accessKeyId: o.AccessKeyId as string,
    secretAccessKey: o.SecretAccessKey as string,
    sessionToken: typeof o.SessionToken === 'string' && o.SessionToken !== '' ? o.SessionToken : undefined,
    expiration,
  };
}

/** Roots whose credentials cost a call (reported as a progress step). */
export function rootNeedsCall(root: RootSource): boolean {
  return (
    root.kind === 'sso' ||
    root.kind === 'web-identity' ||
    root.kind === 'process' ||
    root.kind === 'login' ||
    (root.kind === 'credential-source' && root.source !== 'Environment')
  );
}

export function rootAccount(root: RootSource): string | undefined {
  if (root.kind === 'static') return root.accountId;
  if (root.kind === 'sso') return root.accountId;
  if (root.kind === 'web-identity') return root.hop.accountId;
  return undefined;
}

export function rootRegion(root: RootSource): string | undefined {
  return 'region' in root ? root.region : undefined;
}
