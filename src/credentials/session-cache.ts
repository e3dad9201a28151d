// awsx's session cache: one 0600 JSON file per (profile, chain, MFA, external id, duration), in a 0700 folder.
// Entries are reused until 5 minutes before they expire. An entry is believed only when the folder and the
// file are this user's own (private-folder.ts), the file names its own key, and its expiry is plausible: a
// file planted by someone else is ignored. A cache that cannot be written costs a warning, never the answer.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Credentials } from '../aws/credentials.js';
import { CLOCK_SKEW_MS, expiryProblem } from '../aws/expiry.js';
import type { Clock } from '../config/clock.js';
import type { Platform } from '../config/platform.js';
import { CACHE_ROLE, PrivateFolder } from '../config/private-folder.js';

export const REUSE_MARGIN_MS = 5 * 60_000;

export type SessionKind = 'role' | 'mfa-session' | 'key-session' | 'sso-role' | 'web-identity' | 'federation';

export interface SessionMeta {
  kind: SessionKind;
  /** The profile the session belongs to (the target of the request), when there is one. */
  profile?: string;
  label: string;
  chain: string[];
  accountId?: string;
  arn?: string;
  region?: string;
  /** An MFA session's device (its serial or ARN), so sessions of two devices can be told apart. */
  mfaSerial?: string;
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

/** A key is a file name: sha1 hex in practice. */
const KEY = /^[A-Za-z0-9_-]{1,128}$/;

export class SessionCache {
  private readonly folder: PrivateFolder;

  constructor(
    readonly dir: string,
    protected readonly clock: Clock,
    platform?: Platform,
  ) {
    this.folder = new PrivateFolder(dir, CACHE_ROLE, platform);
  }

  private path(key: string): string {
    return join(this.dir, 'sessions', `${key}.json`);
  }

  /** The file that holds (or would hold) the session of `key`. */
  pathOf(key: string): string {
    return this.path(key);
  }

  /** The entry if it is still good for at least `marginMs` (default: 5 minutes). */
  get(key: string, marginMs = REUSE_MARGIN_MS): CachedSession | undefined {
    const entry = this.read(key);
    if (!entry) return undefined;
    const exp = entry.credentials.expiration?.getTime();
    return exp !== undefined && exp - this.clock.now() > marginMs ? entry : undefined;
  }

  put(key: string, meta: SessionMeta, credentials: Credentials): CachedSession {
    const file: CacheFile = {
      version: 1,
      key,
      meta,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: credentials.expiration?.toISOString(),
      CreatedAt: new Date(this.clock.now()).toISOString(),
    };
    this.folder.write(this.path(key), `${JSON.stringify(file, null, 2)}\n`);
    return { ...meta, key, credentials, createdAt: new Date(file.CreatedAt) };
  }

  delete(key: string): void {
    rmSync(this.path(key), { force: true });
  }

  /** Every entry on disk, expired ones included (the caller decides what to show). */
  list(): CachedSession[] {
    return this.folder
      .list('sessions')
      .map((n) => n.slice(0, -'.json'.length))
      .filter((key) => KEY.test(key))
      .map((key) => this.read(key))
      .filter((e): e is CachedSession => e !== undefined);
  }

  /** The entry of KEY, when its file may be believed; a missing, corrupt or implausible one is a miss. */
  private read(key: string): CachedSession | undefined {
    const data = KEY.test(key) ? this.folder.read(this.path(key)) : undefined;
    if (!data) return undefined;
    let f: CacheFile;
    try {
      f = JSON.parse(data.toString('utf8')) as CacheFile;
    } catch {
      return undefined;
    }
    if (f?.version !== 1 || f.key !== key || typeof f.meta !== 'object' || f.meta === null) return undefined;
    const { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken } = f;
    if (typeof accessKeyId !== 'string' || !accessKeyId || typeof secretAccessKey !== 'string' || !secretAccessKey)
      return undefined;
    if (sessionToken !== undefined && typeof sessionToken !== 'string') return undefined;
    const createdAt = new Date(f.CreatedAt);
    const expiration = typeof f.Expiration === 'string' ? new Date(f.Expiration) : undefined;
    // Every cached session came from STS or IAM Identity Center: it has an expiry, at most 36 h after it was issued.
    const issued = createdAt.getTime();
    if (!expiration || Number.isNaN(issued) || issued > this.clock.now() + CLOCK_SKEW_MS) return undefined;
    if (expiryProblem(expiration, Number.NEGATIVE_INFINITY, issued)) return undefined;
    const credentials: Credentials = { accessKeyId, secretAccessKey, sessionToken, expiration };
    return { ...f.meta, key, credentials, createdAt };
  }
}
