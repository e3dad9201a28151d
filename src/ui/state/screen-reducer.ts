// Screen state of the picker: mode, filter text, cursor and the first visible row. Pure; the visible
// window is part of the state (scrolling is a state change), clamped against the current count and height.

/**
 * 'message': the last message and error in full (`!`); 'setup': Enter without the shell integration;
 * 'browser': O's choice of browser for the console.
 */
export type ScreenMode = 'list' | 'filter' | 'help' | 'name' | 'choose' | 'message' | 'setup' | 'browser';

export interface ScreenState {
  mode: ScreenMode;
  query: string;
  cursor: number;
  windowStart: number;
  /** The name being typed for 'w'. */
  nameDraft: string;
  /** The sso-sessions offered by L when several could be meant, and the one selected. */
  choices: readonly string[];
  choice: number;
  /** First line shown of a scrolling screen (help, the full message). */
  scroll: number;
  /** What the open prompt says about the last key (e.g. "6 digits needed"); cleared by the next key. */
  promptNote: string;
}

export interface Extent {
  count: number;
  viewRows: number;
}

export type ScreenAction =
  | ({ type: 'move'; delta: number } & Extent)
  | ({ type: 'page'; direction: 1 | -1 } & Extent)
  | ({ type: 'top' } & Extent)
  | ({ type: 'bottom' } & Extent)
  | { type: 'query'; query: string }
  | { type: 'mode'; mode: ScreenMode }
  | { type: 'type'; text: string }
  | { type: 'erase'; what: 'char' | 'word' | 'all' }
  | { type: 'clearFilter' }
  | { type: 'nameDraft'; text: string }
  | { type: 'nameType'; text: string }
  | { type: 'nameErase'; what: 'char' | 'word' | 'all' }
  | { type: 'choose'; choices: readonly string[] }
  | { type: 'chooseMove'; delta: number }
  | { type: 'scroll'; delta: number; max: number }
  | { type: 'promptNote'; text: string }
  | { type: 'follow'; cursor: number; windowStart: number };

export const INITIAL_SCREEN: ScreenState = {
  mode: 'list',
  query: '',
  cursor: 0,
  windowStart: 0,
  nameDraft: '',
  choices: [],
  choice: 0,
  scroll: 0,
  promptNote: '',
};

/** The cursor and window that fit `extent`: cursor inside the rows, window around the cursor. */
export function clampView(
  state: Pick<ScreenState, 'cursor' | 'windowStart'>,
  { count, viewRows }: Extent,
): { cursor: number; windowStart: number } {
  const rows = Math.max(1, viewRows);
  const cursor = count === 0 ? 0 : Math.min(Math.max(0, state.cursor), count - 1);
  let windowStart = Math.min(Math.max(0, state.windowStart), Math.max(0, count - rows));
  if (cursor < windowStart) windowStart = cursor;
  if (cursor >= windowStart + rows) windowStart = cursor - rows + 1;
  return { cursor, windowStart };
}

/**
 * When rows arrive or go (IAM Identity Center roles streamed in), the cursor stays on the row it was on and
 * that row keeps its place on screen; undefined when nothing has to move (or the row is gone: the cursor then
 * keeps its index).
 */
export function followRow(
  state: Pick<ScreenState, 'cursor' | 'windowStart'>,
  before: readonly { id: string }[],
  after: readonly { id: string }[],
  viewRows: number,
): { cursor: number; windowStart: number } | undefined {
  const view = clampView(state, { count: before.length, viewRows });
  const id = before[view.cursor]?.id;
  if (id === undefined || after[view.cursor]?.id === id) return undefined;
  const index = after.findIndex((r) => r.id === id);
  if (index < 0) return undefined;
  return clampView(
    { cursor: index, windowStart: view.windowStart + index - view.cursor },
    { count: after.length, viewRows },
  );
}

function moveTo(state: ScreenState, cursor: number, extent: Extent): ScreenState {
  const next = clampView({ cursor, windowStart: state.windowStart }, extent);
  return next.cursor === state.cursor && next.windowStart === state.windowStart ? state : { ...state, ...next };
}

/** Keeps the characters a credentials-file profile name may hold. */
export const profileNameChars = (text: string): string => text.replace(/[^\w+=,.@:/-]/g, '');

/** Text with its last character, last word or everything deleted. */
export function erase(text: string, what: 'char' | 'word' | 'all'): string {
  if (what === 'all') return '';
  if (what === 'word') return text.replace(/[^\s/:-]*[\s/:-]*$/, '');
  return text.slice(0, -1);
}

export function screenReducer(state: ScreenState, action: ScreenAction): ScreenState {
  switch (action.type) {
    case 'move': {
      const { cursor } = clampView(state, action);
      return moveTo(state, cursor + action.delta, action);
    }
    case 'page': {
      const { cursor, windowStart } = clampView(state, action);
      const step = Math.max(1, action.viewRows - 1);
      const moved = moveTo(
        { ...state, windowStart: windowStart + action.direction * step },
        cursor + action.direction * step,
        action,
      );
      return moved;
    }
    case 'top':
      return moveTo(state, 0, action);
    case 'bottom':
      return moveTo(state, action.count - 1, action);
    case 'query':
      return action.query === state.query ? state : { ...state, query: action.query, cursor: 0, windowStart: 0 };
    case 'mode':
      return action.mode === state.mode ? state : { ...state, mode: action.mode, scroll: 0, promptNote: '' };
    case 'type':
      return { ...state, mode: 'filter', query: state.query + action.text, cursor: 0, windowStart: 0 };
    case 'erase': {
      const query = erase(state.query, action.what);
      return query === state.query ? state : { ...state, query, cursor: 0, windowStart: 0 };
    }
    case 'clearFilter':
      return { ...state, mode: 'list', query: '', cursor: 0, windowStart: 0 };
    case 'nameDraft':
      return { ...state, nameDraft: profileNameChars(action.text) };
    case 'nameType':
      return { ...state, nameDraft: profileNameChars(state.nameDraft + action.text), promptNote: '' };
    case 'nameErase':
      return { ...state, nameDraft: erase(state.nameDraft, action.what), promptNote: '' };
    case 'scroll': {
      const scroll = Math.max(0, Math.min(action.max, state.scroll + action.delta));
      return scroll === state.scroll ? state : { ...state, scroll };
    }
    case 'promptNote':
      return action.text === state.promptNote ? state : { ...state, promptNote: action.text };
    case 'choose':
      return { ...state, mode: 'choose', choices: action.choices, choice: 0 };
    case 'chooseMove': {
      const n = state.choices.length;
      return n === 0 ? state : { ...state, choice: (state.choice + action.delta + n) % n };
    }
    case 'follow':
      return action.cursor === state.cursor && action.windowStart === state.windowStart
        ? state
        : { ...state, cursor: action.cursor, windowStart: action.windowStart };
  }
}
