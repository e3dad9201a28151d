// Puts text on the user's clipboard. A native tool (pbcopy, wl-copy, xclip, xsel, clip.exe) when one
// exists and awsx is not inside tmux or SSH; otherwise OSC 52, which the terminal turns into a clipboard
// write (inside tmux: plain OSC 52 for `set-clipboard on`, plus the same wrapped in tmux's passthrough for
// `allow-passthrough on`). Clearing removes the text only while it is still what awsx put there.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from '../config/paths.js';

export interface NativeTool {
  name: string;
  copy: string[];
  /** Command printing the clipboard (to check before clearing); absent: clear without checking. */
  paste?: string[];
  clear?: string[];
}

export type ClipboardMethod = { kind: 'native'; tool: NativeTool } | { kind: 'osc52'; tmux: boolean };

export interface Terminal {
  write(text: string): unknown;
}

export type Runner = (argv: string[], input?: string) => Promise<{ code: number; stdout: string }>;

const TOOLS: Record<string, NativeTool> = {
  pbcopy: { name: 'pbcopy', copy: ['pbcopy'], paste: ['pbpaste'] },
  'wl-copy': { name: 'wl-copy', copy: ['wl-copy'], paste: ['wl-paste', '--no-newline'], clear: ['wl-copy', '--clear'] },
  xclip: { name: 'xclip', copy: ['xclip', '-selection', 'clipboard'], paste: ['xclip', '-selection', 'clipboard', '-o'] },
  xsel: { name: 'xsel', copy: ['xsel', '--clipboard', '--input'], paste: ['xsel', '--clipboard', '--output'], clear: ['xsel', '--clipboard', '--delete'] },
  'clip.exe': { name: 'clip.exe', copy: ['clip.exe'] },
};

export function onPath(env: Env, name: string): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

/** Native tool if usable here, else OSC 52. */
export function chooseClipboard(env: Env, platform: NodeJS.Platform = process.platform, has: (name: string) => boolean = (n) => onPath(env, n)): ClipboardMethod {
  const tmux = Boolean(env.TMUX);
  if (tmux || env.SSH_CONNECTION || env.SSH_TTY || env.AWSX_CLIPBOARD === 'osc52') return { kind: 'osc52', tmux };
  const candidates =
    platform === 'darwin' ? ['pbcopy'] : platform === 'win32' ? ['clip.exe'] : [...(env.WAYLAND_DISPLAY ? ['wl-copy'] : []), ...(env.DISPLAY ? ['xclip', 'xsel'] : []), ...(env.WSL_DISTRO_NAME ? ['clip.exe'] : [])];
  const name = candidates.find((c) => has(c));
  return name ? { kind: 'native', tool: TOOLS[name]! } : { kind: 'osc52', tmux: false };
}

export function osc52(text: string, tmux: boolean): string {
  const plain = `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
  if (!tmux) return plain;
  // In a DCS passthrough every ESC is doubled.
  return `${plain}\x1bPtmux;${plain.replaceAll('\x1b', '\x1b\x1b')}\x1b\\`;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const runTool: Runner = (argv, input) =>
  new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('error', () => resolve({ code: 127, stdout: '' }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });

export class Clipboard {
  constructor(
    readonly method: ClipboardMethod,
    private readonly terminal: Terminal,
    private readonly run: Runner = runTool,
  ) {}

  /** How the text travels, for the status line. */
  describe(): string {
    return this.method.kind === 'native' ? this.method.tool.name : this.method.tmux ? 'OSC 52 through tmux' : 'OSC 52';
  }

  async copy(text: string): Promise<void> {
    if (this.method.kind === 'osc52') {
      this.terminal.write(osc52(text, this.method.tmux));
      return;
    }
    const result = await this.run(this.method.tool.copy, text);
    if (result.code !== 0) throw new Error(`${this.method.tool.name} exited with code ${result.code}`);
  }

  /** Clears the clipboard if it still holds text whose sha256 is `digest`; true when it cleared. */
  async clear(digest: string): Promise<boolean> {
    if (this.method.kind === 'osc52') {
      if (this.method.tmux) await clearTmuxBuffers(digest, this.run);
      this.terminal.write(osc52('', false));
      return true;
    }
    const tool = this.method.tool;
    if (tool.paste) {
      const now = await this.run(tool.paste);
      if (now.code === 0 && sha256(now.stdout) !== digest) return false;
    }
    await this.run(tool.clear ?? tool.copy, tool.clear ? undefined : '');
    return true;
  }
}

/** Deletes the tmux paste buffers that hold the copied text (OSC 52 with set-clipboard on makes one). */
export async function clearTmuxBuffers(digest: string, run: Runner = runTool): Promise<number> {
  const list = await run(['tmux', 'list-buffers', '-F', '#{buffer_name}']);
  if (list.code !== 0) return 0;
  let deleted = 0;
  for (const name of list.stdout.split('\n').filter(Boolean)) {
    const shown = await run(['tmux', 'show-buffer', '-b', name]);
    if (shown.code === 0 && sha256(shown.stdout) === digest) {
      await run(['tmux', 'delete-buffer', '-b', name]);
      deleted++;
    }
  }
  return deleted;
}

export const CLEAR_DIGEST_VAR = 'AWSX_CLIPBOARD_DIGEST';

/**
 * Clears the clipboard after the picker has exited: a detached `awsx clipboard-clear` waits, then clears
 * only if the clipboard still holds the copied text (identified by its sha256, never the text itself).
 */
export function spawnClearer(seconds: number, digest: string, env: Env, command: string[] = [process.execPath, process.argv[1] ?? '']): void {
  try {
    const child = spawn(command[0]!, [...command.slice(1), 'clipboard-clear', '--after', String(seconds)], {
      detached: true,
      stdio: 'ignore',
      env: { ...(env as NodeJS.ProcessEnv), [CLEAR_DIGEST_VAR]: digest },
    });
    child.on('error', () => {});
    child.unref();
  } catch {
    // best effort: the copy already told the user when it would be cleared
  }
}
