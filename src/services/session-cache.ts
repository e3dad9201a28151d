// awsx's session cache: one 0600 JSON file per (profile, chain, MFA, external id, duration), in a 0700 folder.
// Entries are reused until 5 minutes before they expire.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Credentials } from '../aws/credentials.js';
import { writeSecretFile } from '../config/atomic-write.js';

export const REUSE_MARGIN_MS = 5 * 60_000;

export type SessionKind = 'role' | 'mfa-session' | 'sso-role' | 'web-identity' | 'federation';

export interface SessionMeta {
  kind: SessionKind;
  /** The profile the session belongs to (the target of the request), when there is one. */
  profile?: string;
  label: string;
  chain: string[];
  accountId?: string;
  arn?: string;
  region?: string;
}

export interface CachedSession extends SessionMeta {
  key: string;
  credentials: Credentials;
  createdAt: Date;
}

interface CacheFile {
  version: 1;
  key: string;
  meta: SessionMeta;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  Expiration?: string;
  CreatedAt: string;
}

/** A stable cache key for any JSON-able description of a request. Never include an MFA code in it. */
export function cacheKey(descriptor: unknown): string {
  return process.getBuiltinModule('node:crypto').createHash('sha1').update(JSON.stringify(descriptor)).digest('hex');
}

export class SessionCache {
  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  private path(key: string): string {
    return join(this.dir, 'sessions', `${key}.json`);
  }

  /** The file that holds (or would hold) the session of `key`. */
  pathOf(key: string): string {
    return this.path(key);
  }

  /** The entry if it is still good for at least `marginMs` (default: 5 minutes). */
  get(key: string, marginMs = REUSE_MARGIN_MS): CachedSession | undefined {
    const entry = this.read(this.path(key));
    if (!entry) return undefined;
    const exp = entry.credentials.expiration?.getTime();
    return exp !== undefined && exp - this.now() > marginMs ? entry : undefined;
  }

  async put(key: string, meta: SessionMeta, credentials: Credentials): Promise<CachedSession> {
    const file: CacheFile = {
      version: 1,
      key,
      meta,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: credentials.expiration?.toISOString(),
      CreatedAt: new Date(this.now()).toISOString(),
    };
    await writeSecretFile(this.path(key), `${JSON.stringify(file, null, 2)}\n`);
    return { ...meta, key, credentials, createdAt: new Date(file.CreatedAt) };
  }

  delete(key: string): void {
    rmSync(this.path(key), { force: true });
  }

  /** Every entry on disk, expired ones included (the caller decides what to show). */
  list(): CachedSession[] {
    let names: string[];
    try {
      names = readdirSync(join(this.dir, 'sessions'));
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => this.read(join(this.dir, 'sessions', n)))
      .filter((e): e is CachedSession => e !== undefined);
  }

  private read(path: string): CachedSession | undefined {
    try {
      const f = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (f.version !== 1 || !f.AccessKeyId || !f.SecretAccessKey) return undefined;
      const credentials: Credentials = {
        accessKeyId: f.AccessKeyId,
        secretAccessKey: f.SecretAccessKey,
        sessionToken: f.SessionToken,
        expiration: f.Expiration ? new Date(f.Expiration) : undefined,
      };
      return { ...f.meta, key: f.key, credentials, createdAt: new Date(f.CreatedAt) };
    } catch {
      return undefined; // a missing or corrupt entry is a cache miss
    }
  }
}
