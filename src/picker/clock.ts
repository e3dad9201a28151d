// The picker's clock: the time of the latest tick and a tick once a second, on top of the clock the command
// line hands down (config/clock.ts). Injected so components never read the time or start timers, and tests
// can drive time with fake timers. The timer runs only while someone listens.
import type { Clock } from '../config/clock.js';

// Both are functions that need no `this`, so they can be handed on alone (useSyncExternalStore does).
export interface PickerClock extends Clock {
  /** The time of the latest tick (stable between ticks, so it can be a store snapshot). */
  now: () => number;
  /** Calls `listener` on every tick; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
}

export class TickingClock implements PickerClock {
  private current: number;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly source: Clock,
    private readonly intervalMs = 1000,
  ) {
    this.current = source.now();
  }

  now = (): number => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref?.();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  };

  /** Reads the time now and tells every listener. */
  tick(): void {
    this.current = this.source.now();
    for (const listener of [...this.listeners]) listener();
  }
}
