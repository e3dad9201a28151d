// Clipboard choice (native tool vs OSC 52), the OSC 52 bytes (tmux passthrough), and clearing only what
// awsx put there.
import { describe, expect, it } from 'vitest';
import { chooseClipboard, Clipboard, clearTmuxBuffers, osc52, sha256, type Runner } from '../../../src/services/clipboard.js';

const has = (...names: string[]) => (n: string): boolean => names.includes(n);

describe('chooseClipboard', () => {
  it.each([
    ['macOS', {}, 'darwin', ['pbcopy'], 'pbcopy'],
    ['Wayland', { WAYLAND_DISPLAY: 'wayland-0' }, 'linux', ['wl-copy', 'xclip'], 'wl-copy'],
    ['X11 with xclip', { DISPLAY: ':0' }, 'linux', ['xclip', 'xsel'], 'xclip'],
    ['X11 with xsel only', { DISPLAY: ':0' }, 'linux', ['xsel'], 'xsel'],
    ['WSL', { WSL_DISTRO_NAME: 'Ubuntu' }, 'linux', ['clip.exe'], 'clip.exe'],
    ['Windows', {}, 'win32', ['clip.exe'], 'clip.exe'],
  ] as const)('%s uses the native tool', (_name, env, platform, tools, expected) => {
    const m = chooseClipboard(env, platform, has(...tools));
    expect(m.kind === 'native' && m.tool.name).toBe(expected);
  });

  it.each([
    ['inside tmux', { TMUX: '/tmp/tmux-0/default,1,0', DISPLAY: ':0' }, true],
    ['over SSH', { SSH_CONNECTION: '1 2 3 4', DISPLAY: ':0' }, false],
    ['with no tool', { DISPLAY: ':0' }, false],
    ['on a Linux console', {}, false],
  ] as const)('uses OSC 52 %s', (_name, env, tmux) => {
    const tools = 'TMUX' in env || 'SSH_CONNECTION' in env ? has('xclip') : has();
    expect(chooseClipboard(env, 'linux', tools)).toEqual({ kind: 'osc52', tmux });
  });
});

describe('OSC 52', () => {
  it('is base64 in OSC 52, and inside tmux also wrapped in the passthrough with ESC doubled', () => {
    const b64 = Buffer.from('export A=1\n').toString('base64');
    expect(osc52('export A=1\n', false)).toBe(`\u001B]52;c;${b64}\u0007`);
    expect(osc52('export A=1\n', true)).toBe(`\u001B]52;c;${b64}\u0007\u001BPtmux;\u001B\u001B]52;c;${b64}\u0007\u001B\\`);
  });

  it('copy writes it to the terminal; clear writes an empty selection', async () => {
    const out: string[] = [];
    const clip = new Clipboard({ kind: 'osc52', tmux: false }, { write: (t: string) => out.push(t) });
    await clip.copy('secret');
    expect(clip.describe()).toBe('OSC 52');
    expect(await clip.clear(sha256('secret'))).toBe(true);
    expect(out).toEqual([osc52('secret', false), '\u001B]52;c;\u0007']);
  });
});

describe('native clearing', () => {
  function fakeRunner(clipboard: { text: string }): { run: Runner; calls: string[][] } {
    const calls: string[][] = [];
    const run: Runner = async (argv, input) => {
      calls.push(argv);
      if (argv.includes('-o')) return { code: 0, stdout: clipboard.text };
      clipboard.text = input ?? '';
      return { code: 0, stdout: '' };
    };
    return { run, calls };
  }

  it('clears the clipboard while it still holds the copied text', async () => {
    const board = { text: '' };
    const { run } = fakeRunner(board);
    const clip = new Clipboard(chooseClipboard({ DISPLAY: ':0' }, 'linux', has('xclip')), { write: () => true }, run);
    await clip.copy('export SECRET=1\n');
    expect(board.text).toBe('export SECRET=1\n');
    expect(await clip.clear(sha256('export SECRET=1\n'))).toBe(true);
    expect(board.text).toBe('');
  });

  it('leaves it alone when the user copied something else since', async () => {
    const board = { text: 'something the user copied' };
    const { run } = fakeRunner(board);
    const clip = new Clipboard(chooseClipboard({ DISPLAY: ':0' }, 'linux', has('xclip')), { write: () => true }, run);
    expect(await clip.clear(sha256('export SECRET=1\n'))).toBe(false);
    expect(board.text).toBe('something the user copied');
  });

  it('deletes only the tmux buffers that hold the copied text', async () => {
    const buffers = new Map([
      ['buffer0', 'export SECRET=1\n'],
      ['buffer1', 'mine'],
    ]);
    const run: Runner = async (argv) => {
      if (argv[1] === 'list-buffers') return { code: 0, stdout: [...buffers.keys()].join('\n') };
      if (argv[1] === 'show-buffer') return { code: 0, stdout: buffers.get(argv[3]!) ?? '' };
      if (argv[1] === 'delete-buffer') buffers.delete(argv[3]!);
      return { code: 0, stdout: '' };
    };
    expect(await clearTmuxBuffers(sha256('export SECRET=1\n'), run)).toBe(1);
    expect([...buffers.keys()]).toEqual(['buffer1']);
  });
});
