// What a picker frame captured from tmux must be at any size at or above the minimum: the top bar, the
// status strip, the list (its header and the selected row), a status line and the key hints, in that
// order; no line wider than the terminal; every box whole (corners, sides and bottom in their columns).

export function frameProblems(screen: string, width: number, height: number): string[] {
  const lines = screen.split('\n').slice(0, height);
  const problems: string[] = [];
  lines.forEach((l, i) => {
    if ([...l].length > width) problems.push(`line ${i + 1} is ${[...l].length} columns wide (terminal: ${width})`);
  });
  if (!/^awsx \d/.test(lines[0] ?? '')) problems.push(`line 1 is not the top bar: ${JSON.stringify(lines[0])}`);
  if (!/auto-refresh (on|off)/.test(lines[1] ?? ''))
    problems.push(`line 2 is not the status strip: ${JSON.stringify(lines[1])}`);
  const header = lines.findIndex((l) => /^ {2}PROFILE +KIND/.test(l));
  if (header !== 2) problems.push(`the list header is on line ${header + 1}, not 3`);
  // The header spans the list (and, on wide terminals, the detail pane's top border): it ends at the last column.
  else if ([...lines[2]!.trimEnd()].length !== width)
    problems.push(`the list header ends at column ${[...lines[2]!.trimEnd()].length}, not ${width}`);
  if (!lines.some((l, i) => i > header && /^› \S/.test(l))) problems.push('no selected row');
  // The frame is one line shorter than the terminal: the hints are on its last line but one.
  const hints = lines[height - 2] ?? '';
  if (!/q quit/.test(hints)) problems.push(`the key hints are not on line ${height - 1}: ${JSON.stringify(hints)}`);
  problems.push(...boxProblems(lines));
  return problems;
}

/** Every ╭ starts a box: its ╮ on the same line, │ at both edges below, then ╰ and ╯ in the same columns. */
export function boxProblems(lines: readonly string[]): string[] {
  const problems: string[] = [];
  const grid = lines.map((l) => [...l]);
  grid.forEach((row, top) => {
    row.forEach((ch, left) => {
      if (ch !== '╭') return;
      const right = row.indexOf('╮', left);
      if (right < 0) return void problems.push(`a box at line ${top + 1} has no ╮`);
      if (row.slice(left + 1, right).some((c) => c !== '─'))
        problems.push(`the top of the box at line ${top + 1} is broken`);
      let r = top + 1;
      for (; r < grid.length && grid[r]![left] === '│' && grid[r]![right] === '│'; r++);
      if (grid[r]?.[left] !== '╰' || grid[r]?.[right] !== '╯')
        problems.push(`the box from line ${top + 1} is broken at line ${r + 1}: ${JSON.stringify(lines[r])}`);
      else if (grid[r]!.slice(left + 1, right).some((c) => c !== '─'))
        problems.push(`the bottom of the box at line ${r + 1} is broken`);
    });
  });
  return problems;
}
