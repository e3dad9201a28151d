// Browser commands as argument vectors, never shell lines: a sign-in URL holds `&`, which cmd.exe (and an
// unquoted POSIX shell) would split. BROWSER is read as Python's webbrowser (and so the AWS CLI) reads it:
// entries separated by os.pathsep (':', ';' on Windows), tried in order; an entry holding %s is split into
// words like a POSIX shell (shlex.split) with %s standing for the URL, and a trailing `&` means "do not wait";
// any other entry is the name or path of one program, spaces and all, given the URL as its only argument.
// Where Python gives up (no program of that whole name, e.g. `firefox --private-window`), awsx splits the
// entry into words and puts the URL last instead.
import { shlexSplit } from '../config/shlex.js';

export interface BrowserCommand {
  program: string;
  /** Arguments; `%s` in any of them stands for the URL (appended when none holds it). */
  args: string[];
}

/** BROWSER's entries, in the order they are tried. */
export function browserEntries(value: string, platform: NodeJS.Platform = process.platform): string[] {
  return value.split(platform === 'win32' ? ';' : ':').filter((entry) => entry !== '');
}

/**
 * One BROWSER entry, as Python's webbrowser.get() reads it (`exists`: a program of that name or path is
 * there); undefined when shlex cannot split it.
 */
export function parseBrowserEntry(
  entry: string,
  exists: (program: string) => boolean = () => true,
): BrowserCommand | undefined {
  if (!entry.includes('%s')) {
    if (!/\s/.test(entry.trim()) || exists(entry)) return { program: entry, args: [] };
    const words = shlexSplit(entry);
    return words && words.length > 0 ? { program: words[0]!, args: words.slice(1) } : { program: entry, args: [] };
  }
  const words = shlexSplit(entry);
  if (!words || words.length === 0) return undefined;
  if (words.length > 1 && words[words.length - 1] === '&') words.pop();
  return { program: words[0]!, args: words.slice(1) };
}

/**
 * The --browser value (or AWSX_CONSOLE_BROWSER): a command line split like a POSIX shell (quote a path
 * with spaces), %s standing for the URL, else the URL last. A value that is as a whole an existing
 * program (C:\Program Files\...\chrome.exe) is that program.
 */
export function parseBrowserFlag(value: string, isProgram: (path: string) => boolean): BrowserCommand | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  if (!trimmed.includes('%s') && /\s/.test(trimmed) && isProgram(trimmed)) return { program: trimmed, args: [] };
  const words = shlexSplit(trimmed);
  if (!words || words.length === 0) return undefined;
  return { program: words[0]!, args: words.slice(1) };
}

/** The argument vector that opens `url`: %s replaced in every argument, or the URL appended. */
export function browserArgv(command: BrowserCommand, url: string, extra: readonly string[] = []): string[] {
  const placed = command.args.some((a) => a.includes('%s'));
  const args = command.args.map((a) => a.replaceAll('%s', url));
  return [command.program, ...args, ...extra, ...(placed ? [] : [url])];
}
