// STS operations awsx uses, each wrapped so failures become one-line errors naming the profile and cause.
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  type Credentials as StsCredentials,
} from '@aws-sdk/client-sts';
import { stsClient, type ClientOptions } from './clients.js';
import type { Credentials } from './credentials.js';
import { describeAwsError, type CallContext } from './errors.js';
import { checkAnsweredExpiry } from './expiry.js';
import { systemClock, type Clock } from '../config/clock.js';
import { rememberSecrets } from '../config/redact.js';

export interface CallOptions extends ClientOptions {
  signal?: AbortSignal;
  context: Omit<CallContext, 'service'>;
  /** The time an answer's expiry is judged at (default: the machine's clock). */
  clock?: Clock;
}

export interface AssumeRoleParams {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds?: number;
  ExternalId?: string;
  SerialNumber?: string;
  TokenCode?: string;
  SourceIdentity?: string;
}

export interface AssumedRole {
  credentials: Credentials;
  arn?: string;
  sourceIdentity?: string;
}

function toCredentials(c: StsCredentials | undefined, options: CallOptions): Credentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('STS returned no credentials');
  rememberSecrets(c.SecretAccessKey, c.SessionToken);
  checkAnsweredExpiry('STS', c.Expiration, (options.clock ?? systemClock).now());
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
}

async function call<T>(options: CallOptions, fn: () => Promise<T>, source?: Credentials): Promise<T> {
  // An endpoint may echo what a request carried: no line awsx shows may repeat it.
  if (source) rememberSecrets(source.secretAccessKey, source.sessionToken);
  try {
    return await fn();
  } catch (error) {
    throw describeAwsError(error, { ...options.context, service: 'STS' });
  }
}

export function assumeRole(source: Credentials, params: AssumeRoleParams, options: CallOptions): Promise<AssumedRole> {
  return call(
    options,
    async () => {
      const out = await stsClient(source, options).send(new AssumeRoleCommand(params), { abortSignal: options.signal });
      return {
        credentials: toCredentials(out.Credentials, options),
        arn: out.AssumedRoleUser?.Arn,
        sourceIdentity: out.SourceIdentity,
      };
    },
    source,
  );
}

export function assumeRoleWithWebIdentity(
  params: { RoleArn: string; RoleSessionName: string; WebIdentityToken: string; DurationSeconds?: number },
  options: CallOptions,
): Promise<AssumedRole> {
  return call(options, async () => {
    const out = await stsClient(undefined, options).send(new AssumeRoleWithWebIdentityCommand(params), {
      abortSignal: options.signal,
    });
    return { credentials: toCredentials(out.Credentials, options), arn: out.AssumedRoleUser?.Arn };
  });
}

export function getSessionToken(
  source: Credentials,
  params: { DurationSeconds?: number; SerialNumber?: string; TokenCode?: string },
  options: CallOptions,
): Promise<Credentials> {
  return call(
    options,
    async () => {
      const out = await stsClient(source, options).send(new GetSessionTokenCommand(params), {
        abortSignal: options.signal,
      });
      return toCredentials(out.Credentials, options);
    },
    source,
  );
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export function getCallerIdentity(creds: Credentials, options: CallOptions): Promise<CallerIdentity> {
  return call(
    options,
    async () => {
      const out = await stsClient(creds, options).send(new GetCallerIdentityCommand({}), {
        abortSignal: options.signal,
      });
      return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
    },
    creds,
  );
}

export function getFederationToken(
  source: Credentials,
  params: { Name: string; Policy?: string; DurationSeconds?: number },
  options: CallOptions,
): Promise<AssumedRole> {
  return call(
    options,
    async () => {
      const out = await stsClient(source, options).send(new GetFederationTokenCommand(params), {
        abortSignal: options.signal,
      });
      return { credentials: toCredentials(out.Credentials, options), arn: out.FederatedUser?.Arn };
    },
    source,
  );
}
