// The AWS calls of `awsx keys`: STS to check a key (GetCallerIdentity, retried while IAM spreads a new key),
// an MFA session for IAM when the user has an MFA device (IAM policies commonly deny key management
// without MFA), and IAM's key operations. The SDK modules load only here.
import type { Credentials } from '../aws/credentials.js';
import { AwsCallError } from '../aws/errors.js';
import type { CallerIdentity } from '../aws/sts.js';
import type { Clock } from '../config/clock.js';
import { arnAccount } from '../config/validate.js';
import type { Env } from '../config/paths.js';
import type { PassphraseProvider } from './passphrase.js';
import { MfaCodeSource, type MfaHooks } from '../credentials/mfa-attempts.js';
import { maskKeyId } from './store.js';

export interface KeysDeps {
  env: Env;
  clock: Clock;
  /** One line for the user (stderr). */
  note: (text: string) => void;
  passphrase?: PassphraseProvider;
  mfa?: MfaHooks;
  sts?: () => Promise<Pick<typeof import('../aws/sts.js'), 'getCallerIdentity' | 'getSessionToken'>>;
  iam?: () => Promise<Pick<typeof import('../aws/iam.js'), 'listAccessKeys' | 'createAccessKey' | 'deleteAccessKey'>>;
  sleep?: (ms: number) => Promise<void>;
  /** How long a new key may take to work (IAM is eventually consistent); default 60 s (AWSX_KEY_VERIFY_SECONDS). */
  verifyTimeoutMs?: number;
}

const sts = (deps: KeysDeps) => (deps.sts ?? (() => import('../aws/sts.js')))();
export const iamApi = (deps: KeysDeps) => (deps.iam ?? (() => import('../aws/iam.js')))();
const sleep = (deps: KeysDeps, ms: number): Promise<void> =>
  (deps.sleep ?? ((t) => new Promise((r) => setTimeout(r, t))))(ms);

export function stsRegion(env: Env, profileRegion?: string): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || profileRegion || 'us-east-1';
}

/** IAM's region for a user's partition (its endpoint is global; the SDK signs for this region). */
export function iamRegion(userArn: string | undefined): string {
  const partition = userArn ? arnAccount(userArn)?.partition : undefined;
  return partition === 'aws-cn' ? 'cn-north-1' : partition === 'aws-us-gov' ? 'us-gov-west-1' : 'us-east-1';
}

/** GetCallerIdentity with the key: STS says whether the key works, and whose it is. */
export async function callerOf(
  deps: KeysDeps,
  key: Credentials,
  profile: string,
  region?: string,
): Promise<CallerIdentity> {
  const api = await sts(deps);
  return api.getCallerIdentity(key, {
    region: stsRegion(deps.env, region),
    context: { profile, action: `checking the key ${maskKeyId(key.accessKeyId)} with STS (GetCallerIdentity)` },
  });
}

const NOT_YET = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'AuthFailure',
]);

/** Whether IAM may simply not have spread the key yet. */
export function notYetValid(error: unknown): boolean {
  return error instanceof AwsCallError && NOT_YET.has(error.code);
}

/** Waits until a new key works (retries with backoff while STS does not know it yet), within a bound. */
export async function waitUntilWorks(
  deps: KeysDeps,
  key: Credentials,
  profile: string,
  region?: string,
): Promise<CallerIdentity> {
  const now = (): number => deps.clock.now();
  const bound =
    deps.verifyTimeoutMs ??
    (Number(deps.env.AWSX_KEY_VERIFY_SECONDS) > 0 ? Number(deps.env.AWSX_KEY_VERIFY_SECONDS) * 1000 : 60_000);
  const deadline = now() + bound;
  for (let delay = 500; ; delay = Math.min(delay * 2, 8_000)) {
    try {
      return await callerOf(deps, key, profile, region);
    } catch (error) {
      if (!notYetValid(error) || now() + delay > deadline) throw error;
      await sleep(deps, delay);
    }
  }
}

/**
 * Credentials for IAM calls: the key itself, or an MFA session made with it when the user has an MFA device
 * (an MFA session may call IAM; a session without MFA may not).
 */
export async function iamCredentials(
  deps: KeysDeps,
  key: Credentials,
  profile: string,
  mfaSerial: string | undefined,
  mfaProcess: string | undefined,
  region?: string,
): Promise<Credentials> {
  if (!mfaSerial) return key;
  const api = await sts(deps);
  const codes = new MfaCodeSource(deps.mfa ?? {});
  return codes.withCode(mfaSerial, profile, mfaProcess, (code) =>
    api.getSessionToken(
      key,
      { SerialNumber: mfaSerial, TokenCode: code, DurationSeconds: 900 },
      {
        region: stsRegion(deps.env, region),
        context: { profile, action: `starting an MFA session with ${mfaSerial} for IAM`, usedMfa: true },
      },
    ),
  );
}

/** IAM's CreateDate of the key, when the key may list its own keys (best effort: undefined otherwise). */
export async function keyCreateDate(
  deps: KeysDeps,
  key: Credentials,
  profile: string,
  userArn: string,
): Promise<string | undefined> {
  try {
    const api = await iamApi(deps);
    const keys = await api.listAccessKeys(key, {
      region: iamRegion(userArn),
      context: { profile, action: "reading the key's creation date (ListAccessKeys)" },
    });
    return keys.find((k) => k.accessKeyId === key.accessKeyId)?.createDate?.toISOString();
  } catch {
    return undefined;
  }
}
