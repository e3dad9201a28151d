// `awsx console --copy`: the sign-in URL onto the clipboard, said as honestly as the picker says it. A
// native tool's copy is confirmed only when reading the clipboard back gives the same text (a tool that
// exits 0 but keeps nothing is an error); a tool that cannot be read back (clip.exe) is said to be unchecked;
// OSC 52 is a request to the terminal that awsx cannot see granted, and is said to be unconfirmed; inside tmux
// the URL goes into tmux's paste buffer, where awsx finds it. The clipboard is cleared after a while, only
// where awsx can tell it still holds the URL (a detached `awsx clipboard-clear`).
import { AwsxError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import {
  chooseClipboard,
  Clipboard,
  runTool,
  sha256,
  spawnClearer,
  type CopyReport,
  type Terminal,
} from '../shell/clipboard.js';
import type { Runner } from '../shell/clipboard-tmux.js';

/** The clipboard could not take the text (exit 1). */
export class ClipboardError extends AwsxError {
  readonly exitCode = 1 as const;
}

export interface CopyOutcome {
  /** How it travelled: the tool's name, or OSC 52. */
  via: string;
  /** 'confirmed': read back; 'unchecked': the tool exited 0 but cannot be read; 'requested': OSC 52. */
  landed: 'confirmed' | 'unchecked' | 'requested';
}

export interface CopyDeps {
  env: Env;
  /** Where OSC 52 goes; absent: the terminal is not there (stderr is not a TTY). */
  terminal?: Terminal;
  platform?: NodeJS.Platform;
  has?: (name: string) => boolean;
  run?: Runner;
  /** Seconds until the clipboard is cleared (0: never). */
  clearAfter: number;
  clearer?: typeof spawnClearer;
}

/** The `via` of a copy into tmux's paste buffer (found there: confirmed). */
export const TMUX_BUFFER = "tmux's paste buffer";

export async function copySecret(text: string, what: string, deps: CopyDeps): Promise<CopyOutcome> {
  const method = chooseClipboard(deps.env, deps.platform, deps.has);
  const run = deps.run ?? runTool;
  const digest = sha256(text);
  const noClipboard = (): ClipboardError =>
    new ClipboardError(
      `no clipboard for ${what}: ` +
        'no clipboard tool (wl-copy, xclip, xsel, pbcopy, clip.exe) and no terminal for OSC 52',
      { hint: 'install a clipboard tool, or run from a terminal; or use --print' },
    );
  if (method.kind === 'osc52' && !deps.terminal) throw noClipboard();
  const clipboard = new Clipboard(method, deps.terminal ?? { write: () => true }, run);
  let report: CopyReport;
  try {
    report = await clipboard.copy(text);
  } catch (error) {
    throw new ClipboardError(`could not copy ${what}: ${(error as Error).message}`, {
      hint: 'check the clipboard tool, or use --print',
    });
  }
  // Cleared later only where awsx can tell the clipboard still holds the text (read back, tmux's buffers).
  if (report.clearable && deps.clearAfter > 0) (deps.clearer ?? spawnClearer)(deps.clearAfter, digest, deps.env);
  if (method.kind === 'native') {
    const tool = method.tool;
    if (report.confirmed) return { via: tool.name, landed: 'confirmed' };
    if (!tool.paste) return { via: tool.name, landed: 'unchecked' };
    throw new ClipboardError(`${tool.name} exited without error but the clipboard does not hold ${what}`, {
      hint: 'check the clipboard (is a clipboard manager or display there?), or use --print',
    });
  }
  if (report.confirmed) return { via: TMUX_BUFFER, landed: 'confirmed' };
  if (!deps.terminal) throw noClipboard();
  return { via: 'OSC 52', landed: 'requested' };
}

/** The line that says where the text went and whether that is certain. */
export function copyReport(outcome: CopyOutcome, what: string, clearAfter: number): string {
  const cleared =
    clearAfter > 0 && outcome.landed === 'confirmed'
      ? `; the clipboard is cleared in ${clearAfter}s if it still holds it`
      : '';
  if (outcome.landed === 'confirmed' && outcome.via === TMUX_BUFFER) {
    const clears = cleared.replace('the clipboard', 'it');
    return `copied ${what} into tmux's paste buffer (found there; prefix ] pastes it)${clears}`;
  }
  if (outcome.landed === 'confirmed') return `copied ${what} to the clipboard (${outcome.via}, read back)${cleared}`;
  if (outcome.landed === 'unchecked') return `handed ${what} to ${outcome.via} (it cannot be read back to check)`;
  return `sent ${what} to the terminal's clipboard with ${outcome.via} (not confirmed: the terminal may ignore OSC 52)`;
}
