// Where long-term keys are kept: the OS keyring (keys/backend-keyring.ts) or awsx's encrypted key file
// (keys/backend-file.ts). Each profile has a current slot and, during a rotation, a pending one holding the
// new key until it has been shown to work. Choosing a backend: --backend, else AWSX_KEYS_BACKEND, else the
// keyring when it can be reached, else the encrypted file.
import { InputError } from '../config/errors.js';
import { KEY_BACKENDS, type KeyBackendName } from '../config/key-index.js';
import type { Env } from '../config/paths.js';
import { KeyStoreError, type BackendOptions, type KeyBackend } from './key-backend.js';

export async function openBackend(name: KeyBackendName, options: BackendOptions): Promise<KeyBackend> {
  if (name === 'keyring') return (await import('./backend-keyring.js')).keyringBackend();
  return (await import('./backend-file.js')).fileBackend(options);
}

/** The backend a flag or AWSX_KEYS_BACKEND names; undefined when neither does. */
export function requestedBackend(flag: string | undefined, env: Env): KeyBackendName | undefined {
  const value = flag ?? (env.AWSX_KEYS_BACKEND || undefined);
  if (value === undefined) return undefined;
  if (!(KEY_BACKENDS as readonly string[]).includes(value)) {
    const from = flag !== undefined ? '--backend' : 'AWSX_KEYS_BACKEND';
    throw new InputError(`${from} "${value}" is not a key backend`, { hint: `use one of ${KEY_BACKENDS.join(', ')}` });
  }
  return value as KeyBackendName;
}

/**
 * The backend to store new keys in. Without a choice: the keyring when it answers, else (no binding, no D-Bus
 * session, no Secret Service) the encrypted file, with a note saying why. A locked keyring is reachable:
 * its error stands, rather than keys silently going elsewhere.
 */
export async function chooseBackend(
  flag: string | undefined,
  options: BackendOptions,
  note: (text: string) => void,
): Promise<KeyBackend> {
  const requested = requestedBackend(flag, options.env);
  if (requested) return openBackend(requested, options);
  try {
    const keyring = await openBackend('keyring', options);
    await keyring.get('(awsx probe)', 'current');
    return keyring;
  } catch (error) {
    if (!(error instanceof KeyStoreError) || error.problem === 'locked' || error.problem === 'failed') throw error;
    const file = await openBackend('file', options);
    note(`the OS keyring cannot be used (${error.message}); keeping the keys in the encrypted file ${file.where}`);
    return file;
  }
}
