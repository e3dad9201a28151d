// awsx keys list and awsx keys remove: what the index knows (no secret, no AWS call, no keyring prompt),
// and forgetting a profile's keys.
import type { Clock } from '../config/clock.js';
import { InputError } from '../config/errors.js';
import type { KeyRecord } from '../config/key-index.js';
import { loadAwsFiles, stringValue } from '../config/load-config.js';
import type { Env } from '../config/paths.js';
import { openBackend } from './backend.js';
import type { PassphraseProvider } from './passphrase.js';
import { ageInDays, maskKeyId, updateKeyIndex } from './store.js';
import { removeOwnProcessLine } from './config-profile.js';
import { forgetKeySessions } from './sessions.js';

export interface KeyRow {
  profile: string;
  /** The key id, middle masked. */
  accessKeyId: string;
  backend: KeyRecord['backend'];
  /** Days since IAM created the key (else since awsx stored it). */
  ageDays: number;
  since: string;
  sinceSource: 'iam' | 'stored';
  old: boolean;
  mfaSerial?: string;
  userArn?: string;
  /** A rotation was stopped half-way (awsx keys rotate finishes it). */
  rotationInterrupted: boolean;
}

export function keyRows(env: Env, maxAgeDays: number, now: number): KeyRow[] {
  const files = loadAwsFiles(env);
  return [...(files.keyring ?? new Map<string, KeyRecord>())]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([profile, r]) => {
      const since = r.createDate ?? r.storedAt;
      const ageDays = ageInDays(since, now);
      const values = files.profiles.get(profile)?.values;
      const mfaSerial = values ? stringValue(values, 'mfa_serial') : undefined;
      return {
        profile,
        accessKeyId: maskKeyId(r.accessKeyId),
        backend: r.backend,
        ageDays,
        since,
        sinceSource: r.createDate ? 'iam' : 'stored',
        old: ageDays > maxAgeDays,
        ...(mfaSerial ? { mfaSerial } : {}),
        ...(r.userArn ? { userArn: r.userArn } : {}),
        rotationInterrupted: r.rotation !== undefined,
      };
    });
}

export interface RemoveResult {
  record: KeyRecord;
  where: string;
  processLineRemoved: boolean;
}

/** Forgets a profile's key: the backend's copies, the index entry, its sessions and awsx's credential_process line. */
export async function removeKeys(
  env: Env,
  clock: Clock,
  profile: string,
  passphrase?: PassphraseProvider,
): Promise<RemoveResult> {
  const record = loadAwsFiles(env).keyring?.get(profile);
  if (!record)
    throw new InputError(`profile "${profile}" has no key in the keyring`, {
      profile,
      hint: 'awsx keys list shows the keyring profiles',
    });
  const backend = await openBackend(record.backend, { env, ...(passphrase ? { passphrase } : {}) });
  await backend.delete(profile, 'pending');
  await backend.delete(profile, 'current');
  forgetKeySessions(env, clock, profile, record);
  await updateKeyIndex(env, (records) => void records.delete(profile));
  const processLineRemoved = await removeOwnProcessLine(env, profile);
  return { record, where: backend.where, processLineRemoved };
}
