// awsx keys add/import/list/rotate/remove: IAM users' long-term keys in the OS keyring (or awsx's encrypted
// key file) instead of ~/.aws/credentials. Secrets are read without echo (or as JSON on stdin), never printed.
import { systemClock } from '../../config/clock.js';
import { InputError } from '../../config/errors.js';
import type { Env } from '../../config/paths.js';
import { requestedBackend } from '../../keys/backend.js';
import type { StoredKey } from '../../keys/key-backend.js';
import { maskKeyId, maxKeyAgeDays } from '../../keys/store.js';
import { addKeys } from '../../keys/add.js';
import type { KeysDeps } from '../../keys/aws.js';
import { checkProfileName } from '../../keys/config-profile.js';
import { importKeys } from '../../keys/import.js';
import { keyRows, removeKeys, type KeyRow } from '../../keys/manage.js';
import { rotateKeys } from '../../keys/rotate.js';
import { canPrompt, readHidden, terminalPassphraseProvider } from '../secret-prompt.js';
import { terminalMfaProvider } from '../terminal-prompt.js';

export interface KeysStoreFlags {
  backend?: string;
  credentialProcess: boolean;
}

function deps(env: Env, mfaCode?: string): KeysDeps {
  const passphrase = terminalPassphraseProvider();
  const mfaCodeProvider = terminalMfaProvider();
  return {
    env,
    clock: systemClock,
    note: (text) => process.stderr.write(`awsx: note: ${text}\n`),
    ...(passphrase ? { passphrase } : {}),
    mfa: { ...(mfaCode !== undefined ? { mfaCode } : {}), ...(mfaCodeProvider ? { mfaCodeProvider } : {}) },
  };
}

async function readStdin(limit = 64 * 1024): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.length > limit)
      throw new InputError('stdin holds more than an access key', {
        hint: 'pipe {"AccessKeyId": ..., "SecretAccessKey": ...}',
      });
  }
  return text;
}

/** The key to add: typed without echo on a terminal, else JSON on stdin (also `aws iam create-access-key` output). */
export async function readKeyInput(profile: string): Promise<StoredKey> {
  if (canPrompt()) {
    const accessKeyId = (await readHidden(`Access key id for ${profile}: `)).trim();
    const secretAccessKey = (await readHidden(`Secret access key for ${profile}: `)).trim();
    return { accessKeyId, secretAccessKey };
  }
  const bad = (): InputError =>
    new InputError(`profile "${profile}": stdin is not JSON with AccessKeyId and SecretAccessKey`, {
      profile,
      hint: 'pipe {"AccessKeyId": "AKIA...", "SecretAccessKey": "..."}, or run on a terminal to type them',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readStdin());
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw bad();
  }
  const doc = (parsed as { AccessKey?: unknown })?.AccessKey ?? parsed;
  const { AccessKeyId, SecretAccessKey } = (doc ?? {}) as { AccessKeyId?: unknown; SecretAccessKey?: unknown };
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') throw bad();
  return { accessKeyId: AccessKeyId.trim(), secretAccessKey: SecretAccessKey.trim() };
}

const processNote = (flags: KeysStoreFlags): string =>
  flags.credentialProcess ? ', with credential_process = awsx credential-process for other tools' : '';

export async function keysAddCommand(profile: string, flags: KeysStoreFlags, env: Env): Promise<number> {
  requestedBackend(flags.backend, env); // a bad AWSX_KEYS_BACKEND fails before the secret is typed
  checkProfileName(profile);
  const key = await readKeyInput(profile);
  const result = await addKeys(deps(env), profile, key, flags);
  const who = result.record.userArn ? ` (${result.record.userArn})` : '';
  process.stderr.write(
    `awsx: stored ${maskKeyId(result.record.accessKeyId)}${who} for profile ${profile} in ${result.where}; ` +
      `[profile ${profile}] in ${result.configPath}${processNote(flags)}\n`,
  );
  return 0;
}

export async function keysImportCommand(profiles: string[], flags: KeysStoreFlags, env: Env): Promise<number> {
  const result = await importKeys(deps(env), profiles, flags);
  const names = result.profiles.join(', ');
  if (!flags.credentialProcess) {
    process.stderr.write(
      `awsx: note: other tools (the AWS CLI, SDKs) no longer find keys for ${names}: only awsx reads the keyring\n`,
    );
  }
  process.stderr.write(
    `awsx: moved the keys of ${names} into ${result.where} and removed them from ${result.credentialsPath}` +
      `${processNote(flags)}\n`,
  );
  return 0;
}

function ageText(row: KeyRow): string {
  const days = `${row.ageDays} day${row.ageDays === 1 ? '' : 's'}`;
  return `${days}${row.sinceSource === 'stored' ? ' (stored)' : ''}${row.old ? ' OLD' : ''}`;
}

export function keysListCommand(flags: { json?: boolean; maxAge?: string }, env: Env): number {
  let maxAge = maxKeyAgeDays(env);
  if (flags.maxAge !== undefined) {
    maxAge = Number(flags.maxAge);
    if (!Number.isInteger(maxAge) || maxAge < 1)
      throw new InputError(`--max-age "${flags.maxAge}" is not a number of days`, { hint: 'e.g. --max-age 90' });
  }
  const rows = keyRows(env, maxAge, systemClock.now());
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    process.stderr.write(
      'awsx: note: no keys in the keyring ' +
        '(awsx keys import moves them from ~/.aws/credentials; awsx keys add stores new ones)\n',
    );
    return 0;
  }
  const table = [['PROFILE', 'KEY', 'BACKEND', 'AGE', 'MFA', 'USER']];
  for (const r of rows)
    table.push([r.profile, r.accessKeyId, r.backend, ageText(r), r.mfaSerial ?? '', r.userArn ?? '']);
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  process.stdout.write(
    `${table
      .map((row) =>
        row
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n')}\n`,
  );
  for (const r of rows) {
    if (r.old)
      process.stderr.write(
        `awsx: note: ${r.profile}'s key is ${r.ageDays} days old (more than ${maxAge}): ` +
          `awsx keys rotate ${r.profile}\n`,
      );
    if (r.rotationInterrupted)
      process.stderr.write(
        `awsx: note: ${r.profile}: a rotation was interrupted; awsx keys rotate ${r.profile} finishes it\n`,
      );
  }
  return 0;
}

export async function keysRotateCommand(profile: string, flags: { mfaCode?: string }, env: Env): Promise<number> {
  const r = await rotateKeys(deps(env, flags.mfaCode), profile);
  const from = r.oldKeyId ? `${maskKeyId(r.oldKeyId)} -> ` : '';
  process.stderr.write(
    `awsx: ${r.resumed ? 'finished rotating' : 'rotated'} profile ${profile}: ${from}${maskKeyId(r.newKeyId)} ` +
      `in ${r.where}; the old key is deleted in IAM\n`,
  );
  return 0;
}

export async function keysRemoveCommand(profile: string, env: Env): Promise<number> {
  const passphrase = terminalPassphraseProvider();
  const r = await removeKeys(env, systemClock, profile, passphrase);
  const line = r.processLineRemoved ? '; removed its credential_process line' : '';
  process.stderr.write(
    `awsx: removed profile ${profile}'s key ${maskKeyId(r.record.accessKeyId)} from ${r.where}${line}. ` +
      'The key still exists in IAM: delete it there if nothing else uses it ' +
      `(aws iam delete-access-key --access-key-id ${r.record.accessKeyId})\n`,
  );
  return 0;
}
