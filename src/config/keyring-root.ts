// A profile whose long-term keys awsx keeps in the OS keyring (or its encrypted key file): the keyring
// index names it, and its own values declare no other credentials (a credential_process that runs
// `awsx credential-process` for the profile itself is the line awsx writes for other tools, not a source).
import type { KeyBackendName, KeyRecord } from './key-index.js';
import { rootSettings, stringValue, type Values } from './load-config.js';
import { hasStaticKeys, isSsoProfile } from './profile-kinds.js';
import { shlexSplit } from './shlex.js';

export interface KeyringRootSource {
  kind: 'keyring';
  profile: string;
  /** The key's id (not secret): part of the session cache key, so a rotated key never reuses a session. */
  accessKeyId: string;
  backend: KeyBackendName;
  mfaSerial?: string;
  mfaProcess?: string;
  region?: string;
  /** When the key was created (IAM's CreateDate), else when awsx stored it. */
  since: string;
}

const AWSX_PROGRAM = /(?:^|[\\/])awsx(?:\.js|\.cmd|\.exe)?$/;

/** Whether `command` runs `awsx credential-process PROFILE` (any path to awsx, any flags after it). */
export function isOwnCredentialProcess(command: string, profile: string): boolean {
  const words = shlexSplit(command);
  if (!words) return false;
  const at = words.indexOf('credential-process');
  if (at < 1 || !words.slice(0, at).some((w) => AWSX_PROGRAM.test(w))) return false;
  return words.slice(at + 1).find((w) => !w.startsWith('-')) === profile;
}

/** Whether the profile's keys come from the keyring: it has a record, and nothing else in its values wins. */
export function usesKeyring(name: string, v: Values, record: KeyRecord | undefined): boolean {
  if (!record || stringValue(v, 'role_arn') !== undefined || isSsoProfile(v)) return false;
  const process = stringValue(v, 'credential_process');
  return process === undefined || isOwnCredentialProcess(process, name);
}

export function keyringRoot(profile: string, v: Values, record: KeyRecord): KeyringRootSource {
  return {
    kind: 'keyring',
    profile,
    accessKeyId: record.accessKeyId,
    backend: record.backend,
    since: record.createDate ?? record.storedAt,
    ...rootSettings(v),
  };
}

/** What the user should know about a profile with a keyring record. */
export function keyringWarnings(name: string, v: Values, record: KeyRecord | undefined): string[] {
  if (!record) return [];
  if (!usesKeyring(name, v, record)) {
    return [
      `has keys in the ${record.backend === 'file' ? 'encrypted key file' : 'keyring'} that awsx does not use ` +
        `(the profile's role_arn, sso_* or credential_process wins; awsx keys remove ${name} forgets them)`,
    ];
  }
  const out: string[] = [];
  if (hasStaticKeys(v))
    out.push(
      "has keys in the credentials file too; awsx uses the keyring's " +
        `(awsx keys import ${name} moves the file's into the keyring)`,
    );
  if (record.rotation) out.push(`a key rotation was interrupted; awsx keys rotate ${name} finishes it`);
  return out;
}
