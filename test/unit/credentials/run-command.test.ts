// Bounds on the commands awsx runs (credential_process, mfa_process): stdout over the limit and a run over the
// timeout stop the command (its children too, so the run never hangs on their open pipes); no hand-off
// variable reaches it.
import { describe, expect, it } from 'vitest';
import { runShellCommand } from '../../../src/credentials/run-command.js';

describe('runShellCommand', () => {
  it('stops a command printing more than the limit, even with a grandchild holding the pipe', async () => {
    const r = await runShellCommand('yes; sleep 30', { maxOutputBytes: 4096 });
    expect(r.overflow).toBe(true);
    expect(r.stdout).toBe('');
  });

  it('stops a command past its timeout, even when a grandchild keeps the pipe open', async () => {
    const started = Date.now();
    const r = await runShellCommand('sleep 30 & sleep 30', { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('keeps only the start of a flood on stderr, and gives the command no hand-off variable', async () => {
    const r = await runShellCommand(
      'head -c 1000000 /dev/zero | tr "\\0" e >&2; echo "[${AWSX_HANDOFF-}${AWSX_HANDOFF_NONCE-}]"',
      {
        env: { PATH: process.env.PATH, AWSX_HANDOFF: '/tmp/x', AWSX_HANDOFF_NONCE: 'n' },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stderr.length).toBe(64 * 1024);
    expect(r.stdout).toBe('[]\n');
  });
});
