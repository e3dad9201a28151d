// The picker shows what is kept fresh: `↻` before the row's countdown, a `fresh` line in the detail pane
// (who keeps it fresh, when it was last renewed) and `fresh` entries in the strip. The servers come from a
// fake list (as listCredentialServers returns it), mapped by the same code the picker runs.
import { describe, expect } from 'vitest';
import type { CredentialServerInfo } from '../../src/server/registry.js';
import { serverEntries } from '../../src/picker/kept-fresh.js';
import type { KeptFresh } from '../../src/picker/store.js';
import { DOWN } from './helpers/keys.js';
import { pickerTest as it, row } from './helpers/render-picker.js';

const NOW = Date.parse('2026-01-01T12:10:00Z');
const ROWS = [
  row('prod', { cachedExpiry: NOW + 40 * 60_000, chain: ['base', 'prod'] }),
  row('staging', { chain: ['base', 'staging'] }),
  row('awsx-staging', { badge: 'process', kind: 'process', chain: ['awsx-staging'] }),
  row('dev', { cachedExpiry: NOW + 50 * 60_000, chain: ['base', 'dev'] }),
  row('plain', { cachedExpiry: NOW + 30 * 60_000, chain: ['base', 'plain'] }),
];

const SERVERS: CredentialServerInfo[] = [
  {
    pid: 4242,
    label: 'prod',
    profile: 'prod',
    chain: ['base', 'prod'],
    startedAt: '2026-01-01T11:00:00.000Z',
    state: 'fresh',
    renewals: 2,
    lastRenewedAt: '2026-01-01T12:03:04.000Z',
    expiresAt: '2026-01-01T12:50:00.000Z',
  },
  // prod with --then: another identity, so it marks no row (the strip still lists it)
  {
    pid: 4343,
    label: 'prod',
    profile: 'prod',
    chain: ['base', 'prod', 'Audit'],
    startedAt: '2026-01-01T12:09:00.000Z',
    state: 'failing',
    renewals: 0,
    lastError: 'profile "prod": MFA needed',
  },
];

const PROFILE: KeptFresh = {
  source: 'profile',
  by: 'profile awsx-staging',
  label: 'staging',
  rowIds: ['profile:staging', 'profile:awsx-staging'],
  lastRenewedAt: Date.parse('2026-01-01T12:01:00Z'),
};

/** The detail pane's text: the right-hand box of each line, joined, spaces collapsed. */
const pane = (frame: string): string =>
  frame
    .split('\n')
    .map((l) => /│ (.*?) *│$/.exec(l)?.[1] ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');

describe('kept fresh', () => {
  it('marks the rows, says who keeps each fresh and when it was last renewed, and lists them in the strip', async ({
    renderPicker,
  }) => {
    const ui = await renderPicker({
      rows: ROWS,
      now: () => NOW,
      size: { columns: 150, rows: 30 },
      snapshot: {
        keptFresh: [...serverEntries(SERVERS, ROWS), PROFILE],
        rowState: {
          'profile:dev': {
            status: 'live',
            held: true,
            expiresAt: NOW + 50 * 60_000,
            renewedAt: Date.parse('2026-01-01T12:00:00Z'),
          },
        },
      },
    });
    let f = ui.frame();
    expect(f).toMatch(/› prod .* ↻40:00 /);
    expect(f).toMatch(/ {2}dev .* ↻50:00 /);
    expect(f).toMatch(/ {2}plain .* 30:00 /);
    expect(f).not.toMatch(/^ {2}plain [^\n]*↻/m);
    expect(f).toMatch(/ {2}awsx-staging +process +↻ /);
    expect(pane(f)).toContain('fresh by awsx exec --server (pid 4242): last renewed 12:03:04Z (2 renewals)');
    expect(pane(f)).not.toContain('4343');
    expect(f).toMatch(/fresh prod ↻12:03Z, awsx-staging ↻12:01Z, dev ↻12:00Z \+1 +auto-refresh on/);

    await ui.type(DOWN);
    f = ui.frame();
    expect(f).toMatch(/› staging .*↻ /);
    expect(pane(f)).toContain('fresh by profile awsx-staging: last renewed 12:01:00Z');

    await ui.type(DOWN, DOWN);
    expect(pane(ui.frame())).toContain('fresh by this picker (auto-refresh): last renewed 12:00:00Z');
  });

  it('a failing server says so; without auto-refresh a held row is not marked', async ({ renderPicker }) => {
    const failing: CredentialServerInfo = { ...SERVERS[1]!, chain: ['base', 'prod'] };
    const ui = await renderPicker({
      rows: ROWS,
      now: () => NOW,
      size: { columns: 150, rows: 30 },
      snapshot: {
        keptFresh: serverEntries([failing], ROWS),
        autoRefresh: false,
        rowState: { 'profile:dev': { status: 'live', held: true, expiresAt: NOW + 50 * 60_000 } },
      },
    });
    const f = ui.frame();
    expect(pane(f)).toContain(
      'fresh by awsx exec --server (pid 4343): not renewed yet (serving since 12:09:00Z); renewal failing: profile "prod": MFA needed',
    );
    expect(f).toMatch(/fresh prod failing +auto-refresh off/);
    expect(f).toMatch(/ {2}dev .* 50:00 /);
    expect(f).not.toMatch(/^ {2}dev [^\n]*↻/m);
  });
});
