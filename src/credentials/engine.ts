// The credential engine: runs a prepared plan hop by hop (root, optional MFA session, role hops), reusing
// cached steps, asking for MFA codes through the caller's provider, reporting progress as events and
// stopping when the caller's AbortSignal fires. The AWS SDK is loaded only when a call is needed, and a
// keyring root's key only when a call needs it. Its hooks and dependencies: engine-deps.ts.
import type { Credentials } from '../aws/credentials.js';
import { CancelledError } from '../config/errors.js';
import type { RootSource } from '../config/credential-chain.js';
import { arnAccount } from '../config/validate.js';
import { hopRequest } from './hop-request.js';
import { planCredentialKind, type CredentialKind } from './kind.js';
import { MfaCodeSource } from './mfa-attempts.js';
import { planSettingsProfile, planStsRegion, type Plan } from './plan.js';
import {
  preparePlan,
  type KeySessionStep,
  type MfaSessionStep,
  type PreparedHop,
  type PreparedPlan,
} from './prepared-plan.js';
import { runRootContext } from './root-context.js';
import { resolveRoot, rootAccount, rootNeedsCall, type RootContext } from './roots.js';
import type { SessionCache, SessionKind } from './session-cache.js';
import { sessionTokenMeta, stepMeta } from './step-meta.js';
import type { EngineDeps, KeyringRoot, ResolveHooks, StsApi } from './engine-deps.js';

export interface Session {
  label: string;
  profile?: string;
  chain: string[];
  credentials: Credentials;
  region?: string;
  accountId?: string;
  arn?: string;
  fromCache: boolean;
  cacheKey?: string;
  /** What the credentials are (long-term keys, a chained role...); absent when built outside the engine. */
  kind?: CredentialKind;
}

export class CredentialEngine {
  private readonly sts: () => Promise<StsApi>;

  constructor(private readonly deps: EngineDeps) {
    this.sts = deps.sts ?? (() => import('../aws/sts.js'));
  }

  prepare(plan: Plan, duration?: number): PreparedPlan {
    return preparePlan(plan, this.deps.env, duration);
  }

  async resolve(plan: Plan, hooks: ResolveHooks = {}): Promise<Session> {
    return new Run(this.deps, this.sts, this.prepare(plan, hooks.duration), hooks).execute();
  }
}

/** One execution of a plan; holds the MFA code state so a given code is used once. */
class Run {
  private readonly mfa: MfaCodeSource;
  private readonly total: number;
  private step = 0;

  constructor(
    private readonly deps: EngineDeps,
    private readonly sts: () => Promise<StsApi>,
    private readonly prepared: PreparedPlan,
    private readonly hooks: ResolveHooks,
  ) {
    this.mfa = new MfaCodeSource(hooks);
    const rootStep = prepared.mfaSession || prepared.keySession || rootNeedsCall(prepared.plan.root);
    this.total = prepared.hops.length + (rootStep ? 1 : 0);
  }

  private get plan(): Plan {
    return this.prepared.plan;
  }

  private emit(status: 'start' | 'done' | 'cached', label: string): void {
    this.hooks.onEvent?.({ type: 'step', status, index: this.step, total: this.total, label });
  }

  private checkCancelled(): void {
    if (this.hooks.signal?.aborted) throw new CancelledError(`cancelled while resolving ${this.plan.label}`);
  }

  async execute(): Promise<Session> {
    const { hops } = this.prepared;
    const cache = this.hooks.noCache ? undefined : this.deps.cache;
    let start = 0;
    let creds: Credentials | undefined;
    let arn: string | undefined;
    for (let i = hops.length - 1; i >= 0 && cache; i--) {
      const hit = cache.get(hops[i]!.key, i === hops.length - 1 ? this.hooks.minRemainingMs : undefined);
      if (hit) {
        if (i === hops.length - 1) return this.session(hit.credentials, hit.arn, true, hit.key);
        creds = hit.credentials;
        start = i + 1;
        this.step = i + 1 + (this.total - hops.length);
        break;
      }
    }
    if (!creds) {
      const root = await this.resolveRootStep(cache);
      creds = root.credentials;
      arn = root.arn;
      if (hops.length === 0) return this.session(creds, arn, root.fromCache, this.prepared.finalKey);
    }
    for (let i = start; i < hops.length; i++) {
      const hop = hops[i]!;
      const result = await this.assumeHop(hop, creds, i);
      creds = result.credentials;
      arn = result.arn;
      if (cache) this.save(hop.key, 'role', hop.profile, result.credentials, result.arn, i === hops.length - 1);
    }
    return this.session(creds, arn, false, this.prepared.finalKey);
  }

  private session(
    credentials: Credentials,
    arn: string | undefined,
    fromCache: boolean,
    key: string | undefined,
  ): Session {
    const plan = this.plan;
    const lastHop = plan.hops[plan.hops.length - 1];
    const accountId = (arn ? arnAccount(arn)?.accountId : undefined) ?? lastHop?.accountId ?? rootAccount(plan.root);
    return {
      label: plan.label,
      chain: plan.chain,
      credentials,
      fromCache,
      kind: planCredentialKind(this.prepared, this.deps.env, credentials),
      ...(plan.profile ? { profile: plan.profile } : {}),
      ...(plan.region ? { region: plan.region } : {}),
      ...(accountId ? { accountId } : {}),
      ...(arn ? { arn } : {}),
      ...(key ? { cacheKey: key } : {}),
    };
  }

  private save(
    key: string,
    kind: SessionKind,
    profile: string | undefined,
    credentials: Credentials,
    arn: string | undefined,
    isFinal: boolean,
  ): void {
    this.deps.cache.put(key, stepMeta(this.plan, kind, profile, arn, isFinal), credentials);
  }

  private async resolveRootStep(
    cache: SessionCache | undefined,
  ): Promise<{ credentials: Credentials; arn?: string; fromCache: boolean }> {
    const { plan, prepared } = this;
    const root = plan.root;
    const sessionStep = prepared.mfaSession ?? prepared.keySession;
    if (sessionStep) return this.sessionTokenStep(sessionStep, cache);
    if (prepared.rootKey && cache) {
      const hit = cache.get(prepared.rootKey, plan.hops.length === 0 ? this.hooks.minRemainingMs : undefined);
      if (hit) {
        this.emit('cached', root.profile);
        this.step++;
        return { credentials: hit.credentials, arn: hit.arn, fromCache: true };
      }
    }
    const needsCall = rootNeedsCall(root);
    if (needsCall) this.emit('start', root.profile);
    const result = await resolveRoot(root, this.rootContext());
    this.checkCancelled();
    if (needsCall) {
      this.emit('done', root.profile);
      this.step++;
    }
    if (prepared.rootKey && cache) {
      this.save(
        prepared.rootKey,
        root.kind === 'sso' ? 'sso-role' : 'web-identity',
        root.profile,
        result.credentials,
        result.arn,
        plan.hops.length === 0,
      );
    }
    return { ...result, fromCache: false };
  }

  private rootContext(): RootContext {
    return runRootContext(this.deps, this.hooks, this.plan, { sts: this.sts, keyringKeys: (r) => this.keyringKeys(r) });
  }

  /**
   * GetSessionToken with long-term keys: the MFA session (with the code) for an IAM user with mfa_serial, or,
   * for a keyring profile used alone, the session that stands for its key (as aws-vault hands out).
   */
  private async sessionTokenStep(
    step: MfaSessionStep | KeySessionStep,
    cache: SessionCache | undefined,
  ): Promise<{ credentials: Credentials; fromCache: boolean }> {
    const mfa = 'serial' in step ? step : undefined;
    const label = `${step.profile} (${mfa ? 'MFA session' : 'session'})`;
    // When this session is the plan's final one (a keyring key alone, an MFA user profile), the caller's
    // minimum life applies to it.
    const hit = cache?.get(step.key, this.prepared.hops.length === 0 ? this.hooks.minRemainingMs : undefined);
    if (hit) {
      this.emit('cached', label);
      this.step++;
      return { credentials: hit.credentials, fromCache: true };
    }
    const root = this.plan.root as Extract<RootSource, { kind: 'static' | 'keyring' }>;
    this.emit('start', label);
    const source: Credentials =
      root.kind === 'keyring'
        ? await this.keyringKeys(root)
        : { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey };
    const sts = await this.sts();
    // Errors name the profile the user asked for; the MFA session belongs to its source profile.
    const who = this.plan.profile ?? step.profile;
    const source_ = who === step.profile ? '' : ` for source profile "${step.profile}"`;
    const action = mfa
      ? `starting an MFA session${source_} with ${mfa.serial}`
      : `starting a session (GetSessionToken)${source_} with the keyring key`;
    const context = { profile: who, action, usedMfa: mfa !== undefined };
    const options = {
      region: planStsRegion(this.plan),
      profile: planSettingsProfile(this.plan),
      signal: this.hooks.signal,
      context,
    };
    const duration = step.durationSeconds ? { DurationSeconds: step.durationSeconds } : {};
    const credentials = mfa
      ? await this.mfa.withCode(mfa.serial, who, mfa.mfaProcess, (code) =>
          sts.getSessionToken(source, { SerialNumber: mfa.serial, TokenCode: code, ...duration }, options),
        )
      : await sts.getSessionToken(source, duration, options);
    this.checkCancelled();
    this.emit('done', label);
    this.step++;
    if (cache) cache.put(step.key, sessionTokenMeta(this.plan, step, label), credentials);
    return { credentials, fromCache: false };
  }

  /** A keyring root's long-term keys, read only when a call needs them (a cached session needs none). */
  private async keyringKeys(root: KeyringRoot): Promise<Credentials> {
    const read =
      this.deps.keyring ??
      (async (r: KeyringRoot, hooks: ResolveHooks) =>
        (await import('../keys/store.js')).keyringCredentials(r, this.deps.env, hooks.passphrase));
    const credentials = await read(root, this.hooks);
    this.checkCancelled();
    return credentials;
  }

  private async assumeHop(
    hop: PreparedHop,
    source: Credentials,
    index: number,
  ): Promise<{ credentials: Credentials; arn?: string }> {
    this.checkCancelled();
    const label = hop.profile ?? hop.roleName;
    const count = this.prepared.hops.length;
    const { params, options, notice } = hopRequest(this.plan, hop, index, count, source, this.hooks.signal);
    if (notice) this.hooks.onEvent?.({ type: 'notice', message: notice });
    this.emit('start', label);
    const sts = await this.sts();
    const result = hop.sendMfa
      ? await this.mfa.withCode(hop.mfaSerial!, hop.profile ?? this.plan.profile, hop.mfaProcess, (code) =>
          sts.assumeRole(source, { ...params, SerialNumber: hop.mfaSerial!, TokenCode: code }, options),
        )
      : await sts.assumeRole(source, params, options);
    this.checkCancelled();
    this.emit('done', label);
    this.step++;
    return result;
  }
}
