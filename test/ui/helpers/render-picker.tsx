// Renders the picker with ink-testing-library: a real SessionStore and clock, fake service actions (the
// one seam the UI talks to), a fixed terminal size, as the `renderPicker` fixture of `pickerTest`. Frames are
// returned without ANSI codes.
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { expect, test, vi, type Mock } from 'vitest';
import { TickingClock } from '../../../src/picker/clock.js';
import { withSearchText, type PickerRow } from '../../../src/picker/rows.js';
import { SessionStore, type PickerSnapshot } from '../../../src/picker/store.js';
import { App, type PickerOutcome } from '../../../src/ui/components/App.js';
import { PickerProvider, type PickerServices } from '../../../src/ui/context.js';
import { makeTheme } from '../../../src/ui/theme.js';

// React warnings (act(), keys, updates after unmount) fail the test that caused them: pickerTest checks
// takeReactWarnings() after each test.
const reactWarnings: string[] = [];
const originalError = console.error;
console.error = (...args: unknown[]): void => {
  const text = args.map(String).join(' ');
  if (/act\(|Warning:|unique "key"|unmounted component/.test(text)) reactWarnings.push(text.split('\n')[0]!);
  originalError(...args);
};

function takeReactWarnings(): string[] {
  return reactWarnings.splice(0);
}

export const strip = (text: string | undefined): string => stripVTControlCharacters(text ?? '');

export function row(name: string, extra: Partial<PickerRow> = {}): PickerRow {
  return withSearchText({
    id: `profile:${name}`,
    target: { kind: 'profile', name },
    targetText: name,
    name,
    badge: 'role',
    kind: 'role',
    chain: ['base', name],
    needsMfa: false,
    hasExternalId: false,
    warnings: [],
    ...extra,
  });
}

export type FakeActions = { [K in keyof PickerServices]: Mock<PickerServices[K]> };

export function fakeActions(): FakeActions {
  const done = (): Promise<void> => Promise.resolve();
  return {
    use: vi.fn(() => Promise.resolve(true)),
    ensureSession: vi.fn(() => Promise.resolve(true)),
    copy: vi.fn(done),
    cycleFormat: vi.fn(),
    openConsole: vi.fn(done),
    writeProfile: vi.fn(done),
    whoami: vi.fn(done),
    refresh: vi.fn(done),
    forget: vi.fn(),
    toggleAutoRefresh: vi.fn(),
    submitMfa: vi.fn(),
    cancel: vi.fn(),
    login: vi.fn(() => undefined),
    loginSession: vi.fn(),
    shellSetup: vi.fn(() => undefined),
  };
}

export interface Rendered {
  frame: () => string;
  type: (...keys: string[]) => Promise<void>;
  waitFor: (predicate: (frame: string) => boolean, what?: string) => Promise<string>;
  store: SessionStore;
  actions: FakeActions;
  clock: TickingClock;
  outcomes: PickerOutcome[];
  unmount: () => void;
}

const pause = (ms = 15): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface PickerOptions {
  rows: PickerRow[];
  size?: { columns: number; rows: number };
  snapshot?: Partial<PickerSnapshot>;
  env?: Record<string, string>;
  now?: () => number;
}

async function mountPicker(options: PickerOptions): Promise<Rendered> {
  const store = new SessionStore({ rows: options.rows, ...options.snapshot });
  const clock = new TickingClock({ now: options.now ?? Date.now });
  const actions = fakeActions();
  const outcomes: PickerOutcome[] = [];
  const size = options.size ?? { columns: 100, rows: 30 };
  const tree = (
    <PickerProvider value={{ actions, store, clock, theme: makeTheme(options.env ?? {}) }}>
      <App onExit={(o) => outcomes.push(o)} size={size} />
    </PickerProvider>
  );
  const app = render(tree);
  // ink-testing-library's stdout is 100 columns wide; make Ink lay out at the size under test.
  Object.defineProperty(app.stdout, 'columns', { get: () => size.columns });
  app.rerender(tree);
  const frame = (): string => strip(app.lastFrame());
  // After a key: at least one tick, then until two frames in a row agree (bounded), so a loaded machine
  // that flushes React late does not read a stale frame.
  const settle = async (): Promise<void> => {
    await pause();
    let last = frame();
    for (let i = 0; i < 50; i++) {
      await pause(10);
      const next = frame();
      if (next === last) return;
      last = next;
    }
  };
  // React 19 flushes effects (and useInput re-subscribes) after a tick: wait before and after each key.
  await pause();
  return {
    frame,
    type: async (...keys) => {
      for (const key of keys) {
        app.stdin.write(key);
        await settle();
      }
    },
    waitFor: async (predicate, what = 'the expected frame') => {
      for (let i = 0; i < 200; i++) {
        if (predicate(frame())) return frame();
        await pause(10);
      }
      throw new Error(`timed out waiting for ${what}; last frame:\n${frame()}`);
    },
    store,
    actions,
    clock,
    outcomes,
    unmount: () => app.unmount(),
  };
}

/**
 * vitest's test with `renderPicker`: `const ui = await renderPicker({ rows })` renders the picker for this test.
 * After the test every picker it rendered is unmounted, the clock is real again, and any React warning the
 * test caused fails it.
 */
export const pickerTest = test.extend(
  'renderPicker',
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern (none)
  ({}, { onCleanup }): ((options: PickerOptions) => Promise<Rendered>) => {
    const rendered: Rendered[] = [];
    onCleanup(() => {
      for (const ui of rendered.splice(0)) ui.unmount();
      vi.useRealTimers();
      expect(takeReactWarnings()).toEqual([]);
    });
    return async (options) => {
      const ui = await mountPicker(options);
      rendered.push(ui);
      return ui;
    };
  },
);
