// The OS keyring through @napi-rs/keyring (keyring-rs: the Secret Service on Linux, the Keychain on macOS, the
// Credential Manager on Windows), an optional dependency loaded only by the commands that read or store
// keys. On Linux the Secret Service is required: the binding would otherwise fall back to the kernel's
// keyutils, which forgets everything at reboot. Each profile is one item (service "awsx", account the
// profile name) holding a small JSON document with the key id and secret.
import { KeyStoreError, type KeyBackend, type KeySlot, type KeyStoreProblem, type StoredKey } from './key-backend.js';

type Binding = typeof import('@napi-rs/keyring');

const SERVICES: Record<KeySlot, string> = { current: 'awsx', pending: 'awsx (rotation in progress)' };
const UNREACHABLE = new RegExp(
  [
    'DBUS_SESSION_BUS_ADDRESS',
    'autolaunch',
    'D-?Bus',
    'ServiceUnknown',
    'NoReply',
    'no result found',
    'unavailable',
  ].join('|') + '|not available|No such file',
  'i',
);
const FALLBACK = 'or keep the keys in the encrypted file: --backend file (or AWSX_KEYS_BACKEND=file)';

let binding: Promise<Binding> | undefined;

function loadBinding(): Promise<Binding> {
  binding ??= import('@napi-rs/keyring').catch((error: unknown) => {
    binding = undefined;
    const detail = firstLine(error);
    throw new KeyStoreError(
      `the OS keyring needs the optional package @napi-rs/keyring, which cannot be loaded here (${detail})`,
      'missing-binding',
      {
        hint: `reinstall awsx with its optional dependencies, ${FALLBACK}`,
        cause: error,
      },
    );
  });
  return binding;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 200);
}

/** What a keyring failure means for the user, from keyring-rs's message. */
export function classifyKeyringError(error: unknown, action: string, profile?: string): KeyStoreError {
  const detail = firstLine(error);
  const fail = (message: string, problem: KeyStoreProblem, hint: string): KeyStoreError =>
    new KeyStoreError(message, problem, { hint, cause: error, ...(profile !== undefined ? { profile } : {}) });
  const who = profile !== undefined ? `profile "${profile}": ` : '';
  if (/prompt was dismissed|is locked|locked collection|IsLocked/i.test(detail)) {
    return fail(
      `${who}the OS keyring is locked (${action})`,
      'locked',
      `unlock it (log in to the desktop session, or unlock the "login" keyring), ${FALLBACK}`,
    );
  }
  if (UNREACHABLE.test(detail)) {
    return fail(
      `${who}the OS keyring cannot be reached (${action}: ${detail})`,
      'unreachable',
      `start a Secret Service (gnome-keyring, KeePassXC) in a D-Bus session, ${FALLBACK}`,
    );
  }
  return fail(
    `${who}the OS keyring failed while ${action}: ${detail}`,
    'failed',
    `retry; set AWSX_DEBUG=1 for details, ${FALLBACK}`,
  );
}

function parseItem(text: string | null): StoredKey | undefined {
  if (text === null) return undefined;
  try {
    const item = JSON.parse(text) as { AccessKeyId?: unknown; SecretAccessKey?: unknown };
    if (typeof item.AccessKeyId === 'string' && typeof item.SecretAccessKey === 'string')
      return { accessKeyId: item.AccessKeyId, secretAccessKey: item.SecretAccessKey };
  } catch {
    // not awsx's: treated as missing
  }
  return undefined;
}

export async function keyringBackend(): Promise<KeyBackend> {
  const { AsyncEntry } = await loadBinding();
  const entry = (profile: string, slot: KeySlot, action: string): InstanceType<Binding['AsyncEntry']> => {
    try {
      return new AsyncEntry(SERVICES[slot], profile, { linux: { store: 'secret-service' } });
    } catch (error) {
      throw classifyKeyringError(error, action, profile);
    }
  };
  const call = async <T>(profile: string, action: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw classifyKeyringError(error, action, profile);
    }
  };
  return {
    name: 'keyring',
    where:
      process.platform === 'darwin'
        ? 'the macOS Keychain'
        : process.platform === 'win32'
          ? 'the Windows Credential Manager'
          : 'the Secret Service keyring',
    get: (profile, slot) =>
      call(profile, 'reading a key', async () => parseItem(await entry(profile, slot, 'reading a key').getPassword())),
    set: (profile, slot, key) =>
      call(profile, 'storing a key', () =>
        entry(profile, slot, 'storing a key').setPassword(
          JSON.stringify({ Version: 1, AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey }),
        ),
      ),
    delete: (profile, slot) =>
      call(
        profile,
        'removing a key',
        async () => void (await entry(profile, slot, 'removing a key').deleteCredential()),
      ),
  };
}
