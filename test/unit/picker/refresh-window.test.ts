import { describe, expect, it } from 'vitest';
import { REFRESH_BEFORE_MS, refreshWindowMs } from '../../../src/picker/auto-refresh.js';

describe('refreshWindowMs: when auto-refresh renews a held session', () => {
  it.each([
    ['a 1-hour session: 10 minutes before expiry', 0, 3600_000, REFRESH_BEFORE_MS],
    ['a 15-minute session: with 5 minutes left', 0, 900_000, 300_000],
    ['a 5-minute demo session: with 100 s left, not at once', 0, 300_000, 100_000],
    ['a session held with 2 minutes left: never more often than once a minute', 0, 120_000, 60_000],
    ['unknown start: 10 minutes', undefined, 300_000, REFRESH_BEFORE_MS],
  ])('%s', (_name, heldAt, expiresAt, expected) => {
    expect(refreshWindowMs(heldAt, expiresAt)).toBe(expected);
  });
});
