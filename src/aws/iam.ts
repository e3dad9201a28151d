// The IAM operations `awsx keys` uses, each on the caller's own user (no UserName: IAM takes the user the
// request is signed as). Failures become one-line errors naming the profile.
import { CreateAccessKeyCommand, DeleteAccessKeyCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { httpOptions, maxAttempts, type ClientOptions } from './clients.js';
import type { Credentials } from './credentials.js';
import { describeAwsError, type CallContext } from './errors.js';

export interface IamCallOptions extends ClientOptions {
  signal?: AbortSignal;
  context: Omit<CallContext, 'service'>;
}

export interface AccessKeyInfo {
  accessKeyId: string;
  status: string;
  createDate?: Date;
  userName?: string;
}

export interface NewAccessKey extends AccessKeyInfo {
  secretAccessKey: string;
}

function iamClient(credentials: Credentials, options: ClientOptions): IAMClient {
  return new IAMClient({
    // IAM is global: its endpoint is us-east-1's for the aws partition (AWS_ENDPOINT_URL_IAM overrides it).
    region: options.region,
    ...(options.profile ? { profile: options.profile } : {}),
    credentials,
    maxAttempts: maxAttempts(),
    retryMode: 'standard',
    requestHandler: httpOptions(),
  });
}

async function call<T>(options: IamCallOptions, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw describeAwsError(error, { ...options.context, service: 'IAM' });
  }
}

/** The raw SDK error of a call, for callers that react to IAM's error codes (LimitExceeded, NoSuchEntity). */
export function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { name?: string } }).cause;
  return (error as { code?: string }).code ?? cause?.name;
}

export function listAccessKeys(credentials: Credentials, options: IamCallOptions): Promise<AccessKeyInfo[]> {
  return call(options, async () => {
    const out = await iamClient(credentials, options).send(new ListAccessKeysCommand({}), {
      abortSignal: options.signal,
    });
    return (out.AccessKeyMetadata ?? []).map((k) => ({
      accessKeyId: k.AccessKeyId ?? '',
      status: k.Status ?? '',
      ...(k.CreateDate ? { createDate: k.CreateDate } : {}),
      ...(k.UserName ? { userName: k.UserName } : {}),
    }));
  });
}

export function createAccessKey(credentials: Credentials, options: IamCallOptions): Promise<NewAccessKey> {
  return call(options, async () => {
    const out = await iamClient(credentials, options).send(new CreateAccessKeyCommand({}), {
      abortSignal: options.signal,
    });
    const k = out.AccessKey;
    if (!k?.AccessKeyId || !k.SecretAccessKey) throw new Error('IAM returned no access key');
    return {
      accessKeyId: k.AccessKeyId,
      secretAccessKey: k.SecretAccessKey,
      status: k.Status ?? '',
      ...(k.CreateDate ? { createDate: k.CreateDate } : {}),
      ...(k.UserName ? { userName: k.UserName } : {}),
    };
  });
}

export function deleteAccessKey(credentials: Credentials, accessKeyId: string, options: IamCallOptions): Promise<void> {
  return call(options, async () => {
    await iamClient(credentials, options).send(new DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }), {
      abortSignal: options.signal,
    });
  });
}
