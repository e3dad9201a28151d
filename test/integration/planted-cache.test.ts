// Findings 1 and 2 of issue 15, with a second local user as the attacker: a cache folder someone else made
// (or can write to) is not used, a session file awsx did not write is never served, and a planted link never
// makes awsx write through it. The replay records of the bootstrap are off (AWSX_NO_FAST_PATH=1): they are
// being removed, and what is pinned here is the session cache.
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionCacheFile } from '../helpers/awsx-json.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { asOtherUser, OTHER_UID, sharedFolder, skipWithoutSecondUser } from '../helpers/second-user.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skipMoto = skipWithout('moto_server', ['--help']);
const skip = skipMoto || skipWithoutSecondUser();
const ATTACKER_KEY = 'ASIAATTACKERCONTROLLED';

/** A session file as awsx writes it, with the attacker's keys and an expiry in 2099. */
function plantedSession(key: string): string {
  return `${JSON.stringify({
    version: 1,
    key,
    meta: {
      kind: 'role',
      profile: 'hop1',
      label: 'hop1',
      chain: ['base', 'hop1'],
      arn: 'arn:aws:sts::111111111111:assumed-role/Hop1/x',
      accountId: '111111111111',
    },
    AccessKeyId: ATTACKER_KEY,
    SecretAccessKey: 'attacker/secret/attacker/secret/attacker0',
    SessionToken: 'attacker-token',
    Expiration: '2099-01-01T00:00:00.000Z',
    CreatedAt: new Date().toISOString(),
  })}\n`;
}

describe.skipIf(skip)('issue 15 findings 1-2: planted caches', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  let shared: string;
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, { ...world().env, AWSX_NO_FAST_PATH: '1' });
    shared = sharedFolder();
  });
  afterEach(() => {
    sb.cleanup();
    rmSync(shared, { recursive: true, force: true });
  });

  /** The cache key of hop1's session, learnt from a private cache. */
  async function hop1Key(): Promise<string> {
    const r = await sb.awsx(['assume', 'hop1', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const names = readdirSync(join(sb.cacheDir, 'sessions')).filter((n) => n.endsWith('.json'));
    const key = names
      .map((n) => n.slice(0, -5))
      .find((k) => sessionCacheFile(join(sb.cacheDir, 'sessions', `${k}.json`)).meta.profile === 'hop1');
    return key!;
  }

  it('finding 1: a cache folder another user made (0777) is not used, and their planted session is never served', async () => {
    const key = await hop1Key();
    asOtherUser(`mkdir -m 0777 ${shared}/awsx && mkdir -m 0777 ${shared}/awsx/sessions`);
    writeFileSync(join(shared, 'planted.json'), plantedSession(key));
    chmodSync(join(shared, 'planted.json'), 0o644);
    asOtherUser(
      `cp ${shared}/planted.json ${shared}/awsx/sessions/${key}.json && chmod 600 ${shared}/awsx/sessions/${key}.json`,
    );
    const env = { AWSX_CACHE_DIR: '', XDG_CACHE_HOME: shared };
    for (const args of [
      ['credential-process', 'hop1'],
      ['whoami', 'hop1', '--json'],
      ['assume', 'hop1', '--format', 'json'],
    ]) {
      const r = await sb.awsx(args, { env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout).not.toContain(ATTACKER_KEY);
      expect(r.stderr.trim().split('\n')).toEqual([
        `awsx: warning: not using the cache folder ${shared}/awsx: it belongs to another user (uid ${OTHER_UID}) (make it a folder of your own with mode 0700, or set AWSX_CACHE_DIR to another folder); going on without it`,
      ]);
    }
    // Nothing of the victim's went into the attacker's folder.
    expect(readdirSync(join(shared, 'awsx', 'sessions'))).toEqual([`${key}.json`]);
  });

  it("finding 1: in a folder of the user's own, a session file owned by someone else, readable by others, or under another key is ignored", async () => {
    const key = await hop1Key();
    const file = join(sb.cacheDir, 'sessions', `${key}.json`);
    const check = async (what: string): Promise<void> => {
      const r = await sb.awsx(['credential-process', 'hop1']);
      expect(r.code, `${what}: ${r.stderr}`).toBe(0);
      expect(r.stdout, what).not.toContain(ATTACKER_KEY);
    };
    writeFileSync(file, plantedSession(key), { mode: 0o600 });
    chownSync(file, OTHER_UID, OTHER_UID);
    const owned = await sb.awsx(['credential-process', 'hop1']);
    expect(owned.stdout).not.toContain(ATTACKER_KEY);
    expect(owned.stderr).toContain(`awsx: warning: ignoring ${file}: it belongs to another user (uid ${OTHER_UID})`);

    rmSync(file);
    writeFileSync(file, plantedSession(key));
    chmodSync(file, 0o644);
    await check('mode 0644');

    // A file awsx wrote for another key, copied under this key's name: its content does not match its name.
    rmSync(file);
    writeFileSync(join(sb.cacheDir, 'sessions', 'other.json'), plantedSession('other'), { mode: 0o600 });
    copyFileSync(join(sb.cacheDir, 'sessions', 'other.json'), file);
    chmodSync(file, 0o600);
    await check('another key');

    // Its own key, this user's, 0600, but an expiry no STS session has (2099, 36 h at most).
    rmSync(file);
    writeFileSync(file, plantedSession(key), { mode: 0o600 });
    await check('expiry 2099');
  });

  it('finding 2: links planted where awsx writes its session files are replaced, never written through', async () => {
    const key = await hop1Key();
    const victim = join(sb.home, 'precious.txt');
    writeFileSync(victim, 'keep me\n');
    const sessions = join(sb.cacheDir, 'sessions');
    rmSync(join(sessions, `${key}.json`));
    // The session file itself, and 1,200 names a temp file might have had, all pointing at the victim's file.
    symlinkSync(victim, join(sessions, `${key}.json`));
    for (let i = 0; i < 1200; i++) symlinkSync(victim, join(sessions, `.${key}.json.awsx-${i}.tmp`));
    const r = await sb.awsx(['assume', 'hop1', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(sessions, `${key}.json`)).isFile()).toBe(true);
    expect(sessionCacheFile(join(sessions, `${key}.json`)).key).toBe(key);
  });

  it("finding 2: a shared folder full of the attacker's links is not used at all; the victim's file stays", async () => {
    const victim = join(sb.home, 'precious.txt');
    writeFileSync(victim, 'keep me\n');
    asOtherUser(
      `mkdir -m 0777 ${shared}/awsx && mkdir -m 0777 ${shared}/awsx/sessions && cd ${shared}/awsx/sessions && i=0; while [ $i -lt 1200 ]; do ln -s ${victim} .link-$i.tmp; i=$((i+1)); done`,
    );
    const r = await sb.awsx(['assume', 'hop1', '--format', 'json'], {
      env: { AWSX_CACHE_DIR: '', XDG_CACHE_HOME: shared },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(r.stderr).toMatch(/^awsx: warning: not using the cache folder .*: it belongs to another user/);
  });

  it("a world-writable cache folder of the user's own is not used either; a private one is made 0700", async () => {
    mkdirSync(join(shared, 'awsx'), { mode: 0o700 });
    chmodSync(join(shared, 'awsx'), 0o777);
    const r = await sb.awsx(['assume', 'hop1', '--format', 'json'], {
      env: { AWSX_CACHE_DIR: '', XDG_CACHE_HOME: shared },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/not using the cache folder .*awsx: it is writable by others \(mode 0777\)/);
    expect(existsSync(join(shared, 'awsx', 'sessions'))).toBe(false);
    rmSync(join(shared, 'awsx'), { recursive: true });
    const fresh = await sb.awsx(['assume', 'hop1', '--format', 'json'], {
      env: { AWSX_CACHE_DIR: '', XDG_CACHE_HOME: shared },
    });
    expect(fresh.stderr).toBe('');
    expect(lstatSync(join(shared, 'awsx')).mode & 0o777).toBe(0o700);
    expect(lstatSync(join(shared, 'awsx', 'sessions')).mode & 0o777).toBe(0o700);
  });
});
