// Runs the engine for one picker row: plans the row's target, reports progress per hop into the store,
// and bridges MFA codes (and the encrypted key file's passphrase) to the picker's inline prompt (the store
// shows the request; the UI answers through
// submit/cancel). One run at a time; Esc/Ctrl-C abort it through its AbortController.
import { CancelledError, InputError } from '../config/errors.js';
import type { Services } from '../credentials/context.js';
import type { Session } from '../credentials/engine.js';
import type { ResolveHooks } from '../credentials/engine-deps.js';
import type { PassphraseProvider } from '../keys/passphrase.js';
import type { MfaCodeProvider } from '../credentials/mfa-code.js';
import { buildPlan, parseTarget, type Plan } from '../credentials/plan.js';
import type { PickerRow } from './rows.js';
import type { SessionStore } from './store.js';
import { ssoRootFor } from '../sso/select.js';

export interface RunOptions {
  /** What the run is for, e.g. "assuming" or "refreshing" (progress and messages). */
  action: string;
  /** Ask for MFA codes in the picker; false: fail with MfaRequiredError when a code is needed. */
  interactive: boolean;
  /** Make a new final session even when a cached one is good (refresh); the cached one stays until it is replaced. */
  renew?: boolean;
}

export function planForRow(services: Services, row: PickerRow): Plan {
  return buildPlan(
    parseTarget(row.targetText),
    row.target.kind === 'sso' && row.target.ssoSession ? { ssoSession: row.target.ssoSession } : {},
    {
      graph: services.graph,
      env: services.env,
      ssoRoot: ssoRootFor(services.files, services.env),
    },
  );
}

export class SessionRunner {
  private pending: { resolve: (code: string) => void; reject: (error: Error) => void } | undefined;
  private controller: AbortController | undefined;

  constructor(
    private readonly services: Services,
    private readonly store: SessionStore,
  ) {}

  get busy(): boolean {
    return this.controller !== undefined;
  }

  async run(row: PickerRow, options: RunOptions): Promise<Session> {
    const controller = new AbortController();
    this.controller = controller;
    const plan = planForRow(this.services, row);
    const hooks: ResolveHooks = {
      signal: controller.signal,
      // A renewal never reuses the cached final session, and never deletes it: the new one replaces it in the
      // cache when it arrives, and a cancelled or failed renewal leaves the one the user had.
      ...(options.renew ? { minRemainingMs: Number.POSITIVE_INFINITY } : {}),
      onEvent: (event) => {
        if (event.type === 'notice') this.store.setStatus(event.message, 'warn');
        else if (event.status === 'start')
          this.store.update(() => ({
            progress: {
              rowId: row.id,
              action: options.action,
              step: event.index + 1,
              total: event.total,
              label: event.label,
            },
          }));
      },
      ...(options.interactive
        ? { mfaCodeProvider: this.mfaProvider(row.id), passphrase: this.passphraseProvider(row.id) }
        : {}),
    };
    this.store.update(() => ({
      busyRowId: row.id,
      progress: { rowId: row.id, action: options.action, step: 0, total: 0, label: row.name },
    }));
    try {
      return await this.services.engine.resolve(plan, hooks);
    } finally {
      if (this.controller === controller) this.controller = undefined;
      this.pending = undefined;
      this.store.update(() => ({ busyRowId: undefined, progress: undefined, mfa: undefined }));
    }
  }

  private mfaProvider(rowId: string): MfaCodeProvider {
    return ({ serial, profile, attempt, reason, signal }) =>
      new Promise<string>((resolve, reject) => {
        if (signal?.aborted) return reject(new CancelledError('MFA prompt cancelled'));
        this.pending = { resolve, reject };
        signal?.addEventListener('abort', () => reject(new CancelledError('MFA prompt cancelled')), { once: true });
        this.store.update(() => ({
          mfa: { rowId, serial, attempt, ...(profile ? { profile } : {}), ...(reason ? { reason } : {}) },
        }));
      });
  }

  /** The encrypted key file's passphrase, asked in the same inline prompt (masked); once per picker session. */
  private passphraseProvider(rowId: string): PassphraseProvider {
    return ({ path, create, attempt, reason, signal }) =>
      new Promise<string>((resolve, reject) => {
        const cancelled = (): void => reject(new CancelledError('passphrase prompt cancelled'));
        if (create)
          return reject(
            new InputError(`the encrypted key file ${path} does not exist`, { hint: 'awsx keys add creates it' }),
          );
        if (signal?.aborted) return cancelled();
        this.pending = { resolve, reject };
        signal?.addEventListener('abort', cancelled, { once: true });
        const ask = { rowId, serial: path, attempt, passphrase: true, ...(reason ? { reason } : {}) };
        this.store.update(() => ({ mfa: ask }));
      });
  }

  /** The code the user typed in the inline prompt. */
  submitMfa(code: string): void {
    const pending = this.pending;
    this.pending = undefined;
    this.store.update(() => ({ mfa: undefined }));
    pending?.resolve(code);
  }

  /** Esc at the prompt, or Ctrl-C/Esc during a run: stop the run. */
  cancel(): void {
    const pending = this.pending;
    this.pending = undefined;
    this.controller?.abort();
    pending?.reject(new CancelledError('cancelled'));
  }
}
