// Login sessions shared by the OIDC side (issues tokens) and the portal (checks the bearer token).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../config/clock.js';

/** One login: its access tokens and its (rotating) refresh token. Logout ends it. */
export interface LoginSession {
  id: number;
  clientId: string;
  scopes: string[];
  ended: boolean;
  refreshToken?: string;
}

interface AccessTokenEntry {
  session: LoginSession;
  expiresAtMs: number;
}

/** Random strings shaped like the real ones. */
export const ids = {
  b64url: (bytes: number) => randomBytes(bytes).toString('base64url'),
  accessToken: () => `aoa${randomBytes(150).toString('base64url')}`,
  refreshToken: () => `aor${randomBytes(150).toString('base64url')}`,
  accessKeyId: () => `ASIA${base32(16)}`,
  secretAccessKey: () => randomBytes(30).toString('base64'),
  sessionToken: () => `IQoJb3JpZ2luX2VjE${randomBytes(300).toString('base64')}`,
  /** "ABCD-EFGH": consonant-heavy letters, as device user codes. */
  userCode: () => `${letters(4)}-${letters(4)}`,
};

function base32(n: number): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(n)].map((b) => abc[b % 32]).join('');
}

function letters(n: number): string {
  const abc = 'BCDFGHJKLMNPQRSTVWXZ';
  return [...randomBytes(n)].map((b) => abc[b % abc.length]).join('');
}

export class SessionStore {
  private nextId = 1;
  private readonly accessTokens = new Map<string, AccessTokenEntry>();
  private readonly refreshTokens = new Map<string, LoginSession>();

  constructor(private readonly clock: Clock) {}

  /** Starts a session; it gets refresh tokens only when the client registered scopes. */
  create(clientId: string, scopes: string[]): LoginSession {
    return { id: this.nextId++, clientId, scopes, ended: false };
  }

  /** Issues an access token (and, for scoped sessions, a new refresh token that replaces the old one). */
  issue(session: LoginSession, ttlSeconds: number): { accessToken: string; refreshToken?: string } {
    const accessToken = ids.accessToken();
    this.accessTokens.set(accessToken, { session, expiresAtMs: this.clock.now() + ttlSeconds * 1000 });
    if (session.scopes.length === 0) return { accessToken };
    if (session.refreshToken) this.refreshTokens.delete(session.refreshToken);
    session.refreshToken = ids.refreshToken();
    this.refreshTokens.set(session.refreshToken, session);
    return { accessToken, refreshToken: session.refreshToken };
  }

  /** Why a bearer token is not usable, or undefined when it is. */
  check(token: string | undefined): 'missing' | 'unknown' | 'expired' | 'logged-out' | undefined {
    if (!token) return 'missing';
    const entry = this.accessTokens.get(token);
    if (!entry) return 'unknown';
    if (entry.session.ended) return 'logged-out';
    if (this.clock.now() >= entry.expiresAtMs) return 'expired';
    return undefined;
  }

  /** The live session of a refresh token, if the token is current. */
  sessionForRefresh(refreshToken: string): LoginSession | undefined {
    const session = this.refreshTokens.get(refreshToken);
    return session && !session.ended ? session : undefined;
  }

  /** Logout: ends the token's session (all its access tokens and its refresh token). */
  logout(token: string): void {
    const entry = this.accessTokens.get(token);
    if (!entry) return;
    entry.session.ended = true;
    if (entry.session.refreshToken) this.refreshTokens.delete(entry.session.refreshToken);
  }

  /** Expires every access token now; with `refreshTokens`, also invalidates every refresh token. */
  expireAll(refreshTokens = false): void {
    const past = this.clock.now() - 1;
    for (const entry of this.accessTokens.values()) entry.expiresAtMs = Math.min(entry.expiresAtMs, past);
    if (refreshTokens) this.refreshTokens.clear();
  }

  /** Access tokens currently usable (for tests and the demo). */
  liveAccessTokens(): string[] {
    return [...this.accessTokens.keys()].filter((t) => this.check(t) === undefined);
  }
}
