import { describe, expect, it } from 'vitest';
import { clampView, INITIAL_SCREEN, screenReducer, type ScreenState } from '../../src/ui/state/screen-reducer.js';

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
    expect(clampView({ cursor: 50, windowStart: 45 }, { count: 20, viewRows: 10 })).toEqual({ cursor: 19, windowStart: 10 });
    expect(clampView({ cursor: 12, windowStart: 5 }, { count: 100, viewRows: 4 })).toEqual({ cursor: 12, windowStart: 9 });
    expect(clampView({ cursor: 3, windowStart: 0 }, { count: 0, viewRows: 10 })).toEqual({ cursor: 0, windowStart: 0 });
  });
});
