// Every terminal size at or above the minimum draws the whole frame without overlap, and every resize
// redraws it cleanly: one picker in tmux, resized through a grid from 40x10 to 200x60 (growing, shrinking,
// only narrower, only shorter), each frame checked for its structure (frame-check.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';
import { frameProblems } from './frame-check.js';
import { startTmux, type Tmux } from './tmux.js';

const skip = skipWithout('tmux', ['-V']);

// Longer names and roles than the standard set, so columns have to share the width.
const CONFIG = `${STANDARD_CONFIG}
[profile observability-readonly]
role_arn = arn:aws:iam::444444444444:role/OrganizationAccountAccessRole
source_profile = base
region = ap-southeast-2
`;

const GRID: Array<[number, number]> = [
  [40, 10],
  [60, 12],
  [80, 14],
  [80, 24],
  [110, 20],
  [120, 40],
  [200, 60],
  [100, 30],
  [40, 12],
  [160, 45],
  [70, 11],
  [200, 10],
  [40, 60],
  [119, 40],
  [120, 39],
  [80, 24],
];

describe.skipIf(skip)('the picker at every size', () => {
  let sb: Sandbox;
  let tmux: Tmux | undefined;
  beforeEach(() => {
    sb = makeSandbox({ config: CONFIG, credentials: BASE_KEYS });
  });
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
    sb.cleanup();
  });

  /** Waits until the frame at this size has its whole structure; fails with what is wrong. */
  function frameAt(t: Tmux, width: number, height: number): Promise<string> {
    return vi.waitFor(
      async () => {
        const screen = await t.screen();
        const problems = frameProblems(screen, width, height);
        if (problems.length > 0) throw new Error(`at ${width}x${height}:\n${problems.join('\n')}\nscreen:\n${screen}`);
        return screen;
      },
      { timeout: 15_000 },
    );
  }

  const pickerAt120x40 = (): Promise<Tmux> =>
    startTmux({
      width: 120,
      height: 40,
      command: `${process.execPath} ${AWSX}`,
      env: { ...sb.env, TERM: 'xterm-256color' },
    });

  it('draws top bar, strip, list, status line and hints, nothing wider than the terminal, boxes whole, through every resize', async () => {
    tmux = await pickerAt120x40();
    await frameAt(tmux, 120, 40);
    for (const [width, height] of GRID) {
      await tmux.run(['resize-window', '-t', 'e2e', '-x', String(width), '-y', String(height)]);
      const screen = await frameAt(tmux, width, height);
      expect(screen).toMatch(/^› admin /m);
    }
    // Below the minimum it says so; back above it, the picker again.
    await tmux.run(['resize-window', '-t', 'e2e', '-x', '39', '-y', '9']);
    await tmux.waitFor(
      (s) => s.replace(/\s+/g, ' ').includes('the terminal is 39x9; the picker needs at least 40x10'),
      'the too-small notice',
    );
    await tmux.run(['resize-window', '-t', 'e2e', '-x', '80', '-y', '24']);
    await frameAt(tmux, 80, 24);
    await tmux.type('q');
  });

  it('names and roles get the room the terminal gives: whole at 120 columns, with the region at 200', async () => {
    tmux = await pickerAt120x40();
    let screen = await frameAt(tmux, 120, 40);
    expect(screen).toMatch(/observability-readonly +role +444444444444 +OrganizationAccountAccessRole/);
    await tmux.run(['resize-window', '-t', 'e2e', '-x', '200', '-y', '40']);
    screen = await frameAt(tmux, 200, 40);
    expect(screen).toMatch(
      /observability-readonly +role +444444444444 +OrganizationAccountAccessRole +ap-southeast-2 /,
    );
    expect(screen).toMatch(/^ {2}PROFILE +KIND +ACCOUNT +ROLE +REGION +SESSION/m);
  });
});
