// Runs the picker: builds the services, store and clock, renders the app on stderr in the alternate
// screen, and loops when the user opens a subshell ('e') so the picker comes back as it was.
import { render } from 'ink';
import type { AwsFiles } from '../config/load-config.js';
import type { Env } from '../config/paths.js';
import { Clipboard, chooseClipboard, spawnClearer } from '../services/clipboard.js';
import { TickingClock } from '../services/clock.js';
import { createServices } from '../services/context.js';
import type { Session } from '../services/credential-engine.js';
import type { Stamps } from '../services/fast-path.js';
import { ALT_OFF, ALT_ON, frameHook, isWholeFrame, rememberFrame, replayedFrame, sameTerminal, takeOver, takeOverBytes, timeDependence, trapWrites } from '../services/frame-replay.js';
import { PickerActions } from '../services/picker-actions.js';
import { SessionStore } from '../services/session-store.js';
import { enterNeedsSetup } from '../services/shell-setup.js';
import { App, type PickerOutcome } from './components/App.js';
import { PickerProvider, type PickerContextValue } from './context.js';
import type { ScreenState } from './state/screen-reducer.js';
import { makeTheme } from './theme.js';

export interface PickerRunOptions {
  env: Env;
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
  /** Stamps of what the first frame is drawn from, taken before reading: the frame may be recorded (frame-replay.ts). */
  frameStamps?: Stamps;
}

export interface PickerResult {
  /** The session the user chose with Enter; undefined when they quit. */
  session?: Session;
  /** Left with Ctrl-C (exit code 130) rather than q. */
  interrupted?: boolean;
}

export async function runPicker(options: PickerRunOptions): Promise<PickerResult> {
  const { env } = options;
  const services = createServices(env, options.files);
  const store = new SessionStore();
  const clock = new TickingClock();
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
  const context: PickerContextValue = { actions, store, clock, theme: makeTheme(env), ...(options.demo ? { demo: options.demo } : {}) };
  let screen: ScreenState | undefined;
  let background: ReturnType<typeof setImmediate> | undefined;
  // A replayed first frame is on the screen, in the alternate screen already (see frame-replay.ts).
  const replayed = replayedFrame();
  let alternate = replayed !== undefined;
  let recording: Promise<void> | undefined;
  const alt = (on: boolean): void => {
    if (on !== alternate) process.stderr.write(on ? ALT_ON : ALT_OFF);
    alternate = on;
  };
  try {
    for (let first = true; ; first = false) {
      alt(true);
      let outcome: PickerOutcome | undefined;
      // The first frame is drawn while render() runs: keep its bytes, held back when they take over a replayed frame.
      const trap = first && (replayed !== undefined || options.frameStamps) ? trapWrites(process.stderr, replayed !== undefined) : undefined;
      let app: ReturnType<typeof render>;
      try {
        app = render(
          <PickerProvider value={context}>
            <App onExit={(o) => (outcome = o)} {...(screen ? { initialScreen: screen } : {})} />
          </PickerProvider>,
          { stdout: process.stderr, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false },
        );
      } finally {
        if (trap) recording = firstFrame(trap.release(), replayed, context, options);
      }
      // The first frame is drawn (from cached rows): now revalidate IAM Identity Center roles behind it.
      if (!background) {
        // The bootstrap kept V8's young generation small for the parse: back to V8's default growth, which suits
        // what keystrokes allocate (short-lived).
        process.getBuiltinModule('node:v8').setFlagsFromString('--semi-space-growth-factor=2');
        background = setImmediate(() => void actions.startBackground());
      }
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
    actions.stop();
    alt(false);
    takeOver();
    await recording; // a quick q must not cut the record's write short
  }
}

/** After the first frame: take a replayed frame over, and record this one when time cannot change it. */
function firstFrame(drawn: string, replayed: string | undefined, context: PickerContextValue, options: PickerRunOptions): Promise<void> | undefined {
  if (replayed !== undefined) {
    process.stderr.write(takeOverBytes(drawn, replayed));
    takeOver();
    if (ALT_ON + drawn === replayed) return undefined; // the record holds this very frame
  }
  const hook = frameHook();
  const stamps = options.frameStamps;
  if (!hook || !stamps || !sameTerminal(hook, process.stderr) || !isWholeFrame(drawn, hook.size!.rows)) return undefined;
  if (timeDependence(context.store.getSnapshot(), Boolean(options.demo)) !== undefined) return undefined;
  // Written once the frame is out and keys are being read.
  return new Promise((resolve) => setImmediate(() => void rememberFrame(hook, ALT_ON + drawn, stamps).then(resolve, resolve)));
}
