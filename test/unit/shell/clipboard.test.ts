// Clipboard choice (a native tool where a display exists, tmux's buffer inside tmux, else OSC 52), what a
// copy reports (confirmed only when awsx saw the text land), and clearing only what awsx put there.
import { describe, expect, it } from 'vitest';
import { chooseClipboard, Clipboard, osc52, sha256 } from '../../../src/shell/clipboard.js';
import type { Runner } from '../../../src/shell/clipboard-tmux.js';
import { clearTmuxBuffers } from '../../../src/shell/clipboard-tmux.js';

const has =
  (...names: string[]) =>
  (n: string): boolean =>
    names.includes(n);

describe('chooseClipboard', () => {
  it.each([
    ['macOS', {}, 'darwin', ['pbcopy'], 'pbcopy'],
    ['Wayland', { WAYLAND_DISPLAY: 'wayland-0' }, 'linux', ['wl-copy', 'xclip'], 'wl-copy'],
    ['X11 with xclip', { DISPLAY: ':0' }, 'linux', ['xclip', 'xsel'], 'xclip'],
    ['X11 with xsel only', { DISPLAY: ':0' }, 'linux', ['xsel'], 'xsel'],
    ['WSL', { WSL_DISTRO_NAME: 'Ubuntu' }, 'linux', ['clip.exe'], 'clip.exe'],
    ['Windows', {}, 'win32', ['clip.exe'], 'clip.exe'],
    [
      'tmux on a desktop (the display first)',
      { TMUX: '/tmp/tmux-0/default,1,0', DISPLAY: ':0' },
      'linux',
      ['xclip'],
      'xclip',
    ],
    [
      'SSH with a forwarded X display',
      { SSH_CONNECTION: '1 2 3 4', DISPLAY: 'localhost:10.0' },
      'linux',
      ['xclip'],
      'xclip',
    ],
  ] as const)('%s uses the native tool', (_name, env, platform, tools, expected) => {
    const m = chooseClipboard(env, platform, has(...tools));
    expect(m.kind === 'native' && m.tool.name).toBe(expected);
  });

  it.each([
    ['inside tmux without a display', { TMUX: '/tmp/tmux-0/default,1,0' }, 'linux', ['xclip'], 'tmux'],
    [
      'inside tmux over SSH on a Mac (pbcopy would fill the remote clipboard)',
      { TMUX: '/tmp/t,1,0', SSH_CONNECTION: '1 2 3 4' },
      'darwin',
      ['pbcopy'],
      'tmux',
    ],
    ['over SSH on a Mac', { SSH_CONNECTION: '1 2 3 4' }, 'darwin', ['pbcopy'], 'osc52'],
    ['with a display but no tool', { DISPLAY: ':0' }, 'linux', [], 'osc52'],
    ['on a Linux console', {}, 'linux', ['xclip'], 'osc52'],
    ['when forced', { AWSX_CLIPBOARD: 'osc52', DISPLAY: ':0', TMUX: '/tmp/t,1,0' }, 'linux', ['xclip'], 'osc52'],
  ] as const)('%s: %s', (_name, env, platform, tools, kind) => {
    expect(chooseClipboard(env, platform, has(...tools)).kind).toBe(kind);
  });
});

describe('OSC 52 outside tmux', () => {
  it('is base64 in OSC 52 (in tmux passthrough, ESC doubled)', () => {
    const b64 = Buffer.from('export A=1\n').toString('base64');
    expect(osc52('export A=1\n', false)).toBe(`\u001B]52;c;${b64}\u0007`);
    expect(osc52('export A=1\n', true)).toBe(`\u001BPtmux;\u001B\u001B]52;c;${b64}\u0007\u001B\\`);
  });

  it('a copy is sent, not confirmed, with how to enable it; it is never cleared blindly', async () => {
    const out: string[] = [];
    const clip = new Clipboard({ kind: 'osc52' }, { write: (t: string) => out.push(t) });
    const report = await clip.copy('secret');
    expect(report).toMatchObject({ where: 'to the terminal (OSC 52)', confirmed: false, clearable: false });
    expect(report.advice).toMatch(/allow clipboard access \(OSC 52\)/);
    expect(await clip.clear(sha256('secret'))).toBe(false);
    expect(out).toEqual([osc52('secret', false)]);
  });
});

/** A fake tmux: its options, its paste buffers (newest first) and whether load-buffer works. */
function fakeTmux(
  options: Record<string, string>,
  loads = true,
): { run: Runner; buffers: Map<string, string>; calls: string[][] } {
  const buffers = new Map<string, string>();
  const calls: string[][] = [];
  let n = 0;
  const answer = (argv: string[], input?: string): Awaited<ReturnType<Runner>> => {
    calls.push(argv);
    const [, cmd, ...rest] = argv;
    if (cmd === 'show-options')
      return rest[1]! in options ? { code: 0, stdout: `${options[rest[1]!]}\n` } : { code: 1, stdout: '' };
    if (cmd === 'load-buffer') {
      if (!loads) return { code: 1, stdout: '' };
      const entries = [...buffers];
      buffers.clear();
      buffers.set(`buffer${n++}`, input ?? '');
      for (const [k, v] of entries) buffers.set(k, v);
      return { code: 0, stdout: '' };
    }
    if (cmd === 'list-buffers') return { code: 0, stdout: [...buffers.keys()].join('\n') };
    if (cmd === 'show-buffer')
      return buffers.has(rest[1]!) ? { code: 0, stdout: buffers.get(rest[1]!)! } : { code: 1, stdout: '' };
    if (cmd === 'delete-buffer') buffers.delete(rest[1]!);
    return { code: 0, stdout: '' };
  };
  const run: Runner = (argv, input) => Promise.resolve(answer(argv, input));
  return { run, buffers, calls };
}

describe('tmux', () => {
  it("with tmux's defaults (set-clipboard external, no passthrough): into its paste buffer, confirmed; the outer clipboard not", async () => {
    const tmux = fakeTmux({ 'set-clipboard': 'external', 'allow-passthrough': 'off' });
    const out: string[] = [];
    const report = await new Clipboard({ kind: 'tmux' }, { write: (t: string) => out.push(t) }, tmux.run).copy(
      'export A=1\n',
    );
    expect(report).toEqual({
      where: "into tmux's paste buffer (prefix ] pastes)",
      confirmed: true,
      advice: "tmux also passes it to the terminal's clipboard, not confirmed",
      clearable: true,
    });
    expect(tmux.calls).toContainEqual(['tmux', 'load-buffer', '-w', '-']);
    expect([...tmux.buffers.values()]).toEqual(['export A=1\n']);
    expect(out).toEqual([]);
  });

  it('with set-clipboard off it says the system clipboard did not get it, and how to change that', async () => {
    const tmux = fakeTmux({ 'set-clipboard': 'off', 'allow-passthrough': 'off' });
    const report = await new Clipboard({ kind: 'tmux' }, { write: () => true }, tmux.run).copy('x');
    expect(report.advice).toBe('not your system clipboard: tmux has set-clipboard off (set -g set-clipboard on)');
  });

  it("with allow-passthrough on it also sends OSC 52 through tmux's passthrough", async () => {
    const out: string[] = [];
    const tmux = fakeTmux({ 'set-clipboard': 'off', 'allow-passthrough': 'on' });
    const report = await new Clipboard({ kind: 'tmux' }, { write: (t: string) => out.push(t) }, tmux.run).copy('x');
    expect(out).toEqual([osc52('x', true)]);
    expect(report.confirmed).toBe(true);
  });

  it('when tmux cannot be reached: OSC 52, not confirmed, and it says why', async () => {
    const out: string[] = [];
    const tmux = fakeTmux({}, false);
    const report = await new Clipboard({ kind: 'tmux' }, { write: (t: string) => out.push(t) }, tmux.run).copy('x');
    expect(report).toMatchObject({ confirmed: false, clearable: false, where: 'to the terminal (OSC 52)' });
    expect(report.advice).toMatch(/tmux load-buffer failed/);
    expect(out).toEqual([osc52('x', false)]);
  });

  it('clearing deletes only the buffers that still hold the copied text', async () => {
    const tmux = fakeTmux({});
    tmux.buffers.set('buffer7', 'mine');
    const clip = new Clipboard({ kind: 'tmux' }, { write: () => true }, tmux.run);
    await clip.copy('export SECRET=1\n');
    expect(await clip.clear(sha256('export SECRET=1\n'))).toBe(true);
    expect([...tmux.buffers]).toEqual([['buffer7', 'mine']]);
    expect(await clearTmuxBuffers(sha256('export SECRET=1\n'), tmux.run)).toBe(0);
  });
});

describe('native tools', () => {
  function fakeRunner(clipboard: { text: string }, readsBack = true): Runner {
    return (argv, input) => {
      if (argv.includes('-o'))
        return Promise.resolve({ code: 0, stdout: readsBack ? clipboard.text : 'something else' });
      clipboard.text = input ?? '';
      return Promise.resolve({ code: 0, stdout: '' });
    };
  }
  const xclip = chooseClipboard({ DISPLAY: ':0' }, 'linux', has('xclip'));

  it('a copy is confirmed by reading the clipboard back, and cleared while it still holds the text', async () => {
    const board = { text: '' };
    const clip = new Clipboard(xclip, { write: () => true }, fakeRunner(board));
    expect(await clip.copy('export SECRET=1\n')).toEqual({
      where: 'to the clipboard (xclip)',
      confirmed: true,
      clearable: true,
    });
    expect(board.text).toBe('export SECRET=1\n');
    expect(await clip.clear(sha256('export SECRET=1\n'))).toBe(true);
    expect(board.text).toBe('');
  });

  it('a clipboard that reads back something else is not confirmed', async () => {
    const report = await new Clipboard(xclip, { write: () => true }, fakeRunner({ text: '' }, false)).copy('x');
    expect(report).toMatchObject({ confirmed: false, clearable: false });
  });

  it('leaves the clipboard alone when the user copied something else since', async () => {
    const board = { text: 'something the user copied' };
    const clip = new Clipboard(xclip, { write: () => true }, fakeRunner(board));
    expect(await clip.clear(sha256('export SECRET=1\n'))).toBe(false);
    expect(board.text).toBe('something the user copied');
  });
});
