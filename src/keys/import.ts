// awsx keys import: moves long-term keys from ~/.aws/credentials into the keyring. Every key is checked with
// STS first (one rejected key changes nothing), then stored and read back, then the profiles get their
// config sections, and only then are the key lines removed from the credentials file: one atomic, lossless
// edit that leaves every other byte as it was. A run stopped at any point leaves working keys somewhere
// awsx reads, and running it again finishes the job.
import { writeSecretFile } from '../config/atomic-write.js';
import { InputError } from '../config/errors.js';
import { withFileLock } from '../config/file-lock.js';
import { removeSection, upsertSection } from '../config/ini-edit.js';
import { parseIni } from '../config/ini-parse.js';
import { loadAwsFiles, readOptionalFile, stringValue, type RawProfile } from '../config/load-config.js';
import { credentialsFilePath, type Env } from '../config/paths.js';
import { chooseBackend } from './backend.js';
import type { StoredKey } from './key-backend.js';
import { storeKey, checkKeyShape } from './add.js';
import { callerOf, keyCreateDate, type KeysDeps } from './aws.js';
import { checkKeyringProfile, ensureKeyringProfile } from './config-profile.js';

const KEY_LINES = ['aws_access_key_id', 'aws_secret_access_key'];

interface Candidate {
  profile: string;
  key: StoredKey;
  region?: string;
}

/** Profiles whose long-term keys sit in the credentials file (a session token means temporary keys: not these). */
function fileKeys(raw: RawProfile, credentials: Map<string, Record<string, unknown>>): StoredKey | undefined {
  const section = credentials.get(raw.name);
  if (!section) return undefined;
  const id = section.aws_access_key_id;
  const secret = section.aws_secret_access_key;
  if (typeof id !== 'string' || typeof secret !== 'string' || !id || !secret) return undefined;
  if (stringValue(raw.values, 'aws_session_token') || stringValue(raw.values, 'aws_security_token')) return undefined;
  return { accessKeyId: id, secretAccessKey: secret };
}

function candidates(env: Env, names: readonly string[]): Candidate[] {
  const files = loadAwsFiles(env);
  const credentials = parseIni(readOptionalFile(files.credentialsPath, 'credentials file')).sections;
  const pick = (raw: RawProfile): Candidate | undefined => {
    const key = fileKeys(raw, credentials);
    const region = stringValue(raw.values, 'region');
    return key ? { profile: raw.name, key, ...(region ? { region } : {}) } : undefined;
  };
  if (names.length === 0) {
    const all = [...files.profiles.values()].map(pick).filter((c): c is Candidate => c !== undefined);
    if (all.length === 0)
      throw new InputError(`no long-term keys to import in ${files.credentialsPath}`, {
        hint: 'awsx keys add PROFILE stores keys you type in',
      });
    return all;
  }
  return names.map((name) => {
    const raw = files.profiles.get(name);
    const found = raw ? pick(raw) : undefined;
    if (!found) {
      throw new InputError(`profile "${name}" has no long-term keys in ${files.credentialsPath}`, {
        profile: name,
        hint: 'awsx keys list shows keys already in the keyring; awsx keys add stores new ones',
      });
    }
    return found;
  });
}

export interface ImportResult {
  profiles: string[];
  where: string;
  credentialsPath: string;
}

export async function importKeys(
  deps: KeysDeps,
  names: readonly string[],
  options: { backend?: string; credentialProcess: boolean },
): Promise<ImportResult> {
  const todo = candidates(deps.env, names);
  for (const c of todo) {
    checkKeyShape(c.key, `profile "${c.profile}"`);
    checkKeyringProfile(deps.env, c.profile);
  }
  const identities = [];
  for (const c of todo) identities.push(await callerOf(deps, c.key, c.profile, c.region));
  const backend = await chooseBackend(
    options.backend,
    { env: deps.env, ...(deps.passphrase ? { passphrase: deps.passphrase } : {}) },
    deps.note,
  );
  for (const [i, c] of todo.entries()) {
    const createDate = await keyCreateDate(deps, c.key, c.profile, identities[i]!.arn);
    await storeKey(deps, c.profile, c.key, backend, {
      userArn: identities[i]!.arn,
      ...(createDate ? { createDate } : {}),
    });
    await ensureKeyringProfile(deps.env, c.profile, options.credentialProcess);
  }
  const credentialsPath = await removeKeyLines(deps.env, todo);
  return { profiles: todo.map((c) => c.profile), where: backend.where, credentialsPath };
}

/** Removes the imported keys' lines (only where they still hold the imported key); a section left empty goes too. */
async function removeKeyLines(env: Env, imported: readonly Candidate[]): Promise<string> {
  const path = credentialsFilePath(env);
  await withFileLock(path, () => {
    const original = readOptionalFile(path, 'credentials file');
    let text = original;
    for (const { profile, key } of imported) {
      const section = parseIni(text).sections.get(profile);
      if (section?.aws_access_key_id !== key.accessKeyId || section.aws_secret_access_key !== key.secretAccessKey)
        continue;
      text = upsertSection(text, (s) => s === profile, profile, [], { remove: KEY_LINES });
      const left = parseIni(text).layout.filter((s) => s.name === profile);
      if (left.every((s) => s.keys.length === 0 && s.end === s.header))
        text = removeSection(text, (s) => s === profile, { blankLineBefore: true });
    }
    if (text !== original) writeSecretFile(path, text);
  });
  return path;
}
