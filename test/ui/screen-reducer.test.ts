import { describe, expect, it } from 'vitest';
import {
  clampView,
  followRow,
  INITIAL_SCREEN,
  screenReducer,
  type ScreenState,
} from '../../src/ui/state/screen-reducer.js';
import { pickerMode } from '../../src/ui/state/mode.js';

const ext = { count: 100, viewRows: 10 };
const at = (cursor: number, windowStart = 0): ScreenState => ({ ...INITIAL_SCREEN, cursor, windowStart });

describe('screenReducer', () => {
  it('moves the cursor and scrolls the window only when the cursor leaves it', () => {
    let s = screenReducer(at(0), { type: 'move', delta: 1, ...ext });
    expect([s.cursor, s.windowStart]).toEqual([1, 0]);
    s = screenReducer(at(9), { type: 'move', delta: 1, ...ext });
    expect([s.cursor, s.windowStart]).toEqual([10, 1]);
    s = screenReducer(at(10, 5), { type: 'move', delta: -1, ...ext });
    expect([s.cursor, s.windowStart]).toEqual([9, 5]);
  });

  it('stops at both ends and returns the same state when nothing moves', () => {
    const top = at(0);
    expect(screenReducer(top, { type: 'move', delta: -1, ...ext })).toBe(top);
    const s = screenReducer(at(99, 90), { type: 'move', delta: 5, ...ext });
    expect([s.cursor, s.windowStart]).toEqual([99, 90]);
  });

  it('pages by the window height less one, and jumps to top and bottom', () => {
    let s = screenReducer(at(0), { type: 'page', direction: 1, ...ext });
    expect([s.cursor, s.windowStart]).toEqual([9, 9]);
    s = screenReducer(s, { type: 'page', direction: -1, ...ext });
    expect([s.cursor, s.windowStart]).toEqual([0, 0]);
    s = screenReducer(at(3), { type: 'bottom', ...ext });
    expect([s.cursor, s.windowStart]).toEqual([99, 90]);
    s = screenReducer(s, { type: 'top', ...ext });
    expect([s.cursor, s.windowStart]).toEqual([0, 0]);
  });

  it('resets the cursor when the query changes, and typing starts the filter', () => {
    let s = screenReducer(at(40, 35), { type: 'query', query: 'pro' });
    expect([s.query, s.cursor, s.windowStart]).toEqual(['pro', 0, 0]);
    s = screenReducer({ ...INITIAL_SCREEN, query: 'pr' }, { type: 'type', text: 'o' });
    expect([s.mode, s.query]).toEqual(['filter', 'pro']);
    expect(screenReducer({ ...s, query: 'prod admin' }, { type: 'erase', what: 'word' }).query).toBe('prod ');
    expect(screenReducer(s, { type: 'erase', what: 'char' }).query).toBe('pr');
    expect(screenReducer(s, { type: 'erase', what: 'all' }).query).toBe('');
    s = screenReducer(s, { type: 'clearFilter' });
    expect([s.mode, s.query]).toEqual(['list', '']);
  });

  it('clampView keeps the cursor on a row after the list shrinks or the terminal shrinks', () => {
    expect(clampView({ cursor: 50, windowStart: 45 }, { count: 20, viewRows: 10 })).toEqual({
      cursor: 19,
      windowStart: 10,
    });
    expect(clampView({ cursor: 12, windowStart: 5 }, { count: 100, viewRows: 4 })).toEqual({
      cursor: 12,
      windowStart: 9,
    });
    expect(clampView({ cursor: 3, windowStart: 0 }, { count: 0, viewRows: 10 })).toEqual({ cursor: 0, windowStart: 0 });
  });
});

describe('rows streamed in (IAM Identity Center revalidation)', () => {
  const rows = (...ids: string[]): Array<{ id: string }> => ids.map((id) => ({ id }));

  it('followRow keeps the cursor on its row and the row at its place on screen', () => {
    const before = rows('b', 'd', 'f', 'h');
    expect(followRow(at(1), before, rows('a', 'b', 'c', 'd', 'f', 'h'), 10)).toEqual({ cursor: 3, windowStart: 0 });
    const many = rows(...Array.from({ length: 30 }, (_, i) => `r${String(i).padStart(2, '0')}`));
    const grown = [...rows('n1', 'n2', 'n3'), ...many];
    expect(followRow(at(15, 10), many, grown, 10)).toEqual({ cursor: 18, windowStart: 13 });
  });

  it('followRow: nothing to do when the row did not move; the index is kept when the row is gone', () => {
    expect(followRow(at(1), rows('a', 'b'), rows('a', 'b', 'c'), 10)).toBeUndefined();
    expect(followRow(at(1), rows('a', 'b', 'c'), rows('a', 'c'), 10)).toBeUndefined();
    expect(followRow(at(0), rows(), rows('a'), 10)).toBeUndefined();
  });

  it('follow, choose and chooseMove', () => {
    expect(screenReducer(at(2), { type: 'follow', cursor: 5, windowStart: 1 })).toMatchObject({
      cursor: 5,
      windowStart: 1,
    });
    const same = at(2);
    expect(screenReducer(same, { type: 'follow', cursor: 2, windowStart: 0 })).toBe(same);
    let s = screenReducer(at(0), { type: 'choose', choices: ['corp', 'lab', 'old'] });
    expect(s).toMatchObject({ mode: 'choose', choice: 0 });
    s = screenReducer(s, { type: 'chooseMove', delta: -1 });
    expect(s.choice).toBe(2);
    s = screenReducer(s, { type: 'chooseMove', delta: 1 });
    expect(s.choice).toBe(0);
  });

  it('pickerMode: a prompt raised by the services takes the keys', () => {
    const ask = { rowId: 'x', serial: 's', attempt: 1 };
    const login = { session: 'corp', startUrl: 'u', flow: 'device' as const, phase: 'waiting' as const };
    expect(pickerMode({}, 'filter')).toBe('filter');
    expect(pickerMode({ ssoLogin: login }, 'list')).toBe('login');
    expect(pickerMode({ mfa: ask, ssoLogin: login }, 'list')).toBe('mfa');
  });
});
