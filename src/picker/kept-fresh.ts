// Which sessions something keeps fresh, for the picker, and when each was last renewed:
// - sessions the picker holds while auto-refresh is on (from the row state: held, renewedAt);
// - running `awsx exec --server` processes (their status files: listCredentialServers);
// - profiles of `awsx use --refreshable` (the awsx session cache entry their credential_process reuses).
// Only KeptFreshWatcher reads the disk, a few seconds apart on the picker's clock and never before the
// first frame; everything else here is pure and works on the store's snapshot.
import { statSync } from 'node:fs';
import type { PickerClock } from './clock.js';
import type { Services } from '../credentials/context.js';
import { listCredentialServers, type CredentialServerInfo } from '../server/registry.js';
import { isoSeconds } from '../credentials/export-format.js';
import type { PickerRow } from './rows.js';
import { buildPlan, parseTarget, planOptionsFromFlags } from '../credentials/plan.js';
import { managedProfiles, parseProcessArgs, splitProcessCommandLine } from '../server/refreshable-profile.js';
import type { KeptFresh, PickerSnapshot, RowState, SessionStore } from './store.js';
import { ssoRootFor } from '../sso/select.js';
import { readOptionalFile } from '../config/load-config.js';
import { configFilePath } from '../config/paths.js';

/** How often the watcher reads the servers folder and the refreshable profiles' cache entries. */
export const KEPT_FRESH_EVERY_MS = 5_000;

const time = (iso: string | undefined): number | undefined => {
  const t = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

/** Rows for the identity `label` with a chain of `length` hops (a `--then` chain is another identity). */
function rowsFor(rows: readonly PickerRow[], label: string, length: number): string[] {
  return rows.filter((r) => r.targetText === label && r.chain.length === length).map((r) => r.id);
}

export function serverEntries(servers: readonly CredentialServerInfo[], rows: readonly PickerRow[]): KeptFresh[] {
  return servers.map((s) => {
    const lastRenewedAt = time(s.lastRenewedAt);
    const since = time(s.startedAt);
    const expiresAt = time(s.expiresAt);
    return {
      source: 'server',
      by: `awsx exec --server (pid ${s.pid})`,
      label: s.label,
      rowIds: rowsFor(rows, s.label, s.chain.length),
      renewals: s.renewals,
      ...(lastRenewedAt !== undefined ? { lastRenewedAt } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(s.state === 'failing' && s.lastError ? { failing: s.lastError } : {}),
    };
  });
}

/** The refreshable profiles in the config and the cached session each one's credential_process reuses. */
export function profileEntries(
  services: Services,
  rows: readonly PickerRow[],
  profiles: ReadonlyArray<{ name: string; commandLine?: string }>,
): KeptFresh[] {
  const out: KeptFresh[] = [];
  for (const { name, commandLine } of profiles) {
    const parsed = commandLine ? parseProcessArgs(splitProcessCommandLine(commandLine) ?? []) : undefined;
    if (!parsed) continue;
    const own = rows.filter((r) => r.target.kind === 'profile' && r.name === name).map((r) => r.id);
    let entry: KeptFresh = { source: 'profile', by: `profile ${name}`, label: parsed.target, rowIds: own };
    try {
      const plan = buildPlan(parseTarget(parsed.target), planOptionsFromFlags(parsed.flags), {
        graph: services.graph,
        env: services.env,
        ssoRoot: ssoRootFor(services.files, services.env),
      });
      entry = { ...entry, rowIds: [...rowsFor(rows, parsed.target, plan.chain.length), ...own] };
      const key =
        parsed.flags.cache === false
          ? undefined
          : services.engine.prepare(plan, planOptionsFromFlags(parsed.flags).duration).finalKey;
      const cached = key ? services.cache.get(key, Number.NEGATIVE_INFINITY) : undefined;
      if (cached) {
        entry.lastRenewedAt = cached.createdAt.getTime();
        if (cached.credentials.expiration) entry.expiresAt = cached.credentials.expiration.getTime();
      }
    } catch {
      // a profile whose target no longer resolves: listed, with nothing known about its session
    }
    out.push(entry);
  }
  return out;
}

/** The time of day (UTC) within a day of now, else the full date and time. */
export function clockTime(at: number, now: number): string {
  const iso = isoSeconds(new Date(at));
  return Math.abs(at - now) < 86_400_000 ? iso.slice(11) : iso;
}

/**
 * Whether the picker itself keeps the row's session fresh: held, a session that expires (long-term keys have
 * nothing to renew), auto-refresh on, nothing stopping it.
 */
export function pickerKeepsFresh(state: RowState | undefined, s: Pick<PickerSnapshot, 'autoRefresh'>): boolean {
  const renewable = state?.held && state.expiresAt !== undefined;
  return Boolean(renewable && s.autoRefresh && !state?.note && state?.status !== 'error');
}

const idSets = new WeakMap<readonly KeptFresh[], Set<string>>();

/** Whether anything keeps the row fresh: the marker on the row. */
export function isKeptFresh(
  row: PickerRow,
  state: RowState | undefined,
  s: Pick<PickerSnapshot, 'autoRefresh' | 'keptFresh'>,
): boolean {
  if (pickerKeepsFresh(state, s)) return true;
  const entries = s.keptFresh;
  if (!entries || entries.length === 0) return false;
  let ids = idSets.get(entries);
  if (!ids) idSets.set(entries, (ids = new Set(entries.flatMap((e) => e.rowIds))));
  return ids.has(row.id);
}

function describe(e: KeptFresh, now: number): string {
  const renewed =
    e.lastRenewedAt !== undefined
      ? `last renewed ${clockTime(e.lastRenewedAt, now)}`
      : e.source === 'server'
        ? `not renewed yet${e.since !== undefined ? ` (serving since ${clockTime(e.since, now)})` : ''}`
        : 'no session cached yet';
  const count = e.renewals ? ` (${e.renewals} renewal${e.renewals === 1 ? '' : 's'})` : '';
  return `by ${e.by}: ${renewed}${count}${e.failing ? `; renewal failing: ${e.failing}` : ''}`;
}

/** The detail pane's `fresh` line for a row: who keeps it fresh and when each last renewed it. */
export function keptFreshText(
  row: PickerRow,
  state: RowState | undefined,
  s: Pick<PickerSnapshot, 'autoRefresh' | 'keptFresh'>,
  now: number,
): string | undefined {
  const parts: string[] = [];
  if (pickerKeepsFresh(state, s))
    parts.push(
      'by this picker (auto-refresh): ' +
        (state?.renewedAt !== undefined ? `last renewed ${clockTime(state.renewedAt, now)}` : 'held'),
    );
  for (const e of s.keptFresh ?? []) if (e.rowIds.includes(row.id)) parts.push(describe(e, now));
  return parts.length > 0 ? parts.join('; ') : undefined;
}

type FreshEntry = { label: string; renewedAt?: number; failing: boolean };
type FreshInputs = Pick<PickerSnapshot, 'rows' | 'rowState' | 'autoRefresh' | 'keptFresh'>;
const freshEntries = new WeakMap<readonly PickerRow[], { inputs: FreshInputs; entries: FreshEntry[] }>();

/**
 * The strip's `fresh` entries: every kept-fresh identity and when it was last renewed, latest first.
 * Every frame draws the strip: the scan of all rows runs once per change of its inputs, not per keystroke.
 */
export function freshStripEntries(s: FreshInputs): FreshEntry[] {
  const known = freshEntries.get(s.rows);
  if (
    known &&
    known.inputs.rowState === s.rowState &&
    known.inputs.autoRefresh === s.autoRefresh &&
    known.inputs.keptFresh === s.keptFresh
  )
    return known.entries;
  const entries = scanFreshEntries(s);
  freshEntries.set(s.rows, {
    inputs: { rows: s.rows, rowState: s.rowState, autoRefresh: s.autoRefresh, keptFresh: s.keptFresh },
    entries,
  });
  return entries;
}

function scanFreshEntries(s: FreshInputs): FreshEntry[] {
  const out: Array<{ label: string; renewedAt?: number; failing: boolean }> = [];
  for (const row of s.rows) {
    const state = s.rowState[row.id];
    if (pickerKeepsFresh(state, s))
      out.push({
        label: row.name,
        ...(state?.renewedAt !== undefined ? { renewedAt: state.renewedAt } : {}),
        failing: false,
      });
  }
  for (const e of s.keptFresh ?? [])
    out.push({
      label: e.source === 'profile' ? e.by.replace(/^profile /, '') : e.label,
      ...(e.lastRenewedAt !== undefined ? { renewedAt: e.lastRenewedAt } : {}),
      failing: e.failing !== undefined,
    });
  return out.sort((a, b) => (b.renewedAt ?? 0) - (a.renewedAt ?? 0));
}

export interface WatcherDeps {
  services: Services;
  store: SessionStore;
  clock: PickerClock;
  /** The running servers (tests fake it). */
  listServers?: (services: Services) => readonly CredentialServerInfo[];
  everyMs?: number;
}

type Managed = ReturnType<typeof managedProfiles>;

/** The config's managed profiles, parsed again only when the file changed (size or modification time). */
class ManagedProfilesReader {
  private stamp = '';
  private profiles: Managed = [];

  read(services: Services): Managed {
    const path = configFilePath(services.env);
    let stamp = '-';
    try {
      const st = statSync(path);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      // no config file: no managed profiles
    }
    if (stamp !== this.stamp) {
      this.profiles = stamp === '-' ? [] : managedProfiles(readOptionalFile(path, 'config file'));
      this.stamp = stamp;
    }
    return this.profiles;
  }
}

/** Reads servers and refreshable profiles every few seconds of the injected clock, into the store. */
export class KeptFreshWatcher {
  private last = Number.NEGATIVE_INFINITY;
  private unsubscribe: (() => void) | undefined;
  private json = '[]';
  private readonly managed = new ManagedProfilesReader();

  constructor(private readonly deps: WatcherDeps) {}

  /** Listens to the clock: the first read comes with the first tick, after the first frame. */
  start(): void {
    this.unsubscribe ??= this.deps.clock.subscribe(() => this.tick());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  tick(): void {
    const now = this.deps.clock.now();
    if (now - this.last < (this.deps.everyMs ?? KEPT_FRESH_EVERY_MS)) return;
    this.last = now;
    this.refresh();
  }

  refresh(): void {
    const { services, store } = this.deps;
    const rows = store.getSnapshot().rows;
    let entries: KeptFresh[] = [];
    try {
      const servers = (this.deps.listServers ?? ((s) => listCredentialServers(s.env)))(services);
      entries = [...serverEntries(servers, rows), ...profileEntries(services, rows, this.managed.read(services))];
    } catch {
      return; // an unreadable folder or file: keep what the picker showed
    }
    const json = JSON.stringify(entries);
    if (json === this.json) return;
    this.json = json;
    store.update(() => ({ keptFresh: Object.freeze(entries) }));
  }
}

/** When a session the picker now holds was issued: now, or for one from the cache, when it was cached. */
export function issuedAt(services: Services, session: { fromCache: boolean; cacheKey?: string }, now: number): number {
  if (!session.fromCache || !session.cacheKey) return now;
  return services.cache.get(session.cacheKey, Number.NEGATIVE_INFINITY)?.createdAt.getTime() ?? now;
}
