// Resolves one plan again and again for the credential server: its own engine over the shared session cache
// (seen through RenewalCache, so steps due for renewal are renewed and the rest, MFA sessions above all, are
// reused), an MFA code given up front used for the first run only, and a cancel switch for shutdown.
import type { Clock } from '../config/clock.js';
import { InputError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import { CredentialEngine, type Session } from '../credentials/engine.js';
import type { ResolveHooks } from '../credentials/engine-deps.js';
import type { Plan } from '../credentials/plan.js';
import type { FreshSession } from './refresh-scheduler.js';
import { RenewalCache } from './renewal-cache.js';

export interface KeeperOptions {
  env: Env;
  /** awsx's cache folder (the session cache lives under it). */
  cacheDir: string;
  plan: Plan;
  /** How to resolve: MFA provider, --mfa-code, --no-cache, duration, events. Its signal is replaced. */
  hooks: ResolveHooks;
  clock: Clock;
}

export class SessionKeeper {
  private readonly cache: RenewalCache;
  private readonly engine: CredentialEngine;
  private readonly abort = new AbortController();
  private firstRun = true;
  /** The last session resolved (its label, profile, region, account). */
  last: Session | undefined;

  constructor(private readonly options: KeeperOptions) {
    this.cache = new RenewalCache(options.cacheDir, options.clock);
    this.engine = new CredentialEngine({ env: options.env, clock: options.clock, cache: this.cache });
    this.cache.servedKey = this.engine.prepare(options.plan, options.hooks.duration).finalKey;
  }

  get plan(): Plan {
    return this.options.plan;
  }

  /** Resolves the plan once more: renewed steps come from STS, the others from the cache. `signal` also stops it. */
  async resolve(signal?: AbortSignal): Promise<FreshSession> {
    const { mfaCode, ...rest } = this.options.hooks;
    const stop = signal ? AbortSignal.any([this.abort.signal, signal]) : this.abort.signal;
    const hooks: ResolveHooks = {
      ...rest,
      signal: stop,
      ...(this.firstRun && mfaCode !== undefined ? { mfaCode } : {}),
    };
    this.firstRun = false;
    const session = await this.engine.resolve(this.options.plan, hooks);
    const fresh = this.fresh(session);
    this.last = session;
    return fresh;
  }

  /** Stops any resolve in progress (an MFA prompt included). */
  close(): void {
    this.abort.abort();
  }

  private fresh(session: Session): FreshSession {
    const { credentials } = session;
    const who = session.profile ? `profile "${session.profile}"` : session.label;
    if (!credentials.sessionToken || !credentials.expiration) {
      throw new InputError(
        `${who} gives credentials without ${credentials.sessionToken ? 'an expiry' : 'a session token'} ` +
          '(long-term keys): a credential server has nothing to renew',
        {
          profile: session.profile,
          hint: `run awsx exec ${session.label} -- CMD without --server`,
        },
      );
    }
    const entry = session.cacheKey && !this.options.hooks.noCache ? this.cache.peek(session.cacheKey) : undefined;
    const issuedAt =
      entry && entry.credentials.accessKeyId === credentials.accessKeyId
        ? entry.createdAt.getTime()
        : this.options.clock.now();
    const expiresAt = credentials.expiration.getTime();
    return { credentials, issuedAt, expiresAt, ...(session.accountId ? { accountId: session.accountId } : {}) };
  }
}
