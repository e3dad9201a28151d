// The picker's domain state: rows, each row's session state, the status line, progress, the MFA prompt and
// the status strip. An external store (getSnapshot/subscribe) for useSyncExternalStore: every change makes
// a new frozen snapshot, so React sees a new reference only when something changed. It holds no secrets:
// sessions' credentials stay in the service layer (picker/actions.ts).
import type { PickerRow } from './rows.js';

export type Tone = 'info' | 'ok' | 'warn' | 'error';
export const COPY_FORMATS = ['export', 'fish', 'powershell', 'cmd', 'env-no-export'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

export interface StatusMessage {
  text: string;
  tone: Tone;
}

export interface RowState {
  status: 'idle' | 'working' | 'live' | 'error';
  /** Expiry (ms) of the session the row holds; undefined: none (or never expires). */
  expiresAt?: number;
  /** The row's cached session was forgotten ('d'): ignore the expiry seen at load. */
  forgotten?: boolean;
  /** Assumed in this picker run: a candidate for auto-refresh. */
  held?: boolean;
  arn?: string;
  /** Last error, one line (message and hint). */
  error?: string;
  /** Why auto-refresh skipped this row, e.g. it needs an MFA code. */
  note?: string;
  /** When the held session was issued (assumed, renewed, or cached at), for "last renewed". */
  renewedAt?: number;
}

export interface Progress {
  rowId: string;
  action: string;
  step: number;
  total: number;
  label: string;
}

export interface MfaAsk {
  rowId: string;
  /** The MFA device; for a passphrase, the encrypted key file. */
  serial: string;
  profile?: string;
  attempt: number;
  reason?: string;
  /** The prompt asks for the encrypted key file's passphrase (masked, any characters), not an MFA code. */
  passphrase?: boolean;
}

export interface StripEntry {
  label: string;
  expiresAt: number;
}

/** A session something keeps fresh (kept-fresh.ts finds them), as the strip and the rows show it. */
export interface KeptFresh {
  source: 'server' | 'profile';
  /** What keeps it fresh: `awsx exec --server (pid 4242)`, `profile awsx-prod`. */
  by: string;
  /** The identity, as the strip names it. */
  label: string;
  /** Rows it marks: the target's row (same identity, same chain) and, for a profile, the profile's own row. */
  rowIds: readonly string[];
  lastRenewedAt?: number;
  /** A server: when it started (its first session needs no renewal). */
  since?: number;
  expiresAt?: number;
  renewals?: number;
  /** The last renewal failed (one line, no secrets). */
  failing?: string;
}

/** An IAM Identity Center session as the strip shows it (idle: nothing to say beyond its token). */
export interface SsoSessionStatus {
  name: string;
  state: 'idle' | 'syncing' | 'logged-out' | 'expired' | 'failed';
  /** Accounts whose roles were listed, and how many there are (once known), while syncing. */
  done?: number;
  total?: number;
}

/** The sign-in panel: what the user must do in the browser. Holds no token. */
export interface SsoLoginPanel {
  session: string;
  startUrl: string;
  flow: 'device' | 'pkce';
  phase: 'starting' | 'waiting';
  /** Device flow: the code to confirm and where. */
  userCode?: string;
  verificationUri?: string;
  /** The URL opened (or to open) in the browser. */
  url?: string;
  opened?: boolean;
  /** When the device code expires (ms). */
  expiresAt?: number;
}

export interface PickerSnapshot {
  rows: readonly PickerRow[];
  rowState: Readonly<Record<string, RowState>>;
  status?: StatusMessage;
  /** The last error the status line showed, kept after other messages replace it (the picker's `!`). */
  lastError?: StatusMessage;
  progress?: Progress;
  mfa?: MfaAsk;
  /** Cached MFA sessions (GetSessionToken) and their expiry. */
  mfaSessions: readonly StripEntry[];
  /** IAM Identity Center tokens and their expiry. */
  ssoTokens: readonly StripEntry[];
  /** Every configured sso-session: background revalidation progress, or why it cannot run. */
  ssoSessions: readonly SsoSessionStatus[];
  /** The IAM Identity Center sign-in running in the picker, if any. */
  ssoLogin?: SsoLoginPanel;
  autoRefresh: boolean;
  copyFormat: CopyFormat;
  /** The row an operation is running for. */
  busyRowId?: string;
  /** Sessions kept fresh outside the picker: `awsx exec --server` processes, `use --refreshable` profiles. */
  keptFresh?: readonly KeptFresh[];
}

export const EMPTY_SNAPSHOT: PickerSnapshot = Object.freeze({
  rows: [],
  rowState: {},
  mfaSessions: [],
  ssoTokens: [],
  ssoSessions: [],
  autoRefresh: true,
  copyFormat: 'export',
});

export class SessionStore {
  private snapshot: PickerSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Partial<PickerSnapshot> = {}) {
    this.snapshot = Object.freeze({ ...EMPTY_SNAPSHOT, ...initial });
  }

  getSnapshot = (): PickerSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Applies a change; listeners hear of it only when the snapshot differs. */
  update(change: (s: PickerSnapshot) => Partial<PickerSnapshot>): void {
    const patch = change(this.snapshot);
    if (Object.keys(patch).every((k) => patch[k as keyof PickerSnapshot] === this.snapshot[k as keyof PickerSnapshot]))
      return;
    this.snapshot = Object.freeze({ ...this.snapshot, ...patch });
    for (const listener of [...this.listeners]) listener();
  }

  patchRow(rowId: string, patch: Partial<RowState>, replace = false): void {
    this.update((s) => {
      const before = s.rowState[rowId] ?? { status: 'idle' };
      const next: RowState = replace ? { status: 'idle', ...patch } : { ...before, ...patch };
      return { rowState: Object.freeze({ ...s.rowState, [rowId]: Object.freeze(next) }) };
    });
  }

  setStatus(text: string, tone: Tone = 'info'): void {
    const status = Object.freeze({ text, tone });
    this.update(() => (tone === 'error' ? { status, lastError: status } : { status }));
  }

  /** A new action starts: the last one's message is stale (the last error stays for `!`). */
  clearStatus(): void {
    this.update(() => ({ status: undefined }));
  }
}

/** Expiry of the session a row holds now: the one assumed in the picker, else the cached one seen at load. */
export function rowExpiry(row: PickerRow, state: RowState | undefined): number | undefined {
  if (state?.expiresAt !== undefined) return state.expiresAt;
  if (state?.forgotten) return undefined;
  return row.cachedExpiry;
}

/** Every row's session expiry, soonest first, per rows and rowState (both replaced, never changed). */
const expiries = new WeakMap<readonly PickerRow[], { rowState: PickerSnapshot['rowState']; list: StripEntry[] }>();

/**
 * Rows holding a session that has not expired, soonest expiry first. Every frame draws the strip: the scan
 * of all rows (20,000 in a large config) runs once per change of rows or row state, not per keystroke.
 */
export function liveSessions(s: Pick<PickerSnapshot, 'rows' | 'rowState'>, now: number): StripEntry[] {
  return sessionExpiries(s).filter((e) => e.expiresAt > now);
}

/** Every row's session expiry, expired or not, soonest first (cached per rows and row state). */
export function sessionExpiries(s: Pick<PickerSnapshot, 'rows' | 'rowState'>): readonly StripEntry[] {
  let known = expiries.get(s.rows);
  if (!known || known.rowState !== s.rowState) {
    const list: StripEntry[] = [];
    for (const row of s.rows) {
      const expiresAt = rowExpiry(row, s.rowState[row.id]);
      if (expiresAt !== undefined) list.push({ label: row.name, expiresAt });
    }
    known = { rowState: s.rowState, list: list.sort((a, b) => a.expiresAt - b.expiresAt) };
    expiries.set(s.rows, known);
  }
  return known.list;
}
