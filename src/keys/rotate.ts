// awsx keys rotate: a new key from IAM, shown to work, stored, and only then the old key deleted. The
// keyring always holds a key that works: the old one until the new one has passed STS, the new one after.
// The new key's secret is kept (in the backend's pending slot) the moment IAM returns it, and the index
// journals the rotation, so a run killed at any point is finished or undone by the next one.
import type { Credentials } from '../aws/credentials.js';
import { AwsCallError } from '../aws/errors.js';
import type { AccessKeyInfo } from '../aws/iam.js';
import { InputError } from '../config/errors.js';
import type { KeyRecord } from '../config/key-index.js';
import { loadAwsFiles, stringValue } from '../config/load-config.js';
import { openBackend } from './backend.js';
import type { KeyBackend, StoredKey } from './key-backend.js';
import { maskKeyId, updateKeyIndex } from './store.js';
import { storeKey } from './add.js';
import { iamApi, iamCredentials, iamRegion, waitUntilWorks, type KeysDeps } from './aws.js';
import { forgetKeySessions } from './sessions.js';

export interface RotateResult {
  oldKeyId: string;
  newKeyId: string;
  where: string;
  /** The run finished a rotation an earlier run had started. */
  resumed: boolean;
}

interface Rotation {
  deps: KeysDeps;
  profile: string;
  record: KeyRecord;
  backend: KeyBackend;
  current: StoredKey;
  /** What signs IAM calls: the current key, or an MFA session made with it. */
  iam: Credentials;
  region?: string;
  userArn?: string;
}

/** A key created after this (with a margin for clock skew) while a rotation was journaled is that rotation's. */
const SKEW_MS = 5 * 60_000;

export async function rotateKeys(deps: KeysDeps, profile: string): Promise<RotateResult> {
  const files = loadAwsFiles(deps.env);
  const record = files.keyring?.get(profile);
  if (!record)
    throw new InputError(`profile "${profile}" has no key in the keyring`, {
      profile,
      hint: 'awsx keys list shows the keyring profiles; awsx keys add or import stores one',
    });
  const values = files.profiles.get(profile)?.values ?? {};
  const region = stringValue(values, 'region');
  const backend = await openBackend(record.backend, {
    env: deps.env,
    ...(deps.passphrase ? { passphrase: deps.passphrase } : {}),
  });
  const current = await backend.get(profile, 'current');
  if (!current)
    throw new InputError(
      `profile "${profile}": its key ${maskKeyId(record.accessKeyId)} is no longer in ${backend.where}`,
      { profile, hint: `store it again: awsx keys add ${profile}` },
    );
  const iam = await iamCredentials(
    deps,
    current,
    profile,
    stringValue(values, 'mfa_serial'),
    stringValue(values, 'mfa_process'),
    region,
  );
  const r: Rotation = {
    deps,
    profile,
    record,
    backend,
    current,
    iam,
    ...(region ? { region } : {}),
    ...(record.userArn ? { userArn: record.userArn } : {}),
  };

  const resumed = await resume(r);
  if (resumed) return resumed;

  const keys = await list(r);
  const others = keys.filter((k) => k.accessKeyId !== current.accessKeyId);
  if (others.length > 0 && keys.length >= 2) throw limitError(r, others[0]!.accessKeyId);
  const startedAt = new Date(now(r)).toISOString();
  await journal(r, { startedAt, oldKeyId: current.accessKeyId });
  let created: StoredKey & { createDate?: Date };
  try {
    created = await (
      await iamApi(deps)
    ).createAccessKey(iam, iamOptions(r, 'creating a new access key (CreateAccessKey)'));
  } catch (error) {
    await journal(r, undefined);
    throw describeCreateError(r, error, others[0]?.accessKeyId);
  }
  await backend.set(profile, 'pending', created);
  await journal(r, { startedAt, oldKeyId: current.accessKeyId, newKeyId: created.accessKeyId });
  return finish(r, created, created.createDate?.toISOString(), startedAt, false);
}

const now = (r: Rotation): number => r.deps.clock.now();

function iamOptions(r: Rotation, action: string) {
  return { region: iamRegion(r.userArn), context: { profile: r.profile, action } };
}

async function list(r: Rotation): Promise<AccessKeyInfo[]> {
  return (await iamApi(r.deps)).listAccessKeys(r.iam, iamOptions(r, "listing the user's access keys (ListAccessKeys)"));
}

async function journal(r: Rotation, rotation: KeyRecord['rotation']): Promise<void> {
  await updateKeyIndex(r.deps.env, (records) => {
    const record = records.get(r.profile);
    if (!record) return;
    const next: KeyRecord = { ...record };
    if (rotation) next.rotation = rotation;
    else delete next.rotation;
    records.set(r.profile, next);
  });
}

/** Verifies the new key, promotes it, deletes the old one and clears the journal. */
async function finish(
  r: Rotation,
  created: StoredKey,
  createDate: string | undefined,
  startedAt: string,
  resumed: boolean,
): Promise<RotateResult> {
  const oldKeyId = r.current.accessKeyId;
  let identity;
  try {
    identity = await waitUntilWorks(r.deps, created, r.profile, r.region);
    if (r.userArn && identity.arn !== r.userArn)
      throw new AwsCallError(`the new key belongs to ${identity.arn}, not ${r.userArn}`, 'WrongUser');
  } catch (error) {
    await discard(r, created.accessKeyId);
    const detail = error instanceof Error ? error.message : String(error);
    throw new AwsCallError(
      `profile "${r.profile}": the new key ${maskKeyId(created.accessKeyId)} did not work (${detail}); ` +
        `it was deleted, and the old key ${maskKeyId(oldKeyId)} is kept`,
      'NewKeyRejected',
      {
        profile: r.profile,
        hint: 'retry later; AWSX_KEY_VERIFY_SECONDS waits longer for IAM to spread a new key',
        cause: error,
      },
    );
  }
  const rotation = { startedAt, oldKeyId, newKeyId: created.accessKeyId };
  await storeKey(
    r.deps,
    r.profile,
    created,
    r.backend,
    { userArn: identity.arn, ...(createDate ? { createDate } : {}) },
    { rotation },
  );
  await deleteOld(r, oldKeyId, created);
  await cleanup(r);
  forgetKeySessions(r.deps.env, r.deps.clock, r.profile, r.record);
  return { oldKeyId, newKeyId: created.accessKeyId, where: r.backend.where, resumed };
}

/** The old key goes once the new one is stored; signed with the MFA session if there is one, else the new key. */
async function deleteOld(r: Rotation, oldKeyId: string, created: StoredKey): Promise<void> {
  const api = await iamApi(r.deps);
  const signer = r.iam === r.current ? created : r.iam;
  const options = iamOptions(r, `deleting the old access key ${maskKeyId(oldKeyId)} (DeleteAccessKey)`);
  try {
    await api.deleteAccessKey(signer, oldKeyId, options);
  } catch (error) {
    // The new key may not reach IAM yet: the old key (still valid) can delete itself.
    if (signer === r.iam) throw error;
    await api.deleteAccessKey(r.current, oldKeyId, options);
  }
}

/** A new key that never worked: deleted from IAM (best effort) and from the pending slot. */
async function discard(r: Rotation, keyId: string): Promise<void> {
  try {
    await (
      await iamApi(r.deps)
    ).deleteAccessKey(r.iam, keyId, iamOptions(r, `deleting the unusable new key ${maskKeyId(keyId)}`));
  } catch (error) {
    r.deps.note(`could not delete the unusable new key ${keyId} (${(error as Error).message}): delete it in IAM`);
  }
  await cleanup(r);
}

async function cleanup(r: Rotation): Promise<void> {
  await r.backend.delete(r.profile, 'pending');
  await journal(r, undefined);
}

/**
 * An earlier run that was stopped: its new key already current (delete the old one), or pending (verify it
 * and carry on), or created in IAM without awsx holding its secret (delete it, then rotate afresh).
 */
async function resume(r: Rotation): Promise<RotateResult | undefined> {
  const pending = await r.backend.get(r.profile, 'pending');
  const rotation = r.record.rotation;
  if (!pending && !rotation) return undefined;
  const keys = await list(r);
  const listed = new Set(keys.map((k) => k.accessKeyId));
  const startedAt = rotation?.startedAt ?? new Date(now(r)).toISOString();
  if (pending && pending.accessKeyId === r.current.accessKeyId) {
    const old = rotation?.oldKeyId;
    if (old && old !== r.current.accessKeyId && listed.has(old)) await deleteOld(r, old, r.current);
    const createDate = keys.find((k) => k.accessKeyId === r.current.accessKeyId)?.createDate?.toISOString();
    await storeKey(r.deps, r.profile, r.current, r.backend, {
      ...(r.userArn ? { userArn: r.userArn } : {}),
      ...(createDate ? { createDate } : {}),
    });
    await cleanup(r);
    r.deps.note(
      `finished the rotation an earlier run started: ${maskKeyId(r.current.accessKeyId)} is in use` +
        (old ? `, ${maskKeyId(old)} deleted` : ''),
    );
    return { oldKeyId: old ?? '', newKeyId: r.current.accessKeyId, where: r.backend.where, resumed: true };
  }
  if (pending && listed.has(pending.accessKeyId)) {
    r.deps.note(`carrying on with the rotation an earlier run started (new key ${maskKeyId(pending.accessKeyId)})`);
    const createDate = keys.find((k) => k.accessKeyId === pending.accessKeyId)?.createDate?.toISOString();
    return finish(r, pending, createDate, startedAt, true);
  }
  if (rotation) {
    const since = Date.parse(rotation.startedAt) - SKEW_MS;
    for (const k of keys) {
      if (k.accessKeyId === r.current.accessKeyId || (k.createDate?.getTime() ?? 0) < since) continue;
      r.deps.note(`deleting ${maskKeyId(k.accessKeyId)}, the key an interrupted rotation created but never stored`);
      await (
        await iamApi(r.deps)
      ).deleteAccessKey(r.iam, k.accessKeyId, iamOptions(r, `deleting the orphaned key ${maskKeyId(k.accessKeyId)}`));
    }
  }
  await cleanup(r);
  return undefined;
}

// Key ids are masked in every line awsx shows (issue 15's one redaction); the last four characters name the key
// to delete among the two that `aws iam list-access-keys` lists.
function limitError(r: Rotation, other: string | undefined): AwsCallError {
  const which = other ? `the key ending in ${other.slice(-4)}` : 'the other key';
  return new AwsCallError(
    `profile "${r.profile}": the IAM user already has two access keys, the most IAM allows: ` +
      `${other ? maskKeyId(other) : 'another key'} besides ${maskKeyId(r.current.accessKeyId)} in the keyring`,
    'LimitExceeded',
    {
      profile: r.profile,
      hint:
        `if ${which} is not in use, delete it (aws iam list-access-keys shows its id; ` +
        `aws iam delete-access-key --access-key-id ID), then run awsx keys rotate ${r.profile} again`,
    },
  );
}

function describeCreateError(r: Rotation, error: unknown, other: string | undefined): unknown {
  if (!(error instanceof AwsCallError)) return error;
  if (error.code === 'LimitExceeded' || error.code === 'LimitExceededException') return limitError(r, other);
  if (error.code === 'AccessDenied' || error.code === 'AccessDeniedException') {
    return new AwsCallError(
      `profile "${r.profile}": IAM denied CreateAccessKey; the old key is unchanged`,
      error.code,
      {
        profile: r.profile,
        hint:
          'the user needs iam:CreateAccessKey, iam:ListAccessKeys and iam:DeleteAccessKey on itself ' +
          '(with MFA, set mfa_serial on the profile)',
        cause: error,
      },
    );
  }
  return error;
}
