// KeptFreshWatcher: reads servers and refreshable profiles only on the clock's ticks (never before the first
// frame), at most every 5 seconds, re-parses the config only when it changed, and leaves the store alone
// when nothing changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import type { PickerClock } from '../../../src/picker/clock.js';
import { createServices, type Services } from '../../../src/credentials/context.js';
import type { CredentialServerInfo } from '../../../src/server/registry.js';
import { issuedAt, KEPT_FRESH_EVERY_MS, KeptFreshWatcher } from '../../../src/picker/kept-fresh.js';
import { loadRows } from '../../../src/picker/rows.js';
import { writeManagedProfile } from '../../../src/server/refreshable-profile.js';
import { SessionStore } from '../../../src/picker/store.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG } from '../../helpers/sts-world.js';

class ManualClock implements PickerClock {
  current = Date.parse('2026-01-01T12:00:00Z');
  private listeners = new Set<() => void>();
  now = (): number => this.current;
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  advance(ms: number): void {
    this.current += ms;
    for (const l of [...this.listeners]) l();
  }
  get listening(): number {
    return this.listeners.size;
  }
}

const server = (pid: number, label: string): CredentialServerInfo => ({
  pid,
  label,
  profile: label,
  chain: ['base', label],
  startedAt: '2026-01-01T11:00:00.000Z',
  state: 'fresh',
  renewals: 0,
});

describe('KeptFreshWatcher', () => {
  let sb: Sandbox;
  let services: Services;
  let store: SessionStore;
  let clock: ManualClock;
  let servers: CredentialServerInfo[];
  let reads: number;
  let watcher: KeptFreshWatcher;
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS });
    services = createServices(sb.env, systemClock);
    store = new SessionStore({ rows: loadRows(services, []) });
    clock = new ManualClock();
    servers = [];
    reads = 0;
    watcher = new KeptFreshWatcher({ services, store, clock, listServers: () => (reads++, servers) });
  });
  afterEach(() => {
    watcher.stop();
    sb.cleanup();
  });

  it('reads on the first tick, then at most every few seconds, and only changes the store on a change', () => {
    watcher.start();
    expect(reads).toBe(0);
    expect(store.getSnapshot().keptFresh).toBeUndefined();
    servers = [server(11, 'hop1')];
    clock.advance(1_000);
    expect(reads).toBe(1);
    expect(store.getSnapshot().keptFresh).toMatchObject([
      { source: 'server', label: 'hop1', rowIds: ['profile:hop1'], since: Date.parse('2026-01-01T11:00:00Z') },
    ]);
    const first = store.getSnapshot();
    clock.advance(1_000);
    expect(reads).toBe(1);
    clock.advance(KEPT_FRESH_EVERY_MS);
    expect(reads).toBe(2);
    expect(store.getSnapshot()).toBe(first); // same servers: no new snapshot, no re-render
    servers = [];
    clock.advance(KEPT_FRESH_EVERY_MS);
    expect(store.getSnapshot().keptFresh).toEqual([]);
    watcher.stop();
    expect(clock.listening).toBe(0);
  });

  it('a held session was renewed when it was issued: now, or for a cached one, when it was cached', () => {
    const entry = services.cache.put(
      'k1',
      { kind: 'role', label: 'hop1', chain: ['base', 'hop1'] },
      { accessKeyId: 'ASIA', secretAccessKey: 's', sessionToken: 't', expiration: new Date(Date.now() + 3_600_000) },
    );
    expect(issuedAt(services, { fromCache: false, cacheKey: 'k1' }, 42)).toBe(42);
    expect(issuedAt(services, { fromCache: true, cacheKey: 'k1' }, 42)).toBe(entry.createdAt.getTime());
    expect(issuedAt(services, { fromCache: true, cacheKey: 'gone' }, 42)).toBe(42);
  });

  it('picks up a profile written by awsx use --refreshable while the picker runs, and its removal', async () => {
    watcher.start();
    clock.advance(KEPT_FRESH_EVERY_MS);
    expect(store.getSnapshot().keptFresh ?? []).toEqual([]);
    await writeManagedProfile(sb.env, 'awsx-hop2', `/node /awsx.js credential-process hop2`, undefined);
    clock.advance(KEPT_FRESH_EVERY_MS);
    // No session cached for it yet; it marks hop2 (its own row appears once the picker reloads its rows).
    expect(store.getSnapshot().keptFresh).toEqual([
      { source: 'profile', by: 'profile awsx-hop2', label: 'hop2', rowIds: ['profile:hop2'] },
    ]);
    sb.write('config', STANDARD_CONFIG);
    clock.advance(KEPT_FRESH_EVERY_MS);
    expect(store.getSnapshot().keptFresh).toEqual([]);
  });
});
