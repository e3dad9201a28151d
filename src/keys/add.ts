// awsx keys add: check a key with STS, keep it in the keyring (or the encrypted file), note it in the index,
// and make sure ~/.aws/config has the profile. Shared with import and rotate: storing a key and reading it
// back before anything that depends on it happens.
import { InputError } from '../config/errors.js';
import type { KeyRecord } from '../config/key-index.js';
import { readKeyIndex } from '../config/key-index.js';
import { loadAwsFiles, stringValue } from '../config/load-config.js';
import { chooseBackend, openBackend } from './backend.js';
import { KeyStoreError, type KeyBackend, type StoredKey } from './key-backend.js';
import { maskKeyId, setKeyRecord } from './store.js';
import { callerOf, keyCreateDate, type KeysDeps } from './aws.js';
import { checkKeyringProfile, checkProfileName, ensureKeyringProfile } from './config-profile.js';

const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{12,124}$/;

/** Long-term keys only: an IAM user's (AKIA...) id and a secret of plausible shape. Exit 2 otherwise. */
export function checkKeyShape(key: StoredKey, where: string): void {
  if (/^ASIA/.test(key.accessKeyId)) {
    throw new InputError(`${where}: ${maskKeyId(key.accessKeyId)} is a temporary key (ASIA...), which expires`, {
      hint: "store an IAM user's long-term access key (AKIA...)",
    });
  }
  if (!ACCESS_KEY_ID.test(key.accessKeyId))
    throw new InputError(
      `${where}: the access key id is not an IAM access key id (AKIA followed by 16 letters and digits)`,
      { hint: 'copy the id again from IAM' },
    );
  if (!/^[\x21-\x7e]{16,128}$/.test(key.secretAccessKey))
    throw new InputError(`${where}: the secret access key is not a secret key (16-128 visible characters)`, {
      hint: 'copy the secret again',
    });
}

export interface StoreMeta {
  userArn?: string;
  createDate?: string;
}

/** Stores the key as the profile's current one, reads it back, records it (and drops another backend's copy). */
export async function storeKey(
  deps: KeysDeps,
  profile: string,
  key: StoredKey,
  backend: KeyBackend,
  meta: StoreMeta,
  extra: Pick<KeyRecord, 'rotation'> = {},
): Promise<KeyRecord> {
  await backend.set(profile, 'current', key);
  const back = await backend.get(profile, 'current');
  if (!back || back.accessKeyId !== key.accessKeyId || back.secretAccessKey !== key.secretAccessKey) {
    throw new KeyStoreError(
      `profile "${profile}": ${backend.where} did not keep the key ${maskKeyId(key.accessKeyId)}`,
      'failed',
      { profile, hint: 'check the keyring, or use --backend file' },
    );
  }
  const previous = readKeyIndex(deps.env).get(profile);
  const stored = new Date(deps.clock.now()).toISOString();
  const record: KeyRecord = {
    backend: backend.name,
    accessKeyId: key.accessKeyId,
    storedAt: stored,
    ...(meta.userArn ? { userArn: meta.userArn } : {}),
    ...(meta.createDate ? { createDate: meta.createDate } : {}),
    ...extra,
  };
  await setKeyRecord(deps.env, profile, record);
  if (previous && previous.backend !== backend.name) {
    try {
      await (
        await openBackend(previous.backend, {
          env: deps.env,
          ...(deps.passphrase ? { passphrase: deps.passphrase } : {}),
        })
      ).delete(profile, 'current');
    } catch (error) {
      deps.note(
        `the old copy in the ${previous.backend} backend could not be removed (${(error as Error).message}); ` +
          'awsx no longer uses it',
      );
    }
  }
  return record;
}

export interface AddOptions {
  backend?: string;
  /** Write `credential_process = awsx credential-process NAME` into the profile for other tools. */
  credentialProcess: boolean;
}

export interface AddResult {
  record: KeyRecord;
  where: string;
  configPath: string;
}

export async function addKeys(
  deps: KeysDeps,
  profile: string,
  key: StoredKey,
  options: AddOptions,
): Promise<AddResult> {
  checkProfileName(profile);
  checkKeyShape(key, `profile "${profile}"`);
  checkKeyringProfile(deps.env, profile);
  const raw = loadAwsFiles(deps.env).profiles.get(profile);
  const region = raw ? stringValue(raw.values, 'region') : undefined;
  const identity = await callerOf(deps, key, profile, region);
  const createDate = await keyCreateDate(deps, key, profile, identity.arn);
  const backend = await chooseBackend(
    options.backend,
    { env: deps.env, ...(deps.passphrase ? { passphrase: deps.passphrase } : {}) },
    deps.note,
  );
  const record = await storeKey(deps, profile, key, backend, {
    userArn: identity.arn,
    ...(createDate ? { createDate } : {}),
  });
  const { path } = await ensureKeyringProfile(deps.env, profile, options.credentialProcess);
  if (raw?.inCredentials && raw.values.aws_access_key_id !== undefined) {
    deps.note(
      `[${profile}] in the credentials file still holds keys; awsx uses the keyring's ` +
        `(awsx keys import ${profile} moves the file's instead)`,
    );
  }
  return { record, where: backend.where, configPath: path };
}
