// Writes a session into ~/.aws/credentials as [NAME]: lossless, atomic, 0600, under a lock; replaces an
// earlier session in place and refuses to overwrite long-term keys unless forced.
import { writeSecretFile } from '../config/atomic-write.js';
import { InputError } from '../config/errors.js';
import { withFileLock } from '../config/file-lock.js';
import { upsertSection } from '../config/ini-edit.js';
import { parseIni } from '../config/ini-parse.js';
import { configSectionIdentity, readOptionalFile, stringValue } from '../config/load-config.js';
import { configFilePath, credentialsFilePath, type Env } from '../config/paths.js';
import type { Credentials } from '../aws/credentials.js';
import { isoSeconds } from '../credentials/export-format.js';

export const EXPIRATION_MARKER = 'x_awsx_expiration';

export interface WriteResult {
  path: string;
  replaced: boolean;
}

export async function writeCredentialsProfile(
  env: Env,
  name: string,
  credentials: Credentials,
  options: { force?: boolean; region?: string } = {},
): Promise<WriteResult> {
  if (!/^[\w+=,.@:/-]+$/.test(name)) {
    throw new InputError(`"${name}" cannot be a profile name here`, { hint: 'use letters, digits and -_.+=,@:/' });
  }
  if (!options.force) refuseShadowedProfile(env, name);
  const path = credentialsFilePath(env);
  return withFileLock(path, () => {
    const text = readOptionalFile(path, 'credentials file');
    const existing = parseIni(text).sections.get(name);
    const oldKey = existing ? stringValue(existing, 'aws_access_key_id') : undefined;
    const longTerm =
      oldKey !== undefined && (oldKey.startsWith('AKIA') || !stringValue(existing!, 'aws_session_token'));
    if (longTerm && !options.force) {
      throw new InputError(`[${name}] in ${path} holds long-term keys; refusing to overwrite them`, {
        profile: name,
        hint: 'choose another name, or pass --force',
      });
    }
    const entries: Array<[string, string]> = [
      ['aws_access_key_id', credentials.accessKeyId],
      ['aws_secret_access_key', credentials.secretAccessKey],
    ];
    if (credentials.sessionToken) entries.push(['aws_session_token', credentials.sessionToken]);
    if (credentials.expiration) entries.push([EXPIRATION_MARKER, isoSeconds(credentials.expiration)]);
    if (options.region) entries.push(['region', options.region]);
    const remove = [
      'aws_security_token',
      ...(credentials.sessionToken ? [] : ['aws_session_token']),
      ...(credentials.expiration ? [] : [EXPIRATION_MARKER]),
    ];
    const updated = upsertSection(text, (s) => s === name, name, entries, { remove });
    writeSecretFile(path, updated);
    return { path, replaced: existing !== undefined };
  });
}

/** A config profile with role/SSO settings under the same name would win over written keys in the AWS CLI. */
function refuseShadowedProfile(env: Env, name: string): void {
  const config = parseIni(readOptionalFile(configFilePath(env), 'config file'));
  for (const [raw, values] of config.sections) {
    const id = configSectionIdentity(raw);
    if (id?.type !== 'profile' || id.name !== name) continue;
    const shadowing = [
      'role_arn',
      'sso_account_id',
      'sso_role_name',
      'credential_process',
      'web_identity_token_file',
    ].find((k) => stringValue(values, k));
    if (shadowing) {
      throw new InputError(
        `profile "${name}" in the config file has ${shadowing}, which the AWS CLI would use instead of written keys`,
        {
          profile: name,
          hint: `choose another name (e.g. ${name}-session), or pass --force`,
        },
      );
    }
  }
}
