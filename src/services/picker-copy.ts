// The picker's `c` and `f`: copy a session's export lines in the chosen format, say so without the secret,
// and clear the clipboard after N seconds (or, once the picker has exited, through a detached helper).
import { Clipboard, sha256 } from './clipboard.js';
import type { Session } from './credential-engine.js';
import { renderShell } from './export-format.js';
import { COPY_FORMATS, type SessionStore } from './session-store.js';

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
    try {
      await clipboard.copy(text);
    } catch (error) {
      return store.setStatus(`copy failed: ${this.deps.errorText(error)}`, 'error');
    }
    this.copied = sha256(text);
    if (this.timer) clearTimeout(this.timer);
    if (clearAfter > 0) {
      const digest = this.copied;
      this.timer = setTimeout(() => {
        this.copied = undefined;
        void clipboard.clear(digest).then((cleared) => cleared && store.setStatus('clipboard cleared', 'info'));
      }, clearAfter * 1000);
      this.timer.unref?.();
    }
    const lines = text.trimEnd().split('\n').length;
    store.setStatus(`copied ${lines} ${format} lines for ${session.label} (${clipboard.describe()})${clearAfter > 0 ? `; clipboard cleared in ${clearAfter}s` : ''}`, 'ok');
  }

  static cycleFormat(store: SessionStore): void {
    store.update((s) => ({ copyFormat: COPY_FORMATS[(COPY_FORMATS.indexOf(s.copyFormat) + 1) % COPY_FORMATS.length]! }));
    store.setStatus(`copy format: ${store.getSnapshot().copyFormat}`, 'info');
  }

  /** The picker is closing: stop the timer, and hand a pending clear to the detached helper. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.copied && this.deps.clearLater && this.deps.clearAfter) this.deps.clearLater(this.copied, this.deps.clearAfter);
  }
}
