// The picker's auto-refresh: on every clock tick, renews a session the picker holds shortly before it
// expires, when that needs no prompt (one row at a time, a failed row retried after a minute). Only held
// rows can be due, so a tick looks at the row state (the rows acted on), never at every row.
import { CancelledError } from '../config/errors.js';
import type { PickerClock } from './clock.js';
import type { Session } from '../credentials/engine.js';
import { MfaRequiredError } from '../credentials/mfa-code.js';
import { rowIndex, type PickerRow } from './rows.js';
import type { SessionRunner } from './row-runner.js';
import { rowExpiry, type SessionStore } from './store.js';

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

export interface AutoRefreshDeps {
  store: SessionStore;
  clock: PickerClock;
  runner: SessionRunner;
  /** An IAM Identity Center sign-in is running (nothing is renewed meanwhile). */
  signingIn: () => boolean;
  /** When the picker took the row's current session. */
  heldAt: (rowId: string) => number | undefined;
  /** Keeps the renewed session (and updates the row). */
  hold: (row: PickerRow, session: Session) => void;
  errorText: (error: unknown) => string;
}

export class AutoRefresh {
  private readonly lastTry = new Map<string, number>();

  constructor(private readonly deps: AutoRefreshDeps) {}

  /** Every clock tick: renew held sessions about to expire, when that needs no prompt. */
  async tick(): Promise<void> {
    const { store, clock, runner } = this.deps;
    const s = store.getSnapshot();
    const now = clock.now();
    if (!s.autoRefresh || runner.busy || this.deps.signingIn()) return;
    const held = Object.keys(s.rowState).filter((id) => s.rowState[id]!.held);
    if (held.length === 0) return;
    const index = rowIndex(s.rows);
    const due = held.flatMap((id) => (index.has(id) ? [index.get(id)!] : [])).sort((a, b) => a - b);
    for (const i of due) {
      const row = s.rows[i]!;
      const state = s.rowState[row.id];
      const exp = rowExpiry(row, state);
      if (!state?.held || exp === undefined || exp - now > refreshWindowMs(this.deps.heldAt(row.id), exp) || state.note)
        continue;
      if (now - (this.lastTry.get(row.id) ?? -Infinity) < RETRY_AFTER_MS) continue;
      this.lastTry.set(row.id, now);
      await this.renew(row);
      return; // one at a time; the next tick takes the next row
    }
  }

  private async renew(row: PickerRow): Promise<void> {
    const { store, errorText } = this.deps;
    try {
      const session = await this.deps.runner.run(row, { action: 'auto-refreshing', interactive: false, renew: true });
      this.deps.hold(row, session);
      this.lastTry.delete(row.id);
      store.setStatus(`auto-refreshed ${row.name}`, 'ok');
    } catch (error) {
      if (error instanceof MfaRequiredError) {
        store.patchRow(row.id, { note: 'auto-refresh needs an MFA code: press r' });
      } else if (!(error instanceof CancelledError)) {
        store.patchRow(row.id, { error: errorText(error) });
        store.setStatus(`auto-refresh of ${row.name} failed: ${errorText(error)}`, 'error');
      }
    }
  }
}
