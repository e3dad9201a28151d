// The passphrase of the encrypted key file: AWSX_KEYS_PASSPHRASE, else whoever asks the user (the terminal,
// the picker's prompt). What it unlocks is kept in memory for the life of the process, so a picker session
// asks once.
import { InputError } from '../config/errors.js';
import type { Env } from '../config/paths.js';

export interface PassphraseAsk {
  /** The key file. */
  path: string;
  /** The file does not exist yet: the passphrase is a new one (ask twice). */
  create: boolean;
  attempt: number;
  /** Why it is asked again (a wrong passphrase). */
  reason?: string;
  signal?: AbortSignal;
}

export type PassphraseProvider = (ask: PassphraseAsk) => Promise<string>;

export const PASSPHRASE_ENV = 'AWSX_KEYS_PASSPHRASE';
export const MIN_PASSPHRASE_LENGTH = 8;

/** Where the passphrase comes from, and whether a wrong one may be asked for again. */
export function passphraseSource(
  env: Env,
  provider: PassphraseProvider | undefined,
): { ask: PassphraseProvider; retries: boolean } {
  const given = env[PASSPHRASE_ENV];
  // A PassphraseProvider answers with a promise (the terminal and the picker ask asynchronously).
  if (given) return { ask: () => Promise.resolve(given), retries: false };
  if (provider) return { ask: provider, retries: true };
  return {
    ask: ({ path }) =>
      Promise.reject(
        new InputError(`the encrypted key file ${path} needs its passphrase, and there is no terminal to ask on`, {
          hint: `set ${PASSPHRASE_ENV}, or keep the keys in the OS keyring (awsx keys add --backend keyring)`,
        }),
      ),
    retries: false,
  };
}

export function checkNewPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new InputError(`a new key file passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`, {
      hint: 'choose a longer passphrase',
    });
  }
}
