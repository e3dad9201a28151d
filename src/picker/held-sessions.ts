// The sessions the picker holds in memory, one per row: resolving a row (signing in to IAM Identity Center
// first when it must), holding the answer with its countdown, and what a failure leaves on the row. The
// credentials stay in this object's memory, never in the store.
import { CancelledError } from '../config/errors.js';
import type { Services } from '../credentials/context.js';
import type { Session } from '../credentials/engine.js';
import type { PickerClock } from './clock.js';
import { issuedAt } from './kept-fresh.js';
import type { SessionRunner } from './row-runner.js';
import type { PickerRow } from './rows.js';
import { errorText } from './session-actions.js';
import { needsSsoLogin } from '../sso/token.js';
import type { SsoPicker } from './sso.js';
import { rowExpiry, type SessionStore } from './store.js';

/** A held session is reused for an action while it has at least this long left. */
const REUSE_MS = 60_000;

export interface HeldSessionsDeps {
  services: Services;
  store: SessionStore;
  clock: PickerClock;
  runner: SessionRunner;
  sso: SsoPicker;
  /** Called when a row holds a new session (the status strip reads the cache again). */
  onHeld: () => void;
}

export class HeldSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly heldAt = new Map<string, number>();

  constructor(private readonly deps: HeldSessionsDeps) {}

  private get store(): SessionStore {
    return this.deps.store;
  }

  /** The session a row holds, if any. */
  get(rowId: string): Session | undefined {
    return this.sessions.get(rowId);
  }

  /** When the row's session was taken (the clock's time), if it holds one. */
  heldSince(rowId: string): number | undefined {
    return this.heldAt.get(rowId);
  }

  /** The held session while it is good for at least a minute more. */
  fresh(rowId: string): Session | undefined {
    const held = this.sessions.get(rowId);
    const exp = held?.credentials.expiration?.getTime();
    return held && (exp === undefined || exp - this.deps.clock.now() > REUSE_MS) ? held : undefined;
  }

  drop(rowId: string): void {
    this.sessions.delete(rowId);
  }

  /** Runs the row and holds its session; on failure, says why on the row and in the status line. */
  async resolve(row: PickerRow, action: string, renew = false): Promise<Session | undefined> {
    const { runner, sso } = this.deps;
    if (runner.busy || sso.signingIn) {
      this.store.setStatus(
        `busy with ${this.store.getSnapshot().progress?.label ?? 'another row'}: wait, or press Esc to cancel it`,
        'warn',
      );
      return undefined;
    }
    if (row.error) {
      this.store.setStatus(`${row.name}: ${row.error}`, 'error');
      return undefined;
    }
    const rowId = row.id;
    const before = this.store.getSnapshot().rowState[rowId];
    this.store.patchRow(rowId, { status: 'working', error: undefined, note: undefined });
    try {
      const session = await this.runSigningIn(row, action, renew);
      this.hold(row, session);
      return session;
    } catch (error) {
      const status = before?.status === 'working' ? 'idle' : (before?.status ?? 'idle');
      const restored = { ...(before ?? {}), status } as const;
      // A renewal that did not happen leaves the session the row had: held, cached and counting down.
      const kept = renew && rowExpiry(row, before) !== undefined;
      if (error instanceof CancelledError) {
        this.store.patchRow(rowId, restored, true);
        const what = kept ? 'refresh cancelled; the session you had is kept' : 'cancelled';
        this.store.setStatus(`${row.name}: ${what}`, 'warn');
      } else if (kept) {
        const why = errorText(error);
        this.store.patchRow(rowId, { ...restored, note: `refresh failed: ${why}` }, true);
        this.store.setStatus(`${row.name}: refresh failed, the session you had is kept: ${why}`, 'error');
      } else {
        this.store.patchRow(rowId, { status: 'error', error: errorText(error) });
        this.store.setStatus(errorText(error), 'error');
      }
      return undefined;
    }
  }

  /**
   * Runs the row; when IAM Identity Center needs a sign-in first (no token, expired, refused), signs in and
   * runs again.
   */
  private async runSigningIn(row: PickerRow, action: string, renew: boolean): Promise<Session> {
    const { runner, sso } = this.deps;
    try {
      return await runner.run(row, { action, interactive: true, renew });
    } catch (error) {
      const settings = needsSsoLogin(error) ? sso.settingsForRow(row) : undefined;
      if (!settings) throw error;
      await sso.login(settings);
      return runner.run(row, { action, interactive: true, renew });
    }
  }

  hold(row: PickerRow, session: Session): void {
    const { services, clock } = this.deps;
    this.sessions.set(row.id, session);
    this.heldAt.set(row.id, clock.now());
    const expiresAt = session.credentials.expiration?.getTime();
    this.store.patchRow(row.id, {
      status: 'live',
      held: true,
      forgotten: false,
      error: undefined,
      note: undefined,
      expiresAt,
      renewedAt: issuedAt(services, session, clock.now()),
      ...(session.arn ? { arn: session.arn } : {}),
    });
    this.deps.onHeld();
  }
}
