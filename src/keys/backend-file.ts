// awsx's encrypted key file, for machines without an OS keyring: one JSON document, 0600, whose payload (every
// profile's key id and secret) is AES-256-GCM encrypted under a key derived from a passphrase with scrypt
// (node:crypto). The header (version, KDF and its parameters) is authenticated too. Every change is a
// read-decrypt-change-encrypt-write under the file's lock, written atomically with a fresh IV.
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { join } from 'node:path';
import { writeSecretFile } from '../config/atomic-write.js';
import { FileError, InputError } from '../config/errors.js';
import { withFileLock } from '../config/file-lock.js';
import { readOptionalFile } from '../config/load-config.js';
import { awsxDataDir, type Env } from '../config/paths.js';
import type { BackendOptions, KeyBackend, KeySlot, StoredKey } from './key-backend.js';
import { checkNewPassphrase, passphraseSource, PASSPHRASE_ENV } from './passphrase.js';

/** OWASP's scrypt setting (128 MiB of memory per derivation; its time: docs/benchmarks.md): N = 2^17, r = 8, p = 1. */
export const KDF_DEFAULTS = { N: 2 ** 17, r: 8, p: 1 };
const MAX_TRIES = 3;

interface Kdf {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
}

interface KeyFile {
  version: 1;
  kdf: Kdf;
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

type Payload = Record<KeySlot, Record<string, { AccessKeyId: string; SecretAccessKey: string }>>;

export function keyFilePath(env: Env): string {
  return env.AWSX_KEYS_FILE || join(awsxDataDir(env), 'keys.enc');
}

/** Keys derived in this process, by file and salt: a picker session asks for the passphrase once. */
const derived = new Map<string, Buffer>();

export function deriveKey(passphrase: string, kdf: Omit<Kdf, 'name'>): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 64 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const header = (file: Pick<KeyFile, 'version' | 'kdf' | 'cipher'>): Buffer =>
  Buffer.from(JSON.stringify({ version: file.version, kdf: file.kdf, cipher: file.cipher }));

export function encrypt(payload: Payload, key: Buffer, kdf: Kdf): string {
  const iv = randomBytes(12);
  const file: Omit<KeyFile, 'iv' | 'tag' | 'data'> = { version: 1, kdf, cipher: 'aes-256-gcm' };
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(header(file));
  const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag().toString('base64');
  const out: KeyFile = { ...file, iv: iv.toString('base64'), tag, data: data.toString('base64') };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The payload, or undefined when the key is wrong (or the file was changed: GCM cannot tell the two apart). */
export function decrypt(file: KeyFile, key: Buffer): Payload | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64')).setAAD(header(file));
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]).toString('utf8');
    const payload = JSON.parse(text) as Partial<Payload>;
    return { current: payload.current ?? {}, pending: payload.pending ?? {} };
  } catch {
    return undefined;
  }
}

function parseFile(text: string, path: string): KeyFile {
  const bad = (): FileError =>
    new FileError(`${path} is not an awsx key file`, {
      hint: 'restore it from a backup, or move it aside to start a new one',
    });
  let file: Partial<KeyFile>;
  try {
    file = JSON.parse(text) as Partial<KeyFile>;
  } catch {
    throw bad();
  }
  const kdf = file.kdf;
  const bounded = (n: unknown, max: number): boolean =>
    Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;
  if (file.version !== 1 || file.cipher !== 'aes-256-gcm' || kdf?.name !== 'scrypt' || typeof kdf.salt !== 'string')
    throw bad();
  if (!bounded(kdf.N, 2 ** 20) || !bounded(kdf.r, 32) || !bounded(kdf.p, 16) || (kdf.N & (kdf.N - 1)) !== 0)
    throw bad();
  if (typeof file.iv !== 'string' || typeof file.tag !== 'string' || typeof file.data !== 'string') throw bad();
  return file as KeyFile;
}

export function fileBackend(options: BackendOptions): KeyBackend {
  const path = keyFilePath(options.env);
  const source = passphraseSource(options.env, options.passphrase);

  /** The file's payload and the key that opens it; asks for the passphrase unless this process has it. */
  const open = async (text: string): Promise<{ payload: Payload; key: Buffer; kdf: Kdf }> => {
    const file = parseFile(text, path);
    const id = `${path}\u0000${file.kdf.salt}`;
    const known = derived.get(id);
    const payload = known ? decrypt(file, known) : undefined;
    if (known && payload) return { payload, key: known, kdf: file.kdf };
    let reason: string | undefined;
    for (let attempt = 1; ; attempt++) {
      const passphrase = await source.ask({ path, create: false, attempt, ...(reason ? { reason } : {}) });
      const key = await deriveKey(passphrase, file.kdf);
      const opened = decrypt(file, key);
      if (opened) {
        derived.set(id, key);
        return { payload: opened, key, kdf: file.kdf };
      }
      reason = 'wrong passphrase';
      if (!source.retries || attempt >= MAX_TRIES) {
        throw new InputError(`cannot open the encrypted key file ${path}: wrong passphrase (or the file was changed)`, {
          hint: source.retries
            ? 'run the command again with the right passphrase'
            : `${PASSPHRASE_ENV} must hold the passphrase the file was made with`,
        });
      }
    }
  };

  const create = async (): Promise<{ payload: Payload; key: Buffer; kdf: Kdf }> => {
    const passphrase = await source.ask({ path, create: true, attempt: 1 });
    checkNewPassphrase(passphrase);
    const kdf: Kdf = { name: 'scrypt', ...KDF_DEFAULTS, salt: randomBytes(16).toString('base64') };
    const key = await deriveKey(passphrase, kdf);
    derived.set(`${path}\u0000${kdf.salt}`, key);
    return { payload: { current: {}, pending: {} }, key, kdf };
  };

  const read = (): string => readOptionalFile(path, 'key file');

  /** Applies `fn` (true: it changed something) to the payload; `creates`: a missing file is made (new passphrase). */
  const change = (creates: boolean, fn: (payload: Payload) => boolean): Promise<void> =>
    withFileLock(path, async () => {
      const text = read();
      if (!text) {
        if (!creates) return;
        const fresh = await create();
        if (fn(fresh.payload)) writeSecretFile(path, encrypt(fresh.payload, fresh.key, fresh.kdf));
        return;
      }
      const { payload, key, kdf } = await open(text);
      if (fn(payload)) writeSecretFile(path, encrypt(payload, key, kdf));
    });

  return {
    name: 'file',
    where: path,
    async get(profile, slot) {
      const text = read();
      if (!text) return undefined;
      const entries = (await open(text)).payload[slot];
      const entry = Object.hasOwn(entries, profile) ? entries[profile] : undefined;
      return entry ? { accessKeyId: entry.AccessKeyId, secretAccessKey: entry.SecretAccessKey } : undefined;
    },
    set: (profile, slot, key: StoredKey) =>
      change(true, (payload) => {
        Object.defineProperty(payload[slot], profile, {
          value: { AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey },
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return true;
      }),
    delete: (profile, slot) =>
      change(false, (payload) => {
        if (!Object.hasOwn(payload[slot], profile)) return false;
        delete payload[slot][profile];
        return true;
      }),
  };
}
