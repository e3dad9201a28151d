// Keyring keys for the credential engine and the keys commands: reading a profile's key from its backend,
// and the keyring index (which profiles, which backend, key ids and dates) kept beside it.
import type { Credentials } from '../aws/credentials.js';
import { writeSecretFile } from '../config/atomic-write.js';
import { ProfileConfigError } from '../config/errors.js';
import { withFileLock } from '../config/file-lock.js';
import { keyIndexPath, readKeyIndex, serializeKeyIndex, type KeyRecord } from '../config/key-index.js';
import type { KeyringRootSource } from '../config/keyring-root.js';
import type { Env } from '../config/paths.js';
import { openBackend } from './backend.js';
import type { PassphraseProvider } from './passphrase.js';

/** An access key id with its middle masked: AKIA…WXYZ (ids are not secret, but need not be shown whole). */
export function maskKeyId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

/** The long-term keys of a keyring profile, for STS. */
export async function keyringCredentials(
  root: KeyringRootSource,
  env: Env,
  passphrase?: PassphraseProvider,
): Promise<Credentials> {
  const backend = await openBackend(root.backend, { env, ...(passphrase ? { passphrase } : {}) });
  const key = await backend.get(root.profile, 'current');
  if (!key) {
    throw new ProfileConfigError(
      `profile "${root.profile}": its key ${maskKeyId(root.accessKeyId)} is no longer in ${backend.where}`,
      {
        profile: root.profile,
        hint: `store it again (awsx keys add ${root.profile}), or forget it (awsx keys remove ${root.profile})`,
      },
    );
  }
  return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
}

/** Changes the keyring index under its lock; `fn` edits the map in place. */
export async function updateKeyIndex(
  env: Env,
  fn: (records: Map<string, KeyRecord>) => void,
): Promise<Map<string, KeyRecord>> {
  const path = keyIndexPath(env);
  return withFileLock(path, () => {
    const records = readKeyIndex(env);
    fn(records);
    writeSecretFile(path, serializeKeyIndex(records));
    return records;
  });
}

export async function setKeyRecord(env: Env, profile: string, record: KeyRecord): Promise<void> {
  await updateKeyIndex(env, (records) => void records.set(profile, record));
}

/** Days since `since`, rounded down. */
export function ageInDays(since: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(since)) / 86_400_000));
}

/** Keys older than this many days are flagged (AWSX_KEY_MAX_AGE_DAYS; default 90, as IAM's own advice). */
export function maxKeyAgeDays(env: Env): number {
  const n = Number(env.AWSX_KEY_MAX_AGE_DAYS);
  return Number.isInteger(n) && n > 0 ? n : 90;
}
