// The picker's service layer: every one-key action on a row. Components call these methods and read the
// store; nothing here knows about React. Credentials stay in this object's memory (never in the store), and
// status lines name the identity, never a secret.
import { CancelledError, isAwsxError } from '../config/errors.js';
import type { Clipboard } from './clipboard.js';
import type { Clock } from './clock.js';
import type { Services } from './context.js';
import type { Session } from './credential-engine.js';
import { writeCredentialsProfile } from './credentials-file.js';
import { formatRemaining } from './export-format.js';
import { MfaRequiredError } from './mfa-code.js';
import { loadRows, rowIndex, type PickerRow } from './picker-rows.js';
import { recordRecent, loadRecents } from './recents.js';
import { SessionRunner, planForRow } from './session-runner.js';
import { PickerCopy } from './picker-copy.js';
import { rowExpiry, type SessionStore } from './session-store.js';
import { mfaSessionEntries, ssoTokenEntries } from './status-strip.js';
import { issuedAt, KeptFreshWatcher, type WatcherDeps } from './kept-fresh.js';
import { needsSsoLogin, SsoPicker, type SsoPickerDeps } from './sso-picker.js';

/** Auto-refresh renews a held session this long before it expires (the cache reuses one until 5 min). */
export const REFRESH_BEFORE_MS = 10 * 60_000;

/**
 * When to renew a held session: 10 minutes before it expires, or after two thirds of its life when it is
 * short (a 15-minute session, the demo's 5-minute ones), never more often than once a minute.
 */
export function refreshWindowMs(heldAt: number | undefined, expiresAt: number): number {
  if (heldAt === undefined) return REFRESH_BEFORE_MS;
  return Math.min(REFRESH_BEFORE_MS, Math.max(60_000, (expiresAt - heldAt) / 3));
}
const RETRY_AFTER_MS = 60_000;
/** A held session is reused for an action while it has at least this long left. */
const REUSE_MS = 60_000;

export interface PickerActionDeps {
  services: Services;
  store: SessionStore;
  clock: Clock;
  clipboard?: Clipboard;
  /** Seconds after a copy to clear the clipboard (0: never). */
  clearClipboardAfter?: number;
  /** Schedules clearing after the picker exits (a detached helper); set by the entry point. */
  clearLater?: (digest: string, seconds: number) => void;
  openConsole?: (session: Session, region: string | undefined) => Promise<void>;
  whoami?: (session: Session) => Promise<{ account: string; arn: string }>;
  /** The running `awsx exec --server` processes (tests fake it; default: their status files). */
  listServers?: WatcherDeps['listServers'];
  /** IAM Identity Center test seams (sign-in, discovery, whether a browser can open). */
  sso?: Pick<SsoPickerDeps, 'login' | 'refresh' | 'canOpenBrowser'>;
}

export function errorText(error: unknown): string {
  if (isAwsxError(error)) return `${error.message}${error.hint ? ` (${error.hint})` : ''}`;
  return `unexpected error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}

export class PickerActions {
  readonly runner: SessionRunner;
  private readonly sessions = new Map<string, Session>();
  private readonly lastTry = new Map<string, number>();
  private readonly copier: PickerCopy | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Servers and refreshable profiles, read a few seconds apart once the picker is drawn. */
  private readonly keptFresh: KeptFreshWatcher;
  /** IAM Identity Center: background revalidation of discovered roles, and sign-in. */
  readonly sso: SsoPicker;
  private recents: readonly string[] = [];

  constructor(private readonly deps: PickerActionDeps) {
    this.runner = new SessionRunner(deps.services, deps.store);
    this.copier = deps.clipboard
      ? new PickerCopy({ clipboard: deps.clipboard, store: deps.store, clearAfter: deps.clearClipboardAfter ?? 0, errorText, ...(deps.clearLater ? { clearLater: deps.clearLater } : {}) })
      : undefined;
    this.keptFresh = new KeptFreshWatcher({ services: deps.services, store: deps.store, clock: deps.clock, ...(deps.listServers ? { listServers: deps.listServers } : {}) });
    this.sso = new SsoPicker({ services: deps.services, store: deps.store, recents: () => this.recents, onTokens: () => this.refreshStrip(), ...deps.sso });
  }

  private get store(): SessionStore {
    return this.deps.store;
  }

  private row(rowId: string): PickerRow | undefined {
    const { rows } = this.store.getSnapshot();
    const i = rowIndex(rows).get(rowId);
    return i === undefined ? undefined : rows[i];
  }

  /** Reads rows, recents and the strip; starts listening to the clock (auto-refresh, strip). */
  load(): void {
    const { services } = this.deps;
    this.recents = loadRecents(services.env);
    this.store.update(() => ({ rows: loadRows(services, this.recents) }));
    this.refreshStrip();
    this.sso.loadStatus();
    this.unsubscribe ??= this.deps.clock.subscribe(() => void this.tick());
    this.keptFresh.start();
  }

  /** Once the first frame is drawn: revalidate IAM Identity Center roles in the background. */
  startBackground(): Promise<void> {
    return this.sso.revalidateAll();
  }

  stop(): void {
    this.keptFresh.stop();
    this.sso.stop();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.runner.cancel();
    this.copier?.stop();
  }

  refreshStrip(): void {
    const { services, clock } = this.deps;
    this.store.update(() => ({ mfaSessions: mfaSessionEntries(services, clock.now()), ssoTokens: ssoTokenEntries(services) }));
  }

  /** The session a row holds in memory, if any. */
  sessionFor(rowId: string): Session | undefined {
    return this.sessions.get(rowId);
  }

  private async resolve(rowId: string, action: string, renew = false): Promise<Session | undefined> {
    const row = this.row(rowId);
    if (!row) return undefined;
    if (this.runner.busy || this.sso.signingIn) {
      this.store.setStatus(`busy with ${this.store.getSnapshot().progress?.label ?? 'another row'}: wait, or press Esc to cancel it`, 'warn');
      return undefined;
    }
    if (row.error) {
      this.store.setStatus(`${row.name}: ${row.error}`, 'error');
      return undefined;
    }
    const before = this.store.getSnapshot().rowState[rowId];
    this.store.patchRow(rowId, { status: 'working', error: undefined, note: undefined });
    try {
      const session = await this.runSigningIn(row, action, renew);
      this.hold(row, session);
      return session;
    } catch (error) {
      if (error instanceof CancelledError) {
        this.store.patchRow(rowId, { ...(before ?? {}), status: before?.status === 'working' ? 'idle' : (before?.status ?? 'idle') });
        this.store.setStatus(`${row.name}: cancelled`, 'warn');
      } else {
        this.store.patchRow(rowId, { status: 'error', error: errorText(error) });
        this.store.setStatus(errorText(error), 'error');
      }
      return undefined;
    }
  }

  private readonly heldAt = new Map<string, number>();

  /** Runs the row; when IAM Identity Center needs a sign-in first (no token, expired, refused), signs in and runs again. */
  private async runSigningIn(row: PickerRow, action: string, renew: boolean): Promise<Session> {
    try {
      return await this.runner.run(row, { action, interactive: true, renew });
    } catch (error) {
      const settings = needsSsoLogin(error) ? this.sso.settingsForRow(row) : undefined;
      if (!settings) throw error;
      await this.sso.login(settings);
      return this.runner.run(row, { action, interactive: true, renew });
    }
  }

  /** L: sign in to the row's IAM Identity Center session (else the only one); the names to choose from when several could be meant. */
  login(rowId?: string): string[] | undefined {
    if (this.runner.busy || this.sso.signingIn) {
      this.store.setStatus('busy: wait, or press Esc to cancel', 'warn');
      return undefined;
    }
    const target = this.sso.loginTarget(rowId ? this.row(rowId) : undefined);
    if ('choose' in target) return target.choose;
    if ('none' in target) this.store.setStatus(target.none, 'warn');
    else void this.sso.loginAndRevalidate(target.settings);
    return undefined;
  }

  /** The session picked in the chooser. */
  loginSession(name: string): void {
    const settings = this.sso.sessions().get(name);
    if (settings && !this.runner.busy && !this.sso.signingIn) void this.sso.loginAndRevalidate(settings);
  }

  private hold(row: PickerRow, session: Session): void {
    this.sessions.set(row.id, session);
    this.heldAt.set(row.id, this.deps.clock.now());
    const expiresAt = session.credentials.expiration?.getTime();
    this.store.patchRow(row.id, { status: 'live', held: true, forgotten: false, error: undefined, note: undefined, expiresAt, renewedAt: issuedAt(this.deps.services, session, this.deps.clock.now()), ...(session.arn ? { arn: session.arn } : {}) });
    this.refreshStrip();
  }

  /** A session good for at least a minute: the held one, else resolve (cache, then STS). */
  private async ensure(rowId: string, action: string): Promise<Session | undefined> {
    const held = this.sessions.get(rowId);
    const exp = held?.credentials.expiration?.getTime();
    if (held && (exp === undefined || exp - this.deps.clock.now() > REUSE_MS)) return held;
    return this.resolve(rowId, action);
  }

  /** A session for the row (held, cached or new), e.g. before a subshell; true when there is one. */
  async ensureSession(rowId: string): Promise<boolean> {
    return (await this.ensure(rowId, 'assuming')) !== undefined;
  }

  /** Enter: the session to hand to the shell; records the row as recently used. */
  async use(rowId: string): Promise<Session | undefined> {
    const session = await this.resolve(rowId, 'assuming');
    const row = this.row(rowId);
    if (session && row) await recordRecent(this.deps.services.env, row.targetText);
    return session;
  }

  async copy(rowId: string): Promise<void> {
    if (!this.copier) return this.store.setStatus('no clipboard available', 'error');
    const session = await this.ensure(rowId, 'assuming');
    if (session) await this.copier.copy(session);
  }

  cycleFormat(): void {
    PickerCopy.cycleFormat(this.store);
  }

  async openConsole(rowId: string): Promise<void> {
    const session = await this.ensure(rowId, 'assuming');
    if (!session) return;
    try {
      const open = this.deps.openConsole ?? (await defaultOpenConsole(this.deps.services));
      if (!open) return this.store.setStatus('console sign-in is not available yet', 'warn');
      this.store.setStatus(`opening the AWS console as ${session.label}...`, 'info');
      await open(session, session.region);
      this.store.setStatus(`opened the AWS console as ${session.label}`, 'ok');
    } catch (error) {
      this.store.setStatus(errorText(error), 'error');
    }
  }

  async writeProfile(rowId: string, name: string): Promise<void> {
    const session = await this.ensure(rowId, 'assuming');
    if (!session) return;
    try {
      const result = await writeCredentialsProfile(this.deps.services.env, name, session.credentials, { region: session.region });
      this.store.setStatus(`${result.replaced ? 'updated' : 'added'} [${name}] in ${result.path}; use AWS_PROFILE=${name}`, 'ok');
    } catch (error) {
      this.store.setStatus(errorText(error), 'error');
    }
  }

  async whoami(rowId: string): Promise<void> {
    const session = await this.ensure(rowId, 'assuming');
    if (!session) return;
    try {
      const who = this.deps.whoami ?? (await import('./whoami.js')).callerIdentity;
      const id = await who(session);
      this.store.setStatus(`${session.label} is ${id.arn} (account ${id.account})`, 'ok');
    } catch (error) {
      this.store.setStatus(errorText(error), 'error');
    }
  }

  async refresh(rowId: string): Promise<void> {
    const session = await this.resolve(rowId, 'refreshing', true);
    const exp = session?.credentials.expiration?.getTime();
    if (session) this.store.setStatus(`refreshed ${session.label}${exp ? `: expires in ${formatRemaining(exp - this.deps.clock.now())}` : ''}`, 'ok');
  }

  forget(rowId: string): void {
    const row = this.row(rowId);
    if (!row) return;
    const keys = new Set<string>();
    const held = this.sessions.get(rowId);
    if (held?.cacheKey) keys.add(held.cacheKey);
    if (row.cacheKey) keys.add(row.cacheKey);
    try {
      const key = this.deps.services.engine.prepare(planForRow(this.deps.services, row)).finalKey;
      if (key) keys.add(key);
    } catch {
      // a broken row has no session to forget
    }
    for (const key of keys) this.deps.services.cache.delete(key);
    this.sessions.delete(rowId);
    this.store.patchRow(rowId, { status: 'idle', forgotten: true }, true);
    this.refreshStrip();
    this.store.setStatus(`forgot the cached session of ${row.name}`, 'info');
  }

  toggleAutoRefresh(): void {
    this.store.update((s) => ({ autoRefresh: !s.autoRefresh }));
    this.store.setStatus(`auto-refresh ${this.store.getSnapshot().autoRefresh ? 'on' : 'off'}`, 'info');
  }

  submitMfa(code: string): void {
    this.runner.submitMfa(code);
  }

  cancel(): void {
    if (this.sso.cancelLogin()) return;
    this.runner.cancel();
  }

  /** Every clock tick: renew held sessions about to expire, when that needs no prompt. */
  async tick(): Promise<void> {
    const s = this.store.getSnapshot();
    const now = this.deps.clock.now();
    if (!s.autoRefresh || this.runner.busy || this.sso.signingIn) return;
    // Only held rows can be due: look at the row state (rows acted on), not at every row, once a second.
    const held = Object.keys(s.rowState).filter((id) => s.rowState[id]!.held);
    if (held.length === 0) return;
    const index = rowIndex(s.rows);
    const due = held.flatMap((id) => (index.has(id) ? [index.get(id)!] : [])).sort((a, b) => a - b);
    for (const i of due) {
      const row = s.rows[i]!;
      const state = s.rowState[row.id];
      const exp = rowExpiry(row, state);
      if (!state?.held || exp === undefined || exp - now > refreshWindowMs(this.heldAt.get(row.id), exp) || state.note) continue;
      if (now - (this.lastTry.get(row.id) ?? -Infinity) < RETRY_AFTER_MS) continue;
      this.lastTry.set(row.id, now);
      await this.autoRefresh(row);
      return; // one at a time; the next tick takes the next row
    }
  }

  private async autoRefresh(row: PickerRow): Promise<void> {
    try {
      const session = await this.runner.run(row, { action: 'auto-refreshing', interactive: false, renew: true });
      this.hold(row, session);
      this.lastTry.delete(row.id);
      this.store.setStatus(`auto-refreshed ${row.name}`, 'ok');
    } catch (error) {
      if (error instanceof MfaRequiredError) {
        this.store.patchRow(row.id, { note: 'auto-refresh needs an MFA code: press r' });
      } else if (!(error instanceof CancelledError)) {
        this.store.patchRow(row.id, { error: errorText(error) });
        this.store.setStatus(`auto-refresh of ${row.name} failed: ${errorText(error)}`, 'error');
      }
    }
  }
}

type OpenConsole = (session: Session, region: string | undefined) => Promise<void>;

/** Console sign-in lives in its own module, loaded on first use; if it cannot load, the action says so. */
async function defaultOpenConsole(services: Services): Promise<OpenConsole | undefined> {
  try {
    const m = await import('./console-signin.js');
    return (session, region) => m.openConsoleForSession(services.env, session, region ? { region } : {});
  } catch {
    return undefined;
  }
}
