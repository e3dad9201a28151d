// Renders the picker with ink-testing-library: a real SessionStore and clock, fake service actions (the
// one seam the UI talks to), a fixed terminal size, as the `renderPicker` fixture of `pickerTest`. Frames are
// returned without ANSI codes.
import { stripVTControlCharacters } from 'node:util';
import { useInput } from 'ink';
import { render } from 'ink-testing-library';
import { expect, test, vi, type Mock } from 'vitest';
import { TickingClock } from '../../../src/picker/clock.js';
import type { PickerRow } from '../../../src/picker/rows.js';
import { SessionStore, type PickerSnapshot } from '../../../src/picker/store.js';
import { App, type PickerOutcome } from '../../../src/ui/components/App.js';
import { PickerProvider, type PickerServices } from '../../../src/ui/context.js';
import { makeTheme } from '../../../src/ui/theme.js';
import { pickerRow } from '../../helpers/picker-row.js';

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
  return pickerRow(name, { chain: ['base', name], ...extra });
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

export interface PickerOptions {
  rows: PickerRow[];
  size?: { columns: number; rows: number };
  snapshot?: Partial<PickerSnapshot>;
  env?: Record<string, string>;
  now?: () => number;
}

const ESC = '\u001B';

/** Counts the Esc keys Ink hands to the picker's input hooks, with a hook of its own (renders nothing). */
function EscProbe({ onEsc }: { onEsc: () => void }): null {
  useInput((_input, key) => key.escape && onEsc());
  return null;
}

async function mountPicker(options: PickerOptions): Promise<Rendered> {
  const store = new SessionStore({ rows: options.rows, ...options.snapshot });
  const clock = new TickingClock({ now: options.now ?? Date.now });
  const actions = fakeActions();
  const outcomes: PickerOutcome[] = [];
  let escapes = 0;
  const onEsc = (): void => void escapes++;
  const size = options.size ?? { columns: 100, rows: 30 };
  const tree = (
    <PickerProvider value={{ actions, store, clock, theme: makeTheme(options.env ?? {}) }}>
      <EscProbe onEsc={onEsc} />
      <App onExit={(o) => outcomes.push(o)} size={size} />
    </PickerProvider>
  );
  const app = render(tree);
  // ink-testing-library's stdout is 100 columns wide; make Ink lay out at the size under test.
  Object.defineProperty(app.stdout, 'columns', { get: () => size.columns });
  app.rerender(tree);
  const frame = (): string => strip(app.lastFrame());
  // Ink renders a key's update at once (its root is not concurrent); React runs the effects after, in a task of
  // its scheduler (setImmediate in Node), and they may render again. Settled: a turn of the event loop that
  // writes no new frame.
  const settle = async (): Promise<void> => {
    for (let turns = 0; turns < 1000; turns++) {
      const written = app.stdout.frames.length;
      await new Promise((resolve) => setImmediate(resolve));
      if (app.stdout.frames.length === written) return;
    }
    throw new Error(`the picker kept drawing for 1000 turns of the event loop; last frame:\n${frame()}`);
  };
  // Keys reach the picker once its input hook has subscribed to stdin (an effect of the first render).
  await vi.waitUntil(() => app.stdin.listenerCount('readable') > 0, { interval: 1, message: 'the input hook' });
  await settle();
  return {
    frame,
    type: async (...keys) => {
      for (const key of keys) {
        const before = escapes;
        app.stdin.write(key);
        // A lone Esc at the end of what was read may start an escape sequence: Ink holds it until its own
        // timer says none follows, then hands it over.
        if (key.endsWith(ESC))
          await vi.waitUntil(() => escapes > before, {
            interval: 1,
            timeout: 2_000,
            message: 'Ink to hand over the Esc it holds',
          });
        await settle();
      }
    },
    waitFor: (predicate, what = 'the expected frame') =>
      vi.waitFor(
        () => {
          const f = frame();
          if (!predicate(f)) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
          return f;
        },
        { interval: 10, timeout: 2_000 },
      ),
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
