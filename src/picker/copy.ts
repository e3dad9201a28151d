// The picker's `c` and `f`: copy a session's export lines in the chosen format, say where they went and
// whether awsx saw them land (never the secret), and clear them after N seconds where awsx can tell they
// are still there (or, once the picker has exited, through a detached helper).
import { sha256, type Clipboard, type CopyReport } from '../shell/clipboard.js';
import type { Session } from '../credentials/engine.js';
import { renderShell } from '../credentials/export-format.js';
import { COPY_FORMATS, type SessionStore } from './store.js';

export interface CopyDeps {
  clipboard: Clipboard;
  store: SessionStore;
  /** Seconds after a copy to clear the clipboard (0: never). */
  clearAfter: number;
  /** Schedules clearing after the picker exits. */
  clearLater?: (digest: string, seconds: number) => void;
  errorText: (error: unknown) => string;
}

export class PickerCopy {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private copied: string | undefined;

  constructor(private readonly deps: CopyDeps) {}

  async copy(session: Session): Promise<void> {
    const { clipboard, store, clearAfter } = this.deps;
    const format = store.getSnapshot().copyFormat;
    const text = renderShell(session, format);
    let report: CopyReport;
    try {
      report = await clipboard.copy(text);
    } catch (error) {
      return store.setStatus(`copy failed: ${this.deps.errorText(error)}`, 'error');
    }
    const lines = `${text.trimEnd().split('\n').length} ${format} lines for ${session.label}`;
    if (this.timer) clearTimeout(this.timer);
    this.copied = undefined;
    const clears = report.clearable && clearAfter > 0;
    if (clears) {
      const digest = (this.copied = sha256(text));
      this.timer = setTimeout(() => {
        this.copied = undefined;
        void clipboard.clear(digest).then((cleared) => cleared && store.setStatus('clipboard cleared', 'info'));
      }, clearAfter * 1000);
      this.timer.unref?.();
    }
    if (!report.confirmed) {
      const advice = report.advice ? `; ${report.advice}` : '';
      return store.setStatus(`sent ${lines} ${report.where}: not confirmed${advice}`, 'warn');
    }
    const unclearable =
      clearAfter > 0 && !report.clearable ? '; not cleared later (awsx cannot check it still holds them)' : '';
    const after = clears ? `; cleared in ${clearAfter}s` : unclearable;
    store.setStatus(`copied ${lines} ${report.where}${after}${report.advice ? `; ${report.advice}` : ''}`, 'ok');
  }

  static cycleFormat(store: SessionStore): void {
    store.update((s) => ({
      copyFormat: COPY_FORMATS[(COPY_FORMATS.indexOf(s.copyFormat) + 1) % COPY_FORMATS.length]!,
    }));
    store.setStatus(`copy format: ${store.getSnapshot().copyFormat}`, 'info');
  }

  /** The picker is closing: stop the timer, and hand a pending clear to the detached helper. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.copied && this.deps.clearLater && this.deps.clearAfter)
      this.deps.clearLater(this.copied, this.deps.clearAfter);
  }
}
