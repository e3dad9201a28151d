// Runs the picker: builds the services, store and clock, renders the app on stderr in the alternate
// screen, and loops when the user opens a subshell ('e') so the picker comes back as it was.
import { render } from 'ink';
import type { AwsFiles } from '../config/load-config.js';
import type { Clock } from '../config/clock.js';
import { redirectNotices } from '../config/notices.js';
import type { Env } from '../config/paths.js';
import { Clipboard, chooseClipboard, spawnClearer } from '../shell/clipboard.js';
import { TickingClock } from '../picker/clock.js';
import { createServices } from '../credentials/context.js';
import type { Session } from '../credentials/engine.js';
import { PickerActions } from '../picker/actions.js';
import { SessionStore } from '../picker/store.js';
import { enterNeedsSetup } from '../shell/setup.js';
import { App, type PickerOutcome } from './components/App.js';
import { PickerProvider, type PickerContextValue } from './context.js';
import type { ScreenState } from './state/screen-reducer.js';
import { makeTheme } from './theme.js';

const ALT_ON = '\x1b[?1049h';
const ALT_OFF = '\x1b[?1049l';

/**
 * Ink's own options: at most 60 frames a second, so a burst of keys or ticks is drawn once. Ink's
 * incrementalRendering (rewrite only the lines that changed) is left off: with ink 6.8 it left a stale line
 * of the IAM Identity Center sign-in panel on screen; with ink 7 the tmux tests pass with it on, but at
 * 20,000 rows it made no keystroke faster and raised the peak memory (docs/benchmarks.md).
 */
const RENDER_OPTIONS = { maxFps: 60 } as const;

export interface PickerRunOptions {
  env: Env;
  /** The time the picker's clock ticks from and its services read. */
  clock: Clock;
  /** Seconds after a copy to clear the clipboard; 0 never clears. */
  clearClipboardAfter: number;
  /** Runs $SHELL with the session's identity (the terminal is the picker's meanwhile). */
  runSubshell: (session: Session) => Promise<number>;
  /** `awsx demo`: the top bar's demo badge. */
  demo?: PickerContextValue['demo'];
  /** `awsx demo`: Enter opens a shell as the identity (the demo's emulators live only while awsx runs). */
  enterOpensShell?: boolean;
  /** The AWS files when the caller has read them already (they are parsed once per start). */
  files?: AwsFiles;
}

export interface PickerResult {
  /** The session the user chose with Enter; undefined when they quit. */
  session?: Session;
  /** Left with Ctrl-C (exit code 130) rather than q. */
  interrupted?: boolean;
}

export async function runPicker(options: PickerRunOptions): Promise<PickerResult> {
  const { env } = options;
  const services = createServices(env, options.clock, options.files);
  const store = new SessionStore();
  // Warnings from deep down (a cache folder awsx cannot trust) go to the status line, not across the screen.
  const restoreNotices = redirectNotices((line, tone) => store.setStatus(line.replace(/^awsx: /, ''), tone));
  const clock = new TickingClock(options.clock);
  const actions = new PickerActions({
    services,
    store,
    clock,
    clipboard: new Clipboard(chooseClipboard(env), process.stderr),
    clearClipboardAfter: options.clearClipboardAfter,
    clearLater: (digest, seconds) => spawnClearer(seconds, digest, env),
    shellSetup: options.enterOpensShell ? undefined : enterNeedsSetup(env, process.stdout),
  });
  actions.load();
  const context: PickerContextValue = {
    actions,
    store,
    clock,
    theme: makeTheme(env),
    ...(options.demo ? { demo: options.demo } : {}),
  };
  let screen: ScreenState | undefined;
  let background: ReturnType<typeof setImmediate> | undefined;
  let alternate = false;
  const alt = (on: boolean): void => {
    if (on !== alternate) process.stderr.write(on ? ALT_ON : ALT_OFF);
    alternate = on;
  };
  try {
    for (;;) {
      alt(true);
      let outcome: PickerOutcome | undefined;
      const app = render(
        <PickerProvider value={context}>
          <App onExit={(o) => (outcome = o)} {...(screen ? { initialScreen: screen } : {})} />
        </PickerProvider>,
        { stdout: process.stderr, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false, ...RENDER_OPTIONS },
      );
      // The first frame is drawn (from cached rows): now revalidate IAM Identity Center roles behind it.
      background ??= setImmediate(() => void actions.startBackground());
      await app.waitUntilExit();
      app.cleanup();
      const session = outcome?.rowId ? actions.sessionFor(outcome.rowId) : undefined;
      if ((outcome?.kind === 'shell' || (outcome?.kind === 'use' && options.enterOpensShell)) && session) {
        alt(false);
        // Stop reading the terminal, or the subshell taking the foreground stops awsx (SIGTTIN).
        if (process.stdin.isTTY) process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stderr.write(`awsx: a subshell as ${session.label}; exit it to return to the picker\n`);
        await options.runSubshell(session);
        screen = outcome.screen;
        continue;
      }
      alt(false);
      if (outcome?.kind === 'use' && session) return { session };
      return outcome?.kind === 'interrupt' ? { interrupted: true } : {};
    }
  } finally {
    restoreNotices();
    actions.stop();
    alt(false);
  }
}
