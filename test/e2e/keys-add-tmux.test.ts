// awsx keys add in a real terminal (tmux): the access key id, the secret and a new key file passphrase are
// typed at prompts that echo nothing, so none of them is ever on the screen; what was typed is what is
// stored (the profile then works, through the STS front and moto).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSandbox, putAwsxOnPath, type Sandbox } from '../helpers/sandbox.js';
import { useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';
import { startTmux, type Tmux } from './tmux.js';

const skip = skipWithout('tmux', ['-V']) || skipWithout('moto_server', ['--help']);
const PROMPT = 'E2E$ ';
const KEY = { id: 'AKIATYPEDINTMUX00001', secret: 'typed/InTmux+NeverEchoed0000000000000000' };
const PASSPHRASE = 'typed passphrase, never echoed';

describe.skipIf(skip)('awsx keys add on a terminal', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  let tmux: Tmux | undefined;
  beforeEach(() => {
    sb = makeSandbox({ config: '' }, { ...world().env, AWSX_KEYS_BACKEND: 'file', DBUS_SESSION_BUS_ADDRESS: '' });
    putAwsxOnPath(sb);
    world().front.reset();
  });
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
    sb.cleanup();
  });

  it('asks for the key and a new passphrase without echo, and stores exactly what was typed', async () => {
    tmux = await startTmux({
      width: 120,
      height: 30,
      env: { ...sb.env, TERM: 'xterm-256color', PS1: PROMPT, HISTFILE: '/dev/null' },
      command: 'bash --norc --noprofile',
    });
    await tmux.type(`PS1='${PROMPT}'; clear`, true);
    await tmux.waitFor((s) => s.trimEnd().endsWith(PROMPT.trimEnd()), 'the prompt');
    await tmux.type('awsx keys add alice; echo "EXIT=$?"', true);
    await tmux.waitFor(/Access key id for alice:\s*$/m, 'the key id prompt');
    await tmux.type(KEY.id, true);
    await tmux.waitFor(/Secret access key for alice:\s*$/m, 'the secret prompt');
    await tmux.type(KEY.secret, true);
    await tmux.waitFor(/New passphrase for .*keys\.enc:\s*$/m, 'the new passphrase prompt');
    await tmux.type(PASSPHRASE, true);
    await tmux.waitFor(/The same passphrase again:\s*$/m, 'the confirmation');
    await tmux.type(PASSPHRASE, true);
    const screen = await tmux.waitFor(/EXIT=\d/, 'the end of keys add');
    expect(screen.replace(/\n/g, '')).toMatch(/stored AKIA…0001 .*for profile alice in .*keys\.enc/);
    expect(screen).toContain('EXIT=0');
    for (const typed of [KEY.id, KEY.secret, PASSPHRASE]) expect(screen).not.toContain(typed);
    expect(
      world()
        .front.callsOf('GetCallerIdentity')
        .map((c) => c.callerKey),
    ).toEqual([KEY.id]);
    const assumed = await sb.awsx(['assume', 'alice', '--format', 'json'], {
      env: { AWSX_KEYS_PASSPHRASE: PASSPHRASE },
    });
    expect(assumed.code).toBe(0);
    expect(
      world()
        .front.callsOf('GetSessionToken')
        .map((c) => c.callerKey),
    ).toEqual([KEY.id]);
  });
});
