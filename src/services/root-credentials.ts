// The first link of every chain: keys from a file, the environment, a process, the instance, SSO or a
// web identity token. Each failure names the profile and what to do.
import { readFileSync } from 'node:fs';
import type { Credentials } from '../aws/credentials.js';
import { ExternalCommandError, ProfileConfigError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import type { RootSource } from '../config/profile-graph.js';
import { runShellCommand } from './run-command.js';

export interface RootContext {
  env: Env;
  signal?: AbortSignal;
  /** Resolves SSO roots (the SSO service provides it). */
  ssoCredentials: (root: Extract<RootSource, { kind: 'sso' }>, signal?: AbortSignal) => Promise<Credentials>;
  webIdentity: (root: Extract<RootSource, { kind: 'web-identity' }>, token: string, signal?: AbortSignal) => Promise<{ credentials: Credentials; arn?: string }>;
  instance: (source: 'Ec2InstanceMetadata' | 'EcsContainer', profile: string) => Promise<Credentials>;
  /** Resolves `aws login` roots (the login-session service provides it). */
  loginCredentials: (root: Extract<RootSource, { kind: 'login' }>, signal?: AbortSignal) => Promise<Credentials>;
}

export interface RootResult {
  credentials: Credentials;
  arn?: string;
}

export async function resolveRoot(root: RootSource, ctx: RootContext): Promise<RootResult> {
  switch (root.kind) {
    case 'static':
      return { credentials: { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey, sessionToken: root.sessionToken } };
    case 'credential-source':
      if (root.source === 'Environment') return { credentials: environmentCredentials(ctx.env, root.profile) };
      return { credentials: await ctx.instance(root.source, root.profile) };
    case 'process':
      return { credentials: await processCredentials(root.command, root.profile, ctx) };
    case 'sso':
      return { credentials: await ctx.ssoCredentials(root, ctx.signal) };
    case 'login':
      return { credentials: await ctx.loginCredentials(root, ctx.signal) };
    case 'web-identity': {
      let token: string;
      try {
        token = readFileSync(root.tokenFile, 'utf8').trim();
      } catch {
        throw new ProfileConfigError(`profile "${root.profile}": cannot read web_identity_token_file ${root.tokenFile}`, { profile: root.profile, hint: 'check the path and its permissions' });
      }
      return ctx.webIdentity(root, token, ctx.signal);
    }
  }
}

export function environmentCredentials(env: Env, profile: string): Credentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new ProfileConfigError(`profile "${profile}" takes credentials from the environment, but AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set`, {
      profile,
      hint: 'export the keys first, or use source_profile',
    });
  }
  const expiration = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined, expiration };
}

interface ProcessOutput {
  Version?: unknown;
  AccessKeyId?: unknown;
  SecretAccessKey?: unknown;
  SessionToken?: unknown;
  Expiration?: unknown;
}

async function processCredentials(command: string, profile: string, ctx: RootContext): Promise<Credentials> {
  const fail = (cause: string, hint: string): ExternalCommandError => new ExternalCommandError(`profile "${profile}": credential_process ${cause}`, { profile, hint });
  const result = await runShellCommand(command, { signal: ctx.signal, env: ctx.env as NodeJS.ProcessEnv });
  if (result.code !== 0) {
    const firstLine = result.stderr.trim().split('\n')[0]?.slice(0, 200) ?? '';
    throw fail(`exited with code ${result.code}${firstLine ? `: ${firstLine}` : ''}`, 'run the command by hand to see why');
  }
  let out: ProcessOutput;
  try {
    out = JSON.parse(result.stdout) as ProcessOutput;
  } catch {
    throw fail('did not print JSON', 'it must print {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...}');
  }
  if (out.Version !== 1) throw fail('printed JSON without "Version": 1', 'the credential_process contract requires Version 1');
  if (typeof out.AccessKeyId !== 'string' || typeof out.SecretAccessKey !== 'string') throw fail('printed no AccessKeyId/SecretAccessKey', 'fix the command output');
  const expiration = typeof out.Expiration === 'string' ? new Date(out.Expiration) : undefined;
  if (expiration && expiration.getTime() <= Date.now()) throw fail('returned credentials that have already expired', 'fix the command or its cache');
  return {
    accessKeyId: out.AccessKeyId,
    secretAccessKey: out.SecretAccessKey,
    sessionToken: typeof out.SessionToken === 'string' ? out.SessionToken : undefined,
    expiration,
  };
}

/** Roots whose credentials cost a call (reported as a progress step). */
export function rootNeedsCall(root: RootSource): boolean {
  return root.kind === 'sso' || root.kind === 'web-identity' || root.kind === 'process' || root.kind === 'login' || (root.kind === 'credential-source' && root.source !== 'Environment');
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
