// In the picker, a warning from deep down (here: a cache folder others can write to, which awsx will not use)
// shows on the status line, not written across the screen, and the picker works without the cache.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';
import { startTmux, type Tmux } from './tmux.js';

const skip = skipWithout('tmux', ['-V']);

describe.skipIf(skip)('the picker with a cache folder awsx does not trust', () => {
  let sb: Sandbox;
  let tmux: Tmux | undefined;
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, { AWSX_NO_FAST_PATH: '1' });
  });
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
    sb.cleanup();
  });

  it("says so on the status line; the first line is still the picker's", async () => {
    const cache = join(sb.dir, 'shared-cache');
    mkdirSync(join(cache, 'sessions'), { recursive: true });
    chmodSync(cache, 0o777);
    const env = { ...sb.env, AWSX_CACHE_DIR: cache, TERM: 'xterm-256color' };
    tmux = await startTmux({ width: 120, height: 30, env, command: `${process.execPath} ${AWSX}` });
    const screen = await tmux.waitFor(
      (s) => /^awsx 8 \//m.test(s) && /not using the cache folder/.test(s),
      'the picker and its warning',
    );
    expect(screen.split('\n')[0]).toMatch(/^awsx 8 \//);
    expect(screen).not.toMatch(/^awsx: warning/m);
    expect(screen).toMatch(/warning: not using the cache folder .*shared-cache: it is writable by others/);
    await tmux.send('q');
  });
});
