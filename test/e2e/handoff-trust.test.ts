// Finding 11 of issue 15: only the shell function's own call of awsx hands a session to the shell. A command
// run by `awsx exec` never sees AWSX_HANDOFF, and a hand-off file the function did not get from awsx (no nonce,
// or the wrong one) is never sourced, in bash, zsh and fish.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AWSX, makeSandbox, putAwsxOnPath, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);
/** Quoted for the double quotes of --command "...": the outer shell must expand nothing. */
const q = (s: string): string => s.replace(/["$\\]/g, '\\$&');

describe.skipIf(skip)('issue 15 finding 11: the shell hand-off', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    putAwsxOnPath(sb);
  });
  afterEach(() => sb.cleanup());

  const shells = ['bash', 'zsh'].filter((s) => !skipWithout(s, ['-c', 'true']));

  it.each(shells)(
    '%s: awsx exec -- sh -c \'echo "export PWNED=1" > "$AWSX_HANDOFF"\' plants nothing',
    async (shell) => {
      const r = await sb.run(shell, [
        '-c',
        `eval "$(awsx shell-init ${shell})"
      export TMPDIR="${sb.dir}"
      awsx exec hop1 -- sh -c 'echo "export PWNED=1" > "$AWSX_HANDOFF"; echo "child sees [\${AWSX_HANDOFF-}] [\${AWSX_HANDOFF_NONCE-}] [\${AWSX_SHELL-}]"'
      echo "pwned=\${PWNED-no}"
      awsx use hop1 && echo "identity=$AWSX_IDENTITY"`,
      ]);
      expect(r.stdout).toContain('child sees [] [] []');
      expect(r.stdout).toContain('pwned=no');
      expect(r.stdout).toContain('identity=hop1');
    },
  );

  it.each(shells)("%s: a hand-off file without this run's nonce is not sourced", async (shell) => {
    // A stand-in for awsx that writes the file itself: the first time without a nonce line, then with a wrong one.
    const fake = `sh -c 'printf "export PWNED=1\\n" > "$AWSX_HANDOFF"' --`;
    const wrong = `sh -c 'printf "# awsx-handoff 0000000000000000\\nexport PWNED=2\\n" > "$AWSX_HANDOFF"' --`;
    // And the control: one that writes this run's nonce first is sourced.
    const right = `sh -c 'printf "# awsx-handoff %s\\nexport PWNED=3\\n" "$AWSX_HANDOFF_NONCE" > "$AWSX_HANDOFF"' --`;
    const r = await sb.run(shell, [
      '-c',
      `export TMPDIR="${sb.dir}"
      eval "$(node "${AWSX}" shell-init ${shell} --command "${q(fake)}")"; awsx; echo "a=\${PWNED-no}"
      eval "$(node "${AWSX}" shell-init ${shell} --command "${q(wrong)}")"; awsx; echo "b=\${PWNED-no}"
      eval "$(node "${AWSX}" shell-init ${shell} --command "${q(right)}")"; awsx; echo "c=\${PWNED-no}"`,
    ]);
    expect(r.stdout.trim().split('\n')).toEqual(['a=no', 'b=no', 'c=3']);
  });

  it.skipIf(skipWithout('fish', ['-c', 'true']))(
    'fish: the same two attempts plant nothing, and awsx use still works',
    async () => {
      const fake = `sh -c 'printf "set -gx PWNED 1\\n" > "$AWSX_HANDOFF"' --`;
      const right = `sh -c 'printf "# awsx-handoff %s\\nset -gx PWNED 3\\n" "$AWSX_HANDOFF_NONCE" > "$AWSX_HANDOFF"' --`;
      const r = await sb.run('fish', [
        '-c',
        `set -gx TMPDIR "${sb.dir}"
      awsx shell-init fish | source
      awsx exec hop1 -- sh -c 'echo "set -gx PWNED 1" > "$AWSX_HANDOFF"'
      echo "exec=$PWNED"
      awsx use hop1; and echo "identity=$AWSX_IDENTITY"
      node "${AWSX}" shell-init fish --command "${q(fake)}" | source
      awsx; echo "fake=$PWNED"
      node "${AWSX}" shell-init fish --command "${q(right)}" | source
      awsx; echo "right=$PWNED"`,
      ]);
      expect(r.stdout).toContain('exec=\n');
      expect(r.stdout).toContain('identity=hop1');
      expect(r.stdout).toContain('fake=\n');
      expect(r.stdout).toContain('right=3\n');
    },
  );

  it('an AWSX_HANDOFF without a nonce (an older shell function) is not written: the lines go to stdout with a hint', async () => {
    const r = await sb.awsx(['use', 'hop1'], { env: { AWSX_HANDOFF: `${sb.dir}/h/handoff`, SHELL: '/bin/bash' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^unset AWS_PROFILE/);
    expect(r.stderr).toMatch(
      /^awsx: this shell's awsx function is from an older awsx, which does not check where the hand-off comes from, so nothing was set; eval the lines above, and run eval "\$\(awsx shell-init bash\)" again/,
    );
  });
});
