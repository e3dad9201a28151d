import { describe, expect, it } from 'vitest';
import type { PickerRow } from '../../../src/picker/rows.js';
import { liveSessions, rowExpiry, SessionStore } from '../../../src/picker/store.js';
import { pickerRow } from '../../helpers/picker-row.js';

const row = (name: string, cachedExpiry?: number): PickerRow => pickerRow(name, cachedExpiry ? { cachedExpiry } : {});

describe('SessionStore', () => {
  it('gives a new frozen snapshot per change and tells subscribers', () => {
    const store = new SessionStore();
    const seen: number[] = [];
    const off = store.subscribe(() => seen.push(1));
    const before = store.getSnapshot();
    store.setStatus('hello', 'ok');
    const after = store.getSnapshot();
    expect(after).not.toBe(before);
    expect(Object.isFrozen(after)).toBe(true);
    expect(after.status).toEqual({ text: 'hello', tone: 'ok' });
    expect(before.status).toBeUndefined();
    off();
    store.setStatus('again');
    expect(seen).toHaveLength(1);
  });

  it('keeps the same snapshot when nothing changed', () => {
    const store = new SessionStore();
    const before = store.getSnapshot();
    store.update((s) => ({ autoRefresh: s.autoRefresh }));
    expect(store.getSnapshot()).toBe(before);
  });

  it('patches one row without touching the others', () => {
    const store = new SessionStore();
    store.patchRow('a', { status: 'live', expiresAt: 5 });
    const a = store.getSnapshot().rowState.a;
    store.patchRow('b', { status: 'error', error: 'boom' });
    expect(store.getSnapshot().rowState.a).toBe(a);
    store.patchRow('a', { status: 'working' });
    expect(store.getSnapshot().rowState.a).toEqual({ status: 'working', expiresAt: 5 });
    store.patchRow('a', { status: 'idle' }, true);
    expect(store.getSnapshot().rowState.a).toEqual({ status: 'idle' });
  });
});

describe('session selectors', () => {
  it('prefers the picker session, honours a forgotten cache entry, and lists live sessions soonest first', () => {
    const rows = [row('a', 10_000), row('b', 50_000), row('c', 500), row('d')];
    expect(rowExpiry(rows[0]!, undefined)).toBe(10_000);
    expect(rowExpiry(rows[0]!, { status: 'live', expiresAt: 99_000 })).toBe(99_000);
    expect(rowExpiry(rows[0]!, { status: 'idle', forgotten: true })).toBeUndefined();
    const store = new SessionStore({
      rows,
      rowState: { b: { status: 'idle', forgotten: true }, 'profile:b': { status: 'idle', forgotten: true } },
    });
    expect(liveSessions(store.getSnapshot(), 1_000)).toEqual([{ label: 'a', expiresAt: 10_000 }]);
  });
});
