// The picker loads Ink with no global fetch, so yoga-layout decodes its WebAssembly itself instead of
// fetching its data: URL through undici (src/ui/without-fetch.ts); fetch is back afterwards, as it was.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { withoutGlobalFetch } from '../../src/ui/without-fetch.js';

describe('withoutGlobalFetch', () => {
  it('hides fetch while loading and restores the same property', async () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
    const seen = await withoutGlobalFetch(() => Promise.resolve(typeof globalThis.fetch));
    expect(seen).toBe('undefined');
    expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
  });

  it('restores fetch when loading fails', async () => {
    const before = globalThis.fetch;
    await expect(withoutGlobalFetch(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(globalThis.fetch).toBe(before);
  });

  it('yoga-layout, loaded so, lays out as it does with fetch, and without loading undici', () => {
    // Each in a fresh Node: the same layout from both loader paths; undici loaded only by the fetch one.
    const probe = (hide: boolean): { width: number; left: number; undici: boolean } => {
      const script = `
        ${hide ? "Object.defineProperty(globalThis, 'fetch', { value: undefined, writable: true, configurable: true });" : ''}
        const { default: Yoga } = await import('yoga-layout');
        const root = Yoga.Node.create(); root.setWidth(120); root.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);
        const a = Yoga.Node.create(); a.setFlexGrow(1); const b = Yoga.Node.create(); b.setWidth(30);
        root.insertChild(a, 0); root.insertChild(b, 1); root.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
        const undici = process.moduleLoadList.some((m) => m.includes('undici'));
        console.log(JSON.stringify({ width: a.getComputedWidth(), left: b.getComputedLeft(), undici }));`;
      return JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
      ) as { width: number; left: number; undici: boolean };
    };
    const viaFetch = probe(false);
    const itself = probe(true);
    expect(viaFetch).toEqual({ width: 90, left: 90, undici: true });
    expect(itself).toEqual({ width: 90, left: 90, undici: false });
  });
});
