// Finding 11 of issue 15: the hand-off variables (AWSX_HANDOFF, its nonce, AWSX_SHELL) are for the shell
// function's own call of awsx only. The environment awsx gives a child (the picker's `e` subshell and
// `awsx exec` use childEnvironment, `exec --server` serverChildEnvironment) never holds them, nor does any
// child spawned without an explicit environment once run() has called keepHandoffFromChildren.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/credentials/engine.js';
import { childEnvironment } from '../../../src/cli/child-process.js';
import { serverChildEnvironment } from '../../../src/cli/commands/exec.js';
import { keepHandoffFromChildren } from '../../../src/shell/handoff-env.js';

const HANDOFF = {
  AWSX_HANDOFF: '/tmp/awsx-handoff-test/handoff',
  AWSX_HANDOFF_NONCE: '0123456789abcdef',
  AWSX_SHELL: 'bash',
};
const BASE = { PATH: '/usr/bin:/bin', HOME: '/home/alice', EDITOR: 'vi', ...HANDOFF };

const SESSION: Session = {
  label: 'hop1',
  profile: 'hop1',
  chain: ['base', 'hop1'],
  credentials: {
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'session-secret',
    sessionToken: 'session-token',
    expiration: new Date('2030-01-01T00:00:00Z'),
  },
  region: 'eu-west-1',
  accountId: '111111111111',
  fromCache: false,
};

const handoffOf = (env: NodeJS.ProcessEnv): string[] => Object.keys(env).filter((k) => k in HANDOFF);

describe('children never get the hand-off variables', () => {
  it("the `e` subshell's and awsx exec's environment: the session and the caller's own variables, no hand-off", () => {
    const env = childEnvironment({ ...BASE }, SESSION);
    expect(handoffOf(env)).toEqual([]);
    expect(env).toMatchObject({
      PATH: BASE.PATH,
      HOME: BASE.HOME,
      EDITOR: 'vi',
      AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
      AWSX_IDENTITY: 'hop1',
    });
  });

  it("exec --server's environment: the endpoint and its token, no hand-off", () => {
    const env = serverChildEnvironment(
      { ...BASE },
      { url: 'http://127.0.0.1:1/creds', token: 'token', label: 'hop1', region: 'eu-west-1' },
    );
    expect(handoffOf(env)).toEqual([]);
    expect(env).toMatchObject({ EDITOR: 'vi', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/creds' });
  });

  it("leaves the caller's environment as it was (awsx itself still hands off through it)", () => {
    const base = { ...BASE };
    childEnvironment(base, SESSION);
    expect(base).toEqual(BASE);
  });

  describe('a child spawned without an explicit environment', () => {
    const saved = Object.keys(HANDOFF).map((k) => [k, process.env[k]] as const);
    afterEach(() => {
      for (const [k, v] of saved)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    });

    it('inherits none of them after keepHandoffFromChildren', () => {
      Object.assign(process.env, HANDOFF);
      const show = 'echo "[${AWSX_HANDOFF-}|${AWSX_HANDOFF_NONCE-}|${AWSX_SHELL-}]"';
      expect(spawnSync('sh', ['-c', show], { encoding: 'utf8' }).stdout).toBe(
        `[${HANDOFF.AWSX_HANDOFF}|${HANDOFF.AWSX_HANDOFF_NONCE}|bash]\n`,
      );
      keepHandoffFromChildren();
      expect(spawnSync('sh', ['-c', show], { encoding: 'utf8' }).stdout).toBe('[||]\n');
    });
  });
});
