// Where things go for a terminal size: whether the detail pane sits beside the list or under it (or, on a
// short terminal, is left out until a prompt needs the room), and how many list rows fit. Pure, so every
// size can be tested. Every line of the frame fits the terminal: the frame is one line shorter than it
// (Ink redraws the whole screen when a frame fills it), and no part is drawn taller than its share.

export interface Layout {
  /** The terminal's real size. */
  terminal: { columns: number; rows: number };
  width: number;
  /** The frame's height: one line short of the terminal. */
  height: number;
  /** Lines between the status strip and the status line: the list and the detail pane, or help. */
  bodyHeight: number;
  /** Detail pane beside the list (wide terminals) or under it. */
  side: boolean;
  listWidth: number;
  detailWidth: number;
  /** The detail pane's height; 0 when it does not fit under the list (a prompt then takes the body). */
  detailHeight: number;
  /** Rows of the list that fit (its header line excluded). */
  viewRows: number;
}

/** Top bar, status strip, status line, footer. */
export const CHROME = 4;
/** Below this the picker cannot show a row and its keys legibly; it says so until the terminal grows. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;
/** Columns from which the detail pane sits beside the list, and its least width there. */
export const SIDE_FROM = 110;
const MIN_SIDE_DETAIL = 36;
/** The list keeps at least this many rows under the detail pane; a pane shorter than MIN_DETAIL is left out. */
const MIN_LIST = 3;
const MIN_DETAIL = 4;

/**
 * `listNeed`: the width the list's rows need (columns.ts naturalWidth); beside it, the detail pane is up to
 * 38% of the width (at most 64 columns) and gives the list what it needs, down to MIN_SIDE_DETAIL.
 */
export function layoutFor(columns: number, rows: number, listNeed = 0): Layout {
  const width = Math.max(1, columns);
  const height = Math.max(1, rows - 1);
  const bodyHeight = Math.max(1, height - CHROME);
  const side = width >= SIDE_FROM;
  const detailWidth = side
    ? Math.max(MIN_SIDE_DETAIL, Math.min(64, Math.floor(width * 0.38), width - 1 - listNeed))
    : width;
  const listWidth = side ? width - detailWidth - 1 : width;
  // Beside the list the pane is as tall as the body. Under it: about a third of the body (7 to 12 lines), as
  // long as the list keeps MIN_LIST rows; else none.
  const room = bodyHeight - 1 - MIN_LIST;
  const wanted = Math.min(12, Math.max(7, Math.floor(bodyHeight / 3)));
  const detailHeight = side ? bodyHeight : room >= MIN_DETAIL ? Math.min(wanted, room) : 0;
  const viewRows = Math.max(1, bodyHeight - 1 - (side ? 0 : detailHeight));
  const terminal = { columns, rows };
  return { terminal, width, height, bodyHeight, side, listWidth, detailWidth, detailHeight, viewRows };
}

/** Whether the terminal is big enough for the picker at all. */
export function fits(layout: Layout): boolean {
  return layout.terminal.columns >= MIN_COLUMNS && layout.terminal.rows >= MIN_ROWS;
}
