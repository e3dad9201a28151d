// Puts text on the user's clipboard, and says only what it knows: a native tool (pbcopy, wl-copy, xclip,
// xsel, clip.exe) where a display exists, read back to confirm; inside tmux, tmux's own paste buffer
// (clipboard-tmux.ts), which awsx can check; otherwise OSC 52 to the terminal, which no one answers, so it
// is reported as sent, not confirmed. Clearing removes the text only where awsx can see it is still there.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from '../config/paths.js';
import { clearTmuxBuffers, loadTmuxBuffer, tmuxSettings, type Runner } from './clipboard-tmux.js';

export interface NativeTool {
  name: string;
  copy: string[];
  /** Command printing the clipboard (to confirm a copy and check before clearing); absent: neither. */
  paste?: string[];
  clear?: string[];
}

export type ClipboardMethod = { kind: 'native'; tool: NativeTool } | { kind: 'tmux' } | { kind: 'osc52' };

export interface Terminal {
  write(text: string): unknown;
}

/** What a copy did, for the status line (never the text). */
export interface CopyReport {
  /** Where the text went: "to the clipboard (xclip)", "into tmux's paste buffer". */
  where: string;
  /** awsx saw it land (read back from the clipboard, or found in tmux's buffer). */
  confirmed: boolean;
  /** What the user may need to know or do (not confirmed: how to enable it; tmux: the outer clipboard). */
  advice?: string;
  /** awsx can clear it later, because it can tell whether it still holds the copied text. */
  clearable: boolean;
}

const TOOLS: Record<string, NativeTool> = {
  pbcopy: { name: 'pbcopy', copy: ['pbcopy'], paste: ['pbpaste'] },
  'wl-copy': { name: 'wl-copy', copy: ['wl-copy'], paste: ['wl-paste', '--no-newline'], clear: ['wl-copy', '--clear'] },
  xclip: {
    name: 'xclip',
    copy: ['xclip', '-selection', 'clipboard'],
    paste: ['xclip', '-selection', 'clipboard', '-o'],
  },
  xsel: {
    name: 'xsel',
    copy: ['xsel', '--clipboard', '--input'],
    paste: ['xsel', '--clipboard', '--output'],
    clear: ['xsel', '--clipboard', '--delete'],
  },
  'clip.exe': { name: 'clip.exe', copy: ['clip.exe'] },
};

export const OSC52_ADVICE =
  "if it did not arrive, allow clipboard access (OSC 52) in the terminal's settings, or install wl-copy or xclip";

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

/**
 * A native tool where a display exists (over SSH only a forwarded X11 or Wayland display: pbcopy and
 * clip.exe there would fill the remote machine's clipboard), else tmux's buffer inside tmux, else OSC 52.
 * AWSX_CLIPBOARD=osc52 forces OSC 52.
 */
export function chooseClipboard(
  env: Env,
  platform: NodeJS.Platform = process.platform,
  has: (name: string) => boolean = (n) => onPath(env, n),
): ClipboardMethod {
  if (env.AWSX_CLIPBOARD === 'osc52') return { kind: 'osc52' };
  const local = !env.SSH_CONNECTION && !env.SSH_TTY;
  const candidates =
    platform === 'darwin'
      ? local
        ? ['pbcopy']
        : []
      : platform === 'win32'
        ? local
          ? ['clip.exe']
          : []
        : [
            ...(env.WAYLAND_DISPLAY ? ['wl-copy'] : []),
            ...(env.DISPLAY ? ['xclip', 'xsel'] : []),
            ...(env.WSL_DISTRO_NAME && local ? ['clip.exe'] : []),
          ];
  const name = candidates.find((c) => has(c));
  if (name) return { kind: 'native', tool: TOOLS[name]! };
  return env.TMUX ? { kind: 'tmux' } : { kind: 'osc52' };
}

export function osc52(text: string, tmux: boolean): string {
  const plain = `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
  if (!tmux) return plain;
  // In a DCS passthrough every ESC is doubled.
  return `\x1bPtmux;${plain.replaceAll('\x1b', '\x1b\x1b')}\x1b\\`;
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

  async copy(text: string): Promise<CopyReport> {
    if (this.method.kind === 'native') return this.copyNative(this.method.tool, text);
    if (this.method.kind === 'tmux') return this.copyTmux(text);
    this.terminal.write(osc52(text, false));
    return { where: 'to the terminal (OSC 52)', confirmed: false, advice: OSC52_ADVICE, clearable: false };
  }

  private async copyNative(tool: NativeTool, text: string): Promise<CopyReport> {
    const result = await this.run(tool.copy, text);
    if (result.code !== 0) throw new Error(`${tool.name} exited with code ${result.code}`);
    if (!tool.paste)
      return {
        where: `to ${tool.name}`,
        confirmed: false,
        advice: 'it cannot be read back to check',
        clearable: false,
      };
    const back = await this.run(tool.paste);
    if (back.code === 0 && sha256(back.stdout) === sha256(text))
      return { where: `to the clipboard (${tool.name})`, confirmed: true, clearable: true };
    return {
      where: `to ${tool.name}`,
      confirmed: false,
      advice: `the clipboard reads back something else (${tool.paste[0]} exited with code ${back.code})`,
      clearable: false,
    };
  }

  private async copyTmux(text: string): Promise<CopyReport> {
    const [settings, buffer] = await Promise.all([tmuxSettings(this.run), loadTmuxBuffer(text, this.run)]);
    const passthrough = settings.allowPassthrough === 'on' || settings.allowPassthrough === 'all';
    if (passthrough) this.terminal.write(osc52(text, true));
    if (!buffer) {
      if (!passthrough) this.terminal.write(osc52(text, false));
      return {
        where: passthrough ? "to the terminal (OSC 52 through tmux's passthrough)" : 'to the terminal (OSC 52)',
        confirmed: false,
        advice: "tmux's paste buffer could not be reached (tmux load-buffer failed)",
        clearable: false,
      };
    }
    const outer =
      settings.setClipboard === 'off' && !passthrough
        ? 'not your system clipboard: tmux has set-clipboard off (set -g set-clipboard on)'
        : `tmux also passes it to the terminal's clipboard` +
          `${passthrough ? " (and awsx through tmux's passthrough)" : ''}, not confirmed`;
    return { where: "into tmux's paste buffer (prefix ] pastes)", confirmed: true, advice: outer, clearable: true };
  }

  /** Clears the clipboard if it still holds text whose sha256 is `digest`; true when it cleared. */
  async clear(digest: string): Promise<boolean> {
    if (this.method.kind === 'tmux') return (await clearTmuxBuffers(digest, this.run)) > 0;
    // the terminal's clipboard cannot be read: never overwrite it blindly
    if (this.method.kind === 'osc52') return false;
    const tool = this.method.tool;
    if (!tool.paste) return false;
    const now = await this.run(tool.paste);
    if (now.code !== 0 || sha256(now.stdout) !== digest) return false;
    await this.run(tool.clear ?? tool.copy, tool.clear ? undefined : '');
    return true;
  }
}

export const CLEAR_DIGEST_VAR = 'AWSX_CLIPBOARD_DIGEST';

/**
 * Clears the clipboard after the picker has exited: a detached `awsx clipboard-clear` waits, then clears
 * only if the clipboard still holds the copied text (identified by its sha256, never the text itself).
 */
export function spawnClearer(
  seconds: number,
  digest: string,
  env: Env,
  command: string[] = [process.execPath, process.argv[1] ?? ''],
): void {
  try {
    const child = spawn(command[0]!, [...command.slice(1), 'clipboard-clear', '--after', String(seconds)], {
      detached: true,
      stdio: 'ignore',
      env: { ...env, [CLEAR_DIGEST_VAR]: digest },
    });
    child.on('error', () => {});
    child.unref();
  } catch {
    // best effort: the copy already told the user when it would be cleared
  }
}
