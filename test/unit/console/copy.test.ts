// `awsx console --copy` says only what it knows: a native copy is confirmed by reading the clipboard back,
// a tool that cannot be read back is "handed to", OSC 52 is "not confirmed"; a tool that exits 0 but keeps
// nothing, or no clipboard at all, is an error. Clearing is scheduled only for what can be cleared.
import { describe, expect, it } from 'vitest';
import type { Runner } from '../../../src/shell/clipboard-tmux.js';
import { copyReport, copySecret } from '../../../src/console/copy.js';

const URL = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=secret';
const WHAT = 'the sign-in URL for prod';

/** A clipboard tool that stores what it is given (or drops it: `keeps` false). */
function fakeTool(keeps = true): { run: Runner; calls: string[][] } {
  let held = '';
  const calls: string[][] = [];
  const run: Runner = (argv, input) => {
    calls.push(argv);
    if (argv.includes('-o') || argv[0] === 'pbpaste' || argv[0] === 'wl-paste' || argv.includes('--output'))
      return Promise.resolve({ code: 0, stdout: held });
    if (keeps) held = input ?? '';
    return Promise.resolve({ code: 0, stdout: '' });
  };
  return { run, calls };
}

describe('console --copy', () => {
  it('a native copy read back is confirmed, and clearing is scheduled by its digest', async () => {
    const { run, calls } = fakeTool();
    const cleared: Array<[number, string]> = [];
    const outcome = await copySecret(URL, WHAT, {
      env: { DISPLAY: ':0' },
      platform: 'linux',
      has: (n) => n === 'xclip',
      run,
      clearAfter: 60,
      clearer: (s, d) => void cleared.push([s, d]),
    });
    expect(outcome).toEqual({ via: 'xclip', landed: 'confirmed' });
    expect(calls).toEqual([
      ['xclip', '-selection', 'clipboard'],
      ['xclip', '-selection', 'clipboard', '-o'],
    ]);
    expect(cleared).toHaveLength(1);
    expect(cleared[0]![1]).not.toContain('secret');
    expect(copyReport(outcome, WHAT, 60)).toBe(
      'copied the sign-in URL for prod to the clipboard (xclip, read back); the clipboard is cleared in 60s if it still holds it',
    );
  });

  it('a tool that exits 0 but does not hold the text is an error, and nothing is claimed', async () => {
    const { run } = fakeTool(false);
    await expect(
      copySecret(URL, WHAT, {
        env: { DISPLAY: ':0' },
        platform: 'linux',
        has: (n) => n === 'xsel',
        run,
        clearAfter: 60,
        clearer: () => {},
      }),
    ).rejects.toThrow(/^xsel exited without error but the clipboard does not hold the sign-in URL for prod$/);
    const failing: Runner = () => Promise.resolve({ code: 1, stdout: '' });
    await expect(
      copySecret(URL, WHAT, {
        env: { DISPLAY: ':0' },
        platform: 'linux',
        has: (n) => n === 'xclip',
        run: failing,
        clearAfter: 0,
      }),
    ).rejects.toThrow(/^could not copy the sign-in URL for prod: xclip exited with code 1$/);
  });

  it('clip.exe cannot be read back: "handed to", never "copied"', async () => {
    const { run } = fakeTool();
    const outcome = await copySecret(URL, WHAT, {
      env: {},
      platform: 'win32',
      has: (n) => n === 'clip.exe',
      run,
      clearAfter: 0,
    });
    expect(outcome).toEqual({ via: 'clip.exe', landed: 'unchecked' });
    expect(copyReport(outcome, WHAT, 0)).toBe(
      'handed the sign-in URL for prod to clip.exe (it cannot be read back to check)',
    );
  });

  it('OSC 52 goes to the terminal and is said to be unconfirmed; with no terminal it is an error', async () => {
    const written: string[] = [];
    const outcome = await copySecret(URL, WHAT, {
      env: { SSH_CONNECTION: '1 2 3 4' },
      platform: 'linux',
      terminal: { write: (t: string) => written.push(t) },
      clearAfter: 60,
      clearer: () => {},
    });
    expect(outcome).toEqual({ via: 'OSC 52', landed: 'requested' });
    // eslint-disable-next-line no-control-regex -- the OSC 52 sequence ends in BEL
    expect(Buffer.from(/52;c;([^\u0007]+)\u0007/.exec(written.join(''))![1]!, 'base64').toString()).toBe(URL);
    expect(copyReport(outcome, WHAT, 60)).toBe(
      "sent the sign-in URL for prod to the terminal's clipboard with OSC 52 (not confirmed: the terminal may ignore OSC 52)",
    );
    await expect(
      copySecret(URL, WHAT, { env: {}, platform: 'linux', has: () => false, clearAfter: 60 }),
    ).rejects.toThrow(/^no clipboard for the sign-in URL for prod: no clipboard tool/);
  });

  it("inside tmux (no display) the URL goes into tmux's paste buffer, where awsx finds it: confirmed", async () => {
    const buffers = new Map<string, string>();
    const run: Runner = (argv, input) => {
      if (argv[1] === 'load-buffer') buffers.set('buffer0', input ?? '');
      if (argv[1] === 'list-buffers') return Promise.resolve({ code: 0, stdout: [...buffers.keys()].join('\n') });
      if (argv[1] === 'show-buffer') return Promise.resolve({ code: 0, stdout: buffers.get(argv[3]!) ?? '' });
      return Promise.resolve({ code: 0, stdout: argv[1] === 'show-options' ? 'external\n' : '' });
    };
    const cleared: number[] = [];
    const outcome = await copySecret(URL, WHAT, {
      env: { TMUX: '/tmp/t,1,0' },
      platform: 'linux',
      has: () => false,
      run,
      clearAfter: 30,
      clearer: (s) => void cleared.push(s),
    });
    expect(outcome).toEqual({ via: "tmux's paste buffer", landed: 'confirmed' });
    expect(buffers.get('buffer0')).toBe(URL);
    expect(cleared).toEqual([30]);
    expect(copyReport(outcome, WHAT, 30)).toBe(
      "copied the sign-in URL for prod into tmux's paste buffer (found there; prefix ] pastes it); it is cleared in 30s if it still holds it",
    );
  });
});
