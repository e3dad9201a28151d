// What a key backend is (keys/backend-keyring.ts, keys/backend-file.ts): slots of keys per profile, read,
// written and deleted; what opening one takes; and the error of a keyring or key file that cannot be used.
import { AwsxError } from '../config/errors.js';
import type { KeyBackendName } from '../config/key-index.js';
import type { Env } from '../config/paths.js';
import type { PassphraseProvider } from './passphrase.js';

export interface StoredKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export type KeySlot = 'current' | 'pending';

export interface KeyBackend {
  readonly name: KeyBackendName;
  /** Where the keys are, for messages (never a secret). */
  readonly where: string;
  get(profile: string, slot: KeySlot): Promise<StoredKey | undefined>;
  set(profile: string, slot: KeySlot, key: StoredKey): Promise<void>;
  delete(profile: string, slot: KeySlot): Promise<void>;
}

export type KeyStoreProblem = 'missing-binding' | 'unreachable' | 'locked' | 'failed';

/** The keyring or the key file cannot be used (exit 1: an environment fault, not bad input). */
export class KeyStoreError extends AwsxError {
  readonly exitCode = 1 as const;
  constructor(
    message: string,
    readonly problem: KeyStoreProblem,
    options: { hint: string; profile?: string; cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface BackendOptions {
  env: Env;
  /** Asks for the key file's passphrase (the picker's prompt); default: AWSX_KEYS_PASSPHRASE, else the terminal. */
  passphrase?: PassphraseProvider;
}
