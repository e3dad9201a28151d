// Raw key bytes as a terminal sends them.
export const UP = '\u001B[A';
export const DOWN = '\u001B[B';
export const PAGE_DOWN = '\u001B[6~';
export const END = '\u001B[F';
export const ENTER = '\r';
export const ESC = '\u001B';
export const TAB = '\t';
export const CTRL_C = '\u0003';
export const BACKSPACE = '\u007F';
// Bracketed paste: what a terminal sends around pasted text.
export const PASTE_START = '\u001B[200~';
export const PASTE_END = '\u001B[201~';
