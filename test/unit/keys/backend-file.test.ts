// The encrypted key file: scrypt + AES-256-GCM from node:crypto, 0600, nothing readable without the
// passphrase, the header authenticated, the passphrase asked once per process, a wrong one refused (exit 2).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../src/config/errors.js';
import { decrypt, deriveKey, fileBackend, keyFilePath } from '../../../src/keys/backend-file.js';
import type { PassphraseProvider } from '../../../src/keys/passphrase.js';

/** The file's JSON, as decrypt reads it. */
type KeyFile = Parameters<typeof decrypt>[0];

const KEY = { accessKeyId: 'AKIAFILEBACKEND00001', secretAccessKey: 'file-backend-secret-never-in-plaintext-00' };

describe('the encrypted key file', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-keyfile-'));
    env = { HOME: dir, AWSX_DATA_DIR: join(dir, 'data') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores keys encrypted (0600, no plaintext), reads them back, and asks for the passphrase once', async () => {
    const ask = vi.fn<PassphraseProvider>(() => Promise.resolve('a long enough passphrase'));
    const backend = fileBackend({ env, passphrase: ask });
    expect(await backend.get('alice', 'current')).toBeUndefined();
    expect(ask).not.toHaveBeenCalled();
    await backend.set('alice', 'current', KEY);
    await backend.set('alice', 'pending', { ...KEY, accessKeyId: 'AKIAFILEBACKEND00002' });
    expect(await backend.get('alice', 'current')).toEqual(KEY);
    await backend.delete('alice', 'pending');
    expect(await backend.get('alice', 'pending')).toBeUndefined();
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask.mock.calls[0]![0]).toMatchObject({ create: true });
    const path = keyFilePath(env);
    expect(path).toBe(join(dir, 'data', 'keys.enc'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    for (const plain of [KEY.secretAccessKey, KEY.accessKeyId, 'alice']) expect(text).not.toContain(plain);
    const file = JSON.parse(text) as KeyFile;
    expect(file).toMatchObject({ version: 1, cipher: 'aes-256-gcm', kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 } });
    const payload = decrypt(file, await deriveKey('a long enough passphrase', file.kdf));
    expect(payload?.current.alice).toEqual({ AccessKeyId: KEY.accessKeyId, SecretAccessKey: KEY.secretAccessKey });
  });

  it('a wrong passphrase: asked again up to 3 times with the reason, then exit 2; from AWSX_KEYS_PASSPHRASE at once', async () => {
    await fileBackend({ env, passphrase: () => Promise.resolve('the right passphrase') }).set('alice', 'current', KEY);
    // Another process: nothing derived yet (a new path per test; the same file read under another name).
    const other = { ...env, AWSX_KEYS_FILE: join(dir, 'copy.enc') };
    writeFileSync(other.AWSX_KEYS_FILE, readFileSync(keyFilePath(env)));
    const answers = ['wrong', 'still wrong', 'the right passphrase'];
    const ask = vi.fn<PassphraseProvider>(() => Promise.resolve(answers.shift()!));
    expect(await fileBackend({ env: other, passphrase: ask }).get('alice', 'current')).toEqual(KEY);
    expect(ask.mock.calls.map((c) => [c[0].attempt, c[0].reason])).toEqual([
      [1, undefined],
      [2, 'wrong passphrase'],
      [3, 'wrong passphrase'],
    ]);
    const third = { ...env, AWSX_KEYS_FILE: join(dir, 'third.enc'), AWSX_KEYS_PASSPHRASE: 'nope' };
    writeFileSync(third.AWSX_KEYS_FILE, readFileSync(keyFilePath(env)));
    const error = await fileBackend({ env: third })
      .get('alice', 'current')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(
      /cannot open the encrypted key file .*third\.enc: wrong passphrase \(or the file was changed\)/,
    );
  });

  it('a changed header (weaker KDF parameters) is refused like a wrong passphrase; a file that is not a key file says so', async () => {
    await fileBackend({ env, passphrase: () => Promise.resolve('the right passphrase') }).set('alice', 'current', KEY);
    const file = JSON.parse(readFileSync(keyFilePath(env), 'utf8')) as KeyFile;
    const key = await deriveKey('the right passphrase', file.kdf);
    expect(decrypt({ ...file, kdf: { ...file.kdf, N: 1024 } }, key)).toBeUndefined();
    writeFileSync(join(dir, 'junk.enc'), 'not json');
    const junk = await fileBackend({
      env: { ...env, AWSX_KEYS_FILE: join(dir, 'junk.enc') },
      passphrase: () => Promise.resolve('x'),
    })
      .get('a', 'current')
      .catch((e: Error) => e.message);
    expect(junk).toMatch(/junk\.enc is not an awsx key file/);
  });

  it('no passphrase and no terminal: a clear exit 2; a new passphrase under 8 characters is refused', async () => {
    const none = await fileBackend({ env })
      .set('alice', 'current', KEY)
      .catch((e: InputError) => e);
    expect((none as InputError).message).toMatch(/needs its passphrase, and there is no terminal to ask on/);
    expect((none as InputError).hint).toMatch(/set AWSX_KEYS_PASSPHRASE/);
    const short = await fileBackend({ env, passphrase: () => Promise.resolve('short') })
      .set('alice', 'current', KEY)
      .catch((e: InputError) => e);
    expect((short as InputError).message).toMatch(/at least 8 characters/);
  });
});
