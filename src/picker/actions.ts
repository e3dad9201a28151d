// The picker's service layer: every one-key action on a row. Components call these methods and read the
// store; nothing here knows about React. Credentials stay in memory (held-sessions.ts), never in the store,
// and status lines name the identity, never a secret.
import type { Clipboard } from '../shell/clipboard.js';
import type { PickerClock } from './clock.js';
import type { ConsoleMode } from '../console/browser.js';
import type { Services } from '../credentials/context.js';
import type { Session } from '../credentials/engine.js';
import { formatRemaining } from '../credentials/export-format.js';
import { AutoRefresh } from './auto-refresh.js';
import { HeldSessions } from './held-sessions.js';
import {
  errorText,
  openConsoleAs,
  showWhoami,
  writeProfileFrom,
  type OpenConsole,
  type Whoami,
} from './session-actions.js';
import { loadRows, rowIndex, type PickerRow } from './rows.js';
import { recordRecent, loadRecents } from './recents.js';
import { SessionRunner, planForRow } from './row-runner.js';
import { PickerCopy } from './copy.js';
import type { SessionStore } from './store.js';
import type { ShellSetup } from '../shell/setup.js';
import { mfaSessionEntries, ssoTokenEntries } from './status-strip.js';
import { KeptFreshWatcher, type WatcherDeps } from './kept-fresh.js';
import { SsoPicker, type SsoPickerDeps } from './sso.js';

export interface PickerActionDeps {
  services: Services;
  store: SessionStore;
  clock: PickerClock;
  clipboard?: Clipboard;
  /** Seconds after a copy to clear the clipboard (0: never). */
  clearClipboardAfter?: number;
  /** Schedules clearing after the picker exits (a detached helper); set by the entry point. */
  clearLater?: (digest: string, seconds: number) => void;
  openConsole?: OpenConsole;
  whoami?: Whoami;
  /** The running `awsx exec --server` processes (tests fake it; default: their status files). */
  listServers?: WatcherDeps['listServers'];
  /** IAM Identity Center test seams (sign-in, discovery, whether a browser can open). */
  sso?: Pick<SsoPickerDeps, 'login' | 'refresh' | 'canOpenBrowser'>;
  /** Set when Enter cannot hand a session to the calling shell: the shell integration to offer instead. */
  shellSetup?: ShellSetup | undefined;
}

export class PickerActions {
  readonly runner: SessionRunner;
  /** The sessions rows hold (credentials stay there, never in the store). */
  private readonly held: HeldSessions;
  private readonly copier: PickerCopy | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Servers and refreshable profiles, read a few seconds apart once the picker is drawn. */
  private readonly keptFresh: KeptFreshWatcher;
  /** IAM Identity Center: background revalidation of discovered roles, and sign-in. */
  readonly sso: SsoPicker;
  private readonly autoRefresh: AutoRefresh;
  private recents: readonly string[] = [];

  constructor(private readonly deps: PickerActionDeps) {
    this.runner = new SessionRunner(deps.services, deps.store);
    this.copier = deps.clipboard
      ? new PickerCopy({
          clipboard: deps.clipboard,
          store: deps.store,
          clearAfter: deps.clearClipboardAfter ?? 0,
          errorText,
          ...(deps.clearLater ? { clearLater: deps.clearLater } : {}),
        })
      : undefined;
    this.keptFresh = new KeptFreshWatcher({
      services: deps.services,
      store: deps.store,
      clock: deps.clock,
      ...(deps.listServers ? { listServers: deps.listServers } : {}),
    });
    this.sso = new SsoPicker({
      services: deps.services,
      store: deps.store,
      recents: () => this.recents,
      onTokens: () => this.refreshStrip(),
      ...deps.sso,
    });
    this.held = new HeldSessions({
      services: deps.services,
      store: deps.store,
      clock: deps.clock,
      runner: this.runner,
      sso: this.sso,
      onHeld: () => this.refreshStrip(),
    });
    this.autoRefresh = new AutoRefresh({
      store: deps.store,
      clock: deps.clock,
      runner: this.runner,
      signingIn: () => this.sso.signingIn,
      heldAt: (rowId) => this.held.heldSince(rowId),
      hold: (row, session) => this.held.hold(row, session),
      errorText,
    });
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
    this.store.update(() => ({
      mfaSessions: mfaSessionEntries(services, clock.now()),
      ssoTokens: ssoTokenEntries(services),
    }));
  }

  /** The session a row holds in memory, if any. */
  sessionFor(rowId: string): Session | undefined {
    return this.held.get(rowId);
  }

  private async resolve(rowId: string, action: string, renew = false): Promise<Session | undefined> {
    const row = this.row(rowId);
    return row ? this.held.resolve(row, action, renew) : undefined;
  }

  /**
   * L: sign in to the row's IAM Identity Center session (else the only one); the names to choose from when
   * several could be meant.
   */
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

  /** A session good for at least a minute: the held one, else resolve (cache, then STS). */
  private async ensure(rowId: string, action: string): Promise<Session | undefined> {
    return this.held.fresh(rowId) ?? this.resolve(rowId, action);
  }

  /** A session for the row (held, cached or new), e.g. before a subshell; true when there is one. */
  async ensureSession(rowId: string): Promise<boolean> {
    return (await this.ensure(rowId, 'assuming')) !== undefined;
  }

  /** Enter: the session to hand to the shell; records the row as recently used. */
  async use(rowId: string): Promise<Session | undefined> {
    const session = await this.resolve(rowId, 'assuming');
    const row = this.row(rowId);
    if (session && row) recordRecent(this.deps.services.env, row.targetText, this.deps.clock.now());
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

  /** o (the mode the profile or AWSX_CONSOLE_MODE says), or O's choice. */
  async openConsole(rowId: string, mode?: ConsoleMode): Promise<void> {
    const session = await this.ensure(rowId, 'assuming');
    if (session) await openConsoleAs(this.deps.services, this.store, session, this.deps.openConsole, mode);
  }

  async writeProfile(rowId: string, name: string): Promise<void> {
    const session = await this.ensure(rowId, 'assuming');
    if (session) await writeProfileFrom(this.deps.services, this.store, session, name);
  }

  async whoami(rowId: string): Promise<void> {
    const session = await this.ensure(rowId, 'assuming');
    if (session) await showWhoami(this.store, session, this.deps.whoami);
  }

  async refresh(rowId: string): Promise<void> {
    const session = await this.resolve(rowId, 'refreshing', true);
    const exp = session?.credentials.expiration?.getTime();
    if (session)
      this.store.setStatus(
        `refreshed ${session.label}${exp ? `: expires in ${formatRemaining(exp - this.deps.clock.now())}` : ''}`,
        'ok',
      );
  }

  forget(rowId: string): void {
    const row = this.row(rowId);
    if (!row) return;
    const keys = new Set<string>();
    const held = this.held.get(rowId);
    if (held?.cacheKey) keys.add(held.cacheKey);
    if (row.cacheKey) keys.add(row.cacheKey);
    try {
      const key = this.deps.services.engine.prepare(planForRow(this.deps.services, row)).finalKey;
      if (key) keys.add(key);
    } catch {
      // a broken row has no session to forget
    }
    for (const key of keys) this.deps.services.cache.delete(key);
    this.held.drop(rowId);
    this.store.patchRow(rowId, { status: 'idle', forgotten: true }, true);
    this.refreshStrip();
    this.store.setStatus(`forgot the cached session of ${row.name}`, 'info');
  }

  toggleAutoRefresh(): void {
    this.store.update((s) => ({ autoRefresh: !s.autoRefresh }));
    this.store.setStatus(`auto-refresh ${this.store.getSnapshot().autoRefresh ? 'on' : 'off'}`, 'info');
  }

  shellSetup(): ShellSetup | undefined {
    return this.deps.shellSetup;
  }

  submitMfa(code: string): void {
    this.runner.submitMfa(code);
  }

  cancel(): void {
    if (this.sso.cancelLogin()) return;
    this.runner.cancel();
  }

  /** Every clock tick: renew held sessions about to expire, when that needs no prompt. */
  tick(): Promise<void> {
    return this.autoRefresh.tick();
  }
}
