// The roles a revalidation streams in, brought into the picker's list: buffered with the progress counts and
// flushed into the store at most every FLUSH_MS, each new role as a row in its place, none twice.
import type { SsoSettings } from '../config/sso-settings.js';
import type { Services } from '../credentials/context.js';
import { discoveredRows } from '../sso/discovered-rows.js';
import type { DiscoveredRole } from '../sso/roles-cache.js';
import { fromProfileRow, insertRows } from './rows.js';
import type { SessionStore } from './store.js';

/** Streamed rows and progress reach the store at most this often. */
const FLUSH_MS = 100;

export interface RowStreamDeps {
  services: Services;
  store: SessionStore;
  /** Recently used targets (list order). */
  recents: () => readonly string[];
}

/** Buffers streamed roles and progress, and brings them into the store at most every FLUSH_MS. */
export class RowStream {
  private pending: Array<{ settings: SsoSettings; roles: DiscoveredRole[] }> = [];
  private counts: [number, number] | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deps: RowStreamDeps,
    private readonly onProgress: (done: number, total: number) => void,
  ) {}

  add(settings: SsoSettings, roles: DiscoveredRole[]): void {
    this.pending.push({ settings, roles });
    this.schedule();
  }

  progress(done: number, total: number): void {
    this.counts = [done, total];
    this.schedule();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
    this.timer.unref?.();
  }

  private flush(): void {
    this.timer = undefined;
    const batches = this.pending;
    this.pending = [];
    if (batches.length > 0) {
      const snaps = batches.map(({ settings, roles }) => ({
        settings,
        roles,
        fetchedAt: new Date(this.deps.services.clock.now()),
        accountCount: 0,
      }));
      const made = discoveredRows(this.deps.services, new Map(), snaps).map(fromProfileRow);
      const { store } = this.deps;
      const known = new Set(store.getSnapshot().rows.map((r) => r.id));
      const fresh = made.filter((r) => !known.has(r.id));
      if (fresh.length > 0) store.update((s) => ({ rows: insertRows(s.rows, fresh, this.deps.recents()) }));
    }
    if (this.counts) this.onProgress(...this.counts);
  }
}
