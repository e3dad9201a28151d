// Where things go for a terminal size: whether the detail pane sits beside the list or under it, how many
// list rows fit, and the list's column widths. Pure, so every size can be tested.

export interface Columns {
  name: number;
  badge: number;
  account: number;
  accountName: boolean;
  role: number;
  region: number;
  expiry: number;
}

export interface Layout {
  /** The terminal's real size (width/height below are clamped to a workable minimum). */
  terminal: { columns: number; rows: number };
  width: number;
  height: number;
  /** Detail pane beside the list (wide terminals) or under it. */
  side: boolean;
  listWidth: number;
  detailWidth: number;
  detailHeight: number;
  /** Rows of the list that fit (its header line excluded). */
  viewRows: number;
  columns: Columns;
}

/** Header, status strip, status line, footer. */
const CHROME = 4;
const BOTTOM_DETAIL = 7;
export const MARKER = 2;

export function columnsFor(width: number): Columns {
  const badge = 8;
  const expiry = 8;
  const avail = Math.max(8, width - MARKER - badge - expiry);
  const account = avail >= 36 ? 13 : 0;
  const accountName = avail >= 100;
  const accountWidth = account + (accountName ? 19 : 0);
  const role = avail >= 56 ? 17 : 0;
  const region = avail >= 72 ? 15 : 0;
  return { name: avail - accountWidth - role - region, badge, account: accountWidth, accountName, role, region, expiry };
}

export function layoutFor(columns: number, rows: number): Layout {
  const width = Math.max(40, columns);
  // One line short of the terminal: Ink redraws the whole screen when a frame fills it.
  const height = Math.max(12, rows - 1);
  const side = width >= 110;
  const detailWidth = side ? Math.min(64, Math.floor(width * 0.38)) : width;
  const listWidth = side ? width - detailWidth - 1 : width;
  const detailHeight = side ? height - CHROME : BOTTOM_DETAIL;
  const viewRows = Math.max(1, height - CHROME - 1 - (side ? 0 : BOTTOM_DETAIL));
  return { terminal: { columns, rows }, width, height, side, listWidth, detailWidth, detailHeight, viewRows, columns: columnsFor(listWidth) };
}
