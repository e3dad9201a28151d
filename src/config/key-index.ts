// The keyring index: which profiles keep their long-term keys in the OS keyring or the encrypted key file,
// with what awsx may know about a key without its secret (its id, when it was created and stored, an
// interrupted rotation). The secret itself is never here. A missing or unreadable index is empty; an entry
// that does not have the expected shape is left out, so a hand-edited file can hide a key but never forge one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsxDataDir, type Env } from './paths.js';

export type KeyBackendName = 'keyring' | 'file';
export const KEY_BACKENDS: readonly KeyBackendName[] = ['keyring', 'file'];

/** A rotation under way (keys rotate): what the next run needs to finish or undo it. */
export interface RotationJournal {
  startedAt: string;
  /** The key being replaced. */
  oldKeyId: string;
  /** The key IAM created, once awsx holds its secret (in the backend's pending slot). */
  newKeyId?: string;
}

export interface KeyRecord {
  backend: KeyBackendName;
  accessKeyId: string;
  /** When awsx stored this key (ISO 8601). */
  storedAt: string;
  /** IAM's CreateDate of the key, when IAM told (ISO 8601). */
  createDate?: string;
  /** The IAM user's ARN, from GetCallerIdentity when the key was stored. */
  userArn?: string;
  rotation?: RotationJournal;
}

export interface KeyIndexFile {
  version: 1;
  profiles: Record<string, KeyRecord>;
}

export function keyIndexPath(env: Env): string {
  return join(awsxDataDir(env), 'keys.json');
}

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function validRecord(v: unknown): KeyRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Partial<KeyRecord>;
  if (
    !KEY_BACKENDS.includes(r.backend as KeyBackendName) ||
    typeof r.accessKeyId !== 'string' ||
    !ACCESS_KEY_ID.test(r.accessKeyId)
  )
    return undefined;
  if (!isDate(r.storedAt)) return undefined;
  const out: KeyRecord = { backend: r.backend!, accessKeyId: r.accessKeyId, storedAt: r.storedAt };
  if (isDate(r.createDate)) out.createDate = r.createDate;
  if (typeof r.userArn === 'string') out.userArn = r.userArn;
  const rot = r.rotation;
  if (rot && isDate(rot.startedAt) && typeof rot.oldKeyId === 'string') {
    out.rotation = {
      startedAt: rot.startedAt,
      oldKeyId: rot.oldKeyId,
      ...(typeof rot.newKeyId === 'string' ? { newKeyId: rot.newKeyId } : {}),
    };
  }
  return out;
}

export function parseKeyIndex(text: string): Map<string, KeyRecord> {
  const out = new Map<string, KeyRecord>();
  let file: Partial<KeyIndexFile>;
  try {
    file = JSON.parse(text) as Partial<KeyIndexFile>;
  } catch {
    return out;
  }
  if (file?.version !== 1 || typeof file.profiles !== 'object' || file.profiles === null) return out;
  for (const [name, value] of Object.entries(file.profiles)) {
    const record = validRecord(value);
    if (record) out.set(name, record);
  }
  return out;
}

/** The index, read on every start (one small file; none at all for most users). */
export function readKeyIndex(env: Env): Map<string, KeyRecord> {
  let text: string;
  try {
    text = readFileSync(keyIndexPath(env), 'utf8');
  } catch {
    return new Map();
  }
  return parseKeyIndex(text);
}

export function serializeKeyIndex(records: ReadonlyMap<string, KeyRecord>): string {
  const profiles: Record<string, KeyRecord> = {};
  for (const [name, record] of [...records].sort(([a], [b]) => a.localeCompare(b))) {
    Object.defineProperty(profiles, name, { value: record, enumerable: true, writable: true, configurable: true });
  }
  return `${JSON.stringify({ version: 1, profiles } satisfies KeyIndexFile, null, 2)}\n`;
}
