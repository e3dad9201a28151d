// The time, as every room reads it: handed down from the command line (the machine's clock) so no module
// reads Date.now itself and tests can put any instant in its place.

export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number;
}

/** The machine's clock: what the command line hands down. */
export const systemClock: Clock = { now: () => Date.now() };
