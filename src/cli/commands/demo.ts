// awsx demo: the picker against a built-in emulator of STS, IAM Identity Center and console sign-in, in a
// temporary HOME. `--serve` keeps the emulators up without the picker and prints the environment, so any
// awsx (or AWS CLI) command can be tried against the demo from another shell.
import { systemClock } from '../../config/clock.js';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../config/errors.js';
import type { Env } from '../../config/paths.js';
import type { DemoStatus } from '../../ui/context.js';

export async function demoCommand(flags: { serve?: boolean }, env: Env): Promise<number> {
  if (!flags.serve && (!process.stdin.isTTY || !process.stderr.isTTY)) {
    throw new InputError('awsx demo opens the picker and needs a terminal', {
      hint: 'awsx demo --serve runs the demo emulators for scripts',
    });
  }
  const { startDemoWorld, DEMO_MFA_SEED } = await import('../../emulator/demo-world.js');
  const world = await startDemoWorld(systemClock);
  // The SDK reads endpoint variables from process.env: the demo's must be there, not only in `env`.
  Object.assign(process.env, world.env);
  // A closed terminal (SIGHUP) or a kill (SIGTERM) ends the demo through process.exit, so its temporary
  // HOME is removed (see startDemoWorld) instead of left in the temp folder.
  const stopOn = (signal: NodeJS.Signals, code: number): void => {
    process.once(signal, () => {
      // leave the picker's screen
      if (!flags.serve && process.stderr.isTTY) process.stderr.write('\x1b[?1049l\x1b[?25h');
      process.exit(code);
    });
  };
  if (!flags.serve) stopOn('SIGTERM', 143);
  stopOn('SIGHUP', 129);
  try {
    if (flags.serve) return await serve(world);
    return await demoPicker({ ...env, ...world.env }, DEMO_MFA_SEED);
  } finally {
    await world.close();
  }
}

/**
 * The picker on the demo world; Enter opens a shell as the identity, since the demo ends with awsx. The top bar
 * shows the MFA code the demo's STS accepts now, computed from `mfaSeed` as the STS emulator does.
 */
async function demoPicker(env: Env, mfaSeed: string): Promise<number> {
  const [{ startPicker }, demo, { defaultShell }, { childEnvironment, runChild }, { clearClipboardAfter }] =
    await Promise.all([
      import('../../ui/start-picker.js'),
      demoMfaCodes(mfaSeed),
      import('../../shell/default-shell.js'),
      import('../child-process.js'),
      import('../clear-clipboard-after.js'),
    ]);
  const result = await startPicker(env, {
    clock: systemClock,
    clearClipboardAfter: clearClipboardAfter(env),
    // The demo's HOME goes when awsx ends; a shell writing its history there as both end would leave it behind.
    runSubshell: (session) =>
      runChild(defaultShell(env), [], { ...childEnvironment(env, session), HISTFILE: '/dev/null' }),
    demo,
    enterOpensShell: true,
  });
  return result.interrupted ? 130 : 0;
}

/** The MFA code the demo's STS accepts at a time, computed from its seed as the STS emulator does. */
export async function demoMfaCodes(seed: string): Promise<(now: number) => DemoStatus> {
  const { currentMfaCode, mfaCodeSecondsLeft } = await import('../../emulator/sts-mfa.js');
  return (now) => ({ mfaCode: currentMfaCode(seed, now), secondsLeft: mfaCodeSecondsLeft(now) });
}

async function serve(world: { env: Record<string, string>; home: string; mfaCode(): string }): Promise<number> {
  // Listening before anything is printed: a script that stops the demo as soon as it read the environment
  // must still get the temporary HOME removed.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve).once('SIGTERM', resolve);
  });
  const lines = Object.entries(world.env).map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`);
  const envFile = join(dirname(world.home), 'demo.env');
  writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stderr.write(
    `awsx demo: emulators running. In another shell: source ${envFile}\n` +
      'awsx demo: profiles: alice, dev, dev-network, dev-network-audit, prod-admin (MFA), vendor (external id), ' +
      'sso-sandbox; sso-session demo-corp with 40 accounts\n' +
      `awsx demo: the MFA code right now is ${world.mfaCode()} (it changes every 30 s). Ctrl-C stops the demo.\n`,
  );
  await stopped;
  return 0;
}
