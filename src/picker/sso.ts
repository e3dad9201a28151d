// IAM Identity Center in the picker, as services: background revalidation of each sso-session's discovered
// roles (cached rows at once, then refreshRoles with new rows streamed in, "n/N accounts" in the strip and
// "corp: 3 new roles, 1 removed" at the end), and the sign-in with its inline panel. No React: everything
// is reported through the store, which never holds a token. Nothing here prompts or opens a browser unless
// the user asked to sign in (L, or a use that needs it).
import { CancelledError, isAwsxError } from '../config/errors.js';
import type { SsoSettings } from '../config/sso-settings.js';
import type { Services } from '../credentials/context.js';
import { formatRemaining } from '../credentials/export-format.js';
import { canOpenBrowser } from '../console/open-browser.js';
import { loadRows, type PickerRow } from './rows.js';
import { planForRow } from './row-runner.js';
import { RowStream } from './sso-row-stream.js';
import type { SessionStore, SsoSessionStatus } from './store.js';
import { refreshRoles } from '../sso/discovery.js';
import { describeDiff, loadCachedRoles } from '../sso/roles-cache.js';
import { ssoLogin } from '../sso/login.js';
import type { LoginEvent, LoginOptions } from '../sso/login-context.js';
import { configuredSessions, legacySettings } from '../sso/select.js';
import { readSsoToken, tokenExpiresAt, type SsoToken } from '../sso/token-cache.js';
import { canRefresh, needsSsoLogin } from '../sso/token.js';

/** A cached role list younger than this is not revalidated when the picker opens (L always does). */
export const REVALIDATE_AFTER_MS = 5 * 60_000;

export type SsoTokenState = 'valid' | 'refreshable' | 'expired' | 'missing';

/** Whether the cached token can be used without a sign-in (refreshable: expired, but renewable silently). */
export function tokenState(settings: SsoSettings, token: SsoToken | undefined, now: number): SsoTokenState {
  if (!token) return 'missing';
  if (tokenExpiresAt(token) > now) return 'valid';
  return canRefresh(settings, token, now) ? 'refreshable' : 'expired';
}

export function sessionName(settings: Pick<SsoSettings, 'sessionName' | 'startUrl'>): string {
  return settings.sessionName ?? settings.startUrl.replace(/^https?:\/\//, '');
}

function oneLine(error: unknown): string {
  if (isAwsxError(error)) return `${error.message}${error.hint ? ` (${error.hint})` : ''}`;
  return `unexpected error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}

export type LoginTarget = { settings: SsoSettings } | { choose: string[] } | { none: string };

export interface SsoPickerDeps {
  services: Services;
  store: SessionStore;
  /** Recently used targets (list order). */
  recents: () => readonly string[];
  /** Re-reads the strip's token entries. */
  onTokens: () => void;
  /** Test seams. */
  login?: typeof ssoLogin;
  refresh?: typeof refreshRoles;
  canOpenBrowser?: boolean;
}

export class SsoPicker {
  private readonly syncs = new Map<string, AbortController>();
  private signIn: AbortController | undefined;
  private lastSyncStatus: string | undefined;
  private stopped = false;

  constructor(private readonly deps: SsoPickerDeps) {}

  private get store(): SessionStore {
    return this.deps.store;
  }

  /** Every complete [sso-session], by name. */
  sessions(): Map<string, SsoSettings> {
    return configuredSessions(this.deps.services.files);
  }

  get signingIn(): boolean {
    return this.signIn !== undefined;
  }

  private setState(name: string, patch: Omit<SsoSessionStatus, 'name'>): void {
    this.store.update((s) => ({ ssoSessions: withState(s.ssoSessions, name, patch) }));
  }

  private usable(settings: SsoSettings): SsoTokenState {
    return tokenState(settings, readSsoToken(settings, this.deps.services.env), this.deps.services.clock.now());
  }

  /** The strip's first state: every session, and which cannot be revalidated without a sign-in. */
  loadStatus(): void {
    const list: SsoSessionStatus[] = [];
    for (const [name, settings] of this.sessions()) {
      const state = this.usable(settings);
      list.push({ name, state: state === 'missing' ? 'logged-out' : state === 'expired' ? 'expired' : 'idle' });
    }
    this.store.update(() => ({ ssoSessions: Object.freeze(list) }));
  }

  /** When the picker has drawn: revalidate each session whose token is usable and whose list is not fresh. */
  revalidateAll(): Promise<void> {
    const runs: Array<Promise<void>> = [];
    for (const [name, settings] of this.sessions()) {
      const cached = loadCachedRoles(settings, this.deps.services.env);
      if (cached && this.deps.services.clock.now() - cached.fetchedAt.getTime() < REVALIDATE_AFTER_MS) continue;
      runs.push(this.revalidate(name));
    }
    return Promise.all(runs).then(() => undefined);
  }

  /** Lists the session's roles again, streaming new rows in; at the end the list matches the new cache. */
  async revalidate(name: string): Promise<void> {
    const settings = this.sessions().get(name);
    if (!settings || this.stopped) return;
    const state = this.usable(settings);
    if (state === 'missing' || state === 'expired')
      return this.setState(name, { state: state === 'missing' ? 'logged-out' : 'expired' });
    this.syncs.get(name)?.abort();
    const controller = new AbortController();
    this.syncs.set(name, controller);
    this.setState(name, { state: 'syncing' });
    const stream = new RowStream(this.deps, (done, total) => this.setState(name, { state: 'syncing', done, total }));
    try {
      const { env, clock } = this.deps.services;
      const result = await (this.deps.refresh ?? refreshRoles)(settings, {
        env,
        clock,
        signal: controller.signal,
        onProgress: (done, total) => stream.progress(done, total),
        onRoles: (batch) => stream.add(settings, batch),
      });
      stream.close();
      if (controller.signal.aborted) return;
      // One change: the list as the caches now say (removed roles disappear) and the session done.
      const rows = loadRows(this.deps.services, this.deps.recents());
      this.store.update((s) => ({ rows, ssoSessions: withState(s.ssoSessions, name, { state: 'idle' }) }));
      this.deps.onTokens();
      const changed = result.diff.added.length + result.diff.removed.length > 0;
      const current = this.store.getSnapshot().status?.text;
      if (changed || current === undefined || current === this.lastSyncStatus) {
        this.lastSyncStatus = `${name}: ${describeDiff(result.diff)}`;
        this.store.setStatus(this.lastSyncStatus, changed ? 'ok' : 'info');
      }
    } catch (error) {
      stream.close();
      if (controller.signal.aborted || error instanceof CancelledError) return;
      const signIn = needsSsoLogin(error);
      this.setState(name, { state: signIn ? 'expired' : 'failed' });
      // The error names the session; in the picker the fix for a refused or expired token is one key away.
      this.store.setStatus(signIn ? `${(error as Error).message} (press L to sign in again)` : oneLine(error), 'error');
    } finally {
      if (this.syncs.get(name) === controller) this.syncs.delete(name);
    }
  }

  /** The IAM Identity Center settings a row's credentials start from, if they do. */
  settingsForRow(row: PickerRow): SsoSettings | undefined {
    try {
      const root = planForRow(this.deps.services, row).root;
      return root.kind === 'sso' ? root.sso : undefined;
    } catch {
      return undefined;
    }
  }

  /** What L signs in to: the row's session, else the only one, else a choice. */
  loginTarget(row: PickerRow | undefined): LoginTarget {
    const own = row ? this.settingsForRow(row) : undefined;
    if (own) return { settings: own };
    const sessions = this.sessions();
    if (sessions.size === 1) return { settings: [...sessions.values()][0]! };
    if (sessions.size > 1) return { choose: [...sessions.keys()] };
    const legacy = legacySettings(this.deps.services.files);
    if (legacy.length === 1) return { settings: legacy[0]! };
    if (legacy.length > 1) return { none: 'select an SSO row to sign in to its start URL' };
    const populate = 'awsx sso populate --start-url URL --sso-region REGION --write';
    return { none: `no IAM Identity Center session is configured (add an [sso-session]: ${populate})` };
  }

  /**
   * Signs in, showing the panel; rejects with the login's error (CancelledError on Esc). The device flow
   * (code shown in the panel) unless a browser can open here and the session supports PKCE.
   */
  async login(settings: SsoSettings): Promise<void> {
    if (this.signIn || this.stopped) throw new CancelledError('a sign-in is already running');
    const controller = new AbortController();
    this.signIn = controller;
    const { env, clock } = this.deps.services;
    const browser = this.deps.canOpenBrowser ?? canOpenBrowser(env);
    const device = !settings.sessionName || !browser;
    const session = sessionName(settings);
    const base = { session, startUrl: settings.startUrl, flow: device ? ('device' as const) : ('pkce' as const) };
    this.store.update(() => ({ ssoLogin: Object.freeze({ ...base, phase: 'starting' as const }) }));
    const onEvent = (e: LoginEvent): void => {
      const panel = this.store.getSnapshot().ssoLogin;
      if (!panel || this.signIn !== controller) return;
      const next =
        e.type === 'device-code'
          ? { userCode: e.userCode, verificationUri: e.verificationUri, expiresAt: e.expiresAt.getTime() }
          : e.type === 'url'
            ? { url: e.url, opened: e.opened }
            : { phase: 'waiting' as const };
      this.store.update(() => ({ ssoLogin: Object.freeze({ ...panel, ...next }) }));
    };
    const options: LoginOptions = {
      env,
      clock,
      useDeviceCode: device,
      noBrowser: !browser,
      notify: () => {},
      onEvent,
      signal: controller.signal,
    };
    try {
      const token = await (this.deps.login ?? ssoLogin)(settings, options);
      this.store.setStatus(
        `signed in to ${session}: the token lasts ${formatRemaining(tokenExpiresAt(token) - clock.now())}`,
        'ok',
      );
      this.deps.onTokens();
      // Signed in: the session's roles are checked again behind whatever comes next.
      if (settings.sessionName && this.sessions().has(settings.sessionName)) void this.revalidate(settings.sessionName);
    } catch (error) {
      // Esc while the client registers (before the flow's own cancellation handling) is a cancel too.
      if (controller.signal.aborted && !(error instanceof CancelledError))
        throw new CancelledError(`cancelled while signing in to ${settings.startUrl}`);
      throw error;
    } finally {
      if (this.signIn === controller) this.signIn = undefined;
      this.store.update(() => ({ ssoLogin: undefined }));
    }
  }

  /** L: sign in (then the session's roles are revalidated) and report on the status line. */
  async loginAndRevalidate(settings: SsoSettings): Promise<boolean> {
    try {
      await this.login(settings);
      return true;
    } catch (error) {
      if (error instanceof CancelledError) this.store.setStatus(`${sessionName(settings)}: sign-in cancelled`, 'warn');
      else this.store.setStatus(oneLine(error), 'error');
      return false;
    }
  }

  /** Esc in the sign-in panel; true when there was one. */
  cancelLogin(): boolean {
    if (!this.signIn) return false;
    this.signIn.abort();
    return true;
  }

  /** Quit: stop the sign-in and every revalidation. */
  stop(): void {
    this.stopped = true;
    this.signIn?.abort();
    for (const controller of this.syncs.values()) controller.abort();
    this.syncs.clear();
  }
}

function withState(
  list: readonly SsoSessionStatus[],
  name: string,
  patch: Omit<SsoSessionStatus, 'name'>,
): readonly SsoSessionStatus[] {
  const all = list.some((x) => x.name === name) ? list : [...list, { name, state: 'idle' as const }];
  return Object.freeze(all.map((x) => (x.name === name ? Object.freeze({ name, ...patch }) : x)));
}
