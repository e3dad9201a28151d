// awsx keys rotate and import killed with SIGKILL at their worst moments (a front holds moto's answer so the
// kill lands exactly there): at every such instant the keyring holds a key that works, neither `ps` (with
// every process's environment) nor the test HOME shows a secret key, and the next run finishes or undoes
// the job.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentialsJson, keyListJson } from '../helpers/awsx-json.js';
import { startHoldFront, type HoldFront } from '../fakes/hold-front.js';
import { startIamWorld, type IamKey, type IamWorld } from '../helpers/iam-world.js';
import { skipWithoutKeyring, startKeyring, type Keyring } from '../helpers/keyring.js';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { skipWithout } from '../helpers/tools.js';
import { filesHolding } from '../helpers/secret-scan.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithoutKeyring();

describe.skipIf(skip)('awsx keys killed half-way', () => {
  let world: IamWorld;
  let front: HoldFront;
  let sb: Sandbox;
  let keyring: Keyring;
  let n = 0;
  let running: ChildProcess | undefined;
  beforeAll(async () => {
    world = await startIamWorld();
  });
  afterAll(async () => world?.moto.stop());
  beforeEach(async () => {
    sb = makeSandbox({ config: '' });
    keyring = await startKeyring(sb.home);
    front = await startHoldFront(world.moto.url);
    Object.assign(sb.env, keyring.env, {
      AWS_ENDPOINT_URL_STS: front.url,
      AWS_ENDPOINT_URL_IAM: front.url,
      AWSX_KEY_VERIFY_SECONDS: '5',
    });
    await world.authOff();
  });
  afterEach(async () => {
    running?.kill('SIGKILL');
    running = undefined;
    await front.close();
    await keyring.stop();
    sb.cleanup();
  });

  const user = async (): Promise<{ name: string; key: IamKey }> => {
    const name = `killed${++n}`;
    return { name, key: await world.user(name) };
  };
  const stored = (profile: string, service = 'awsx'): { AccessKeyId: string; SecretAccessKey: string } | undefined => {
    try {
      return credentialsJson(
        execFileSync('secret-tool', ['lookup', 'service', service, 'username', profile], {
          env: { ...sb.env },
          encoding: 'utf8',
        }),
      );
    } catch {
      return undefined;
    }
  };
  /** Starts awsx and returns once the held request has reached moto. */
  const startHeld = async (args: string[], until: Promise<void>): Promise<ChildProcess> => {
    running = spawn(process.execPath, [AWSX, ...args], { env: { ...sb.env }, stdio: ['ignore', 'ignore', 'ignore'] });
    const exited = new Promise<never>((_, reject) =>
      running!.once('exit', (code) => reject(new Error(`awsx exited (${code}) before the held request`))),
    );
    await Promise.race([until, exited]);
    return running;
  };
  const kill = async (child: ChildProcess): Promise<void> => {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    running = undefined;
  };
  /** `ps` with every process's command line and environment. */
  const psHolds = (secret: string): boolean =>
    execFileSync('ps', ['axwwe', '-o', 'pid,args'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).includes(secret);
  const works = async (profile: string): Promise<boolean> =>
    (await sb.awsx(['assume', profile, '--format', 'json', '--no-cache'])).code === 0;
  const addKey = (profile: string, key: IamKey) =>
    sb.awsx(['keys', 'add', profile], {
      input: JSON.stringify({ AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey }),
    });

  it('killed after IAM created the new key, before awsx kept it: the old key works; the next run deletes the orphan and rotates', async () => {
    const { name, key } = await user();
    await world.authOn();
    expect((await addKey('alice', key)).code).toBe(0);
    const held = front.hold('CreateAccessKey');
    const child = await startHeld(['keys', 'rotate', 'alice'], held.arrived);
    expect(psHolds(key.secretAccessKey)).toBe(false);
    await kill(child);
    expect(stored('alice')!.AccessKeyId).toBe(key.accessKeyId);
    expect(await works('alice')).toBe(true);
    expect(await world.keys(name)).toHaveLength(2);
    const r = await sb.awsx(['keys', 'rotate', 'alice']);
    expect(r.stderr).toMatch(/note: deleting AKIA…\w{4}, the key an interrupted rotation created but never stored/);
    expect(r.code).toBe(0);
    const now = stored('alice')!;
    expect(await world.keys(name)).toEqual([now.AccessKeyId]);
    expect(await works('alice')).toBe(true);
    for (const secret of [key.secretAccessKey, now.SecretAccessKey]) expect(filesHolding(sb.dir, secret)).toEqual([]);
  });

  it('killed while checking the new key: the old key works, the new one waits in the keyring; the next run carries on', async () => {
    const { name, key } = await user();
    await world.authOn();
    expect((await addKey('alice', key)).code).toBe(0);
    const held = front.hold('GetCallerIdentity', (caller) => caller !== key.accessKeyId);
    const child = await startHeld(['keys', 'rotate', 'alice'], held.arrived);
    const pending = stored('alice', 'awsx (rotation in progress)')!;
    expect(pending.AccessKeyId).not.toBe(key.accessKeyId);
    expect(psHolds(key.secretAccessKey) || psHolds(pending.SecretAccessKey)).toBe(false);
    await kill(child);
    expect(stored('alice')!.AccessKeyId).toBe(key.accessKeyId);
    expect(await works('alice')).toBe(true);
    const listed = keyListJson((await sb.awsx(['keys', 'list', '--json'])).stdout);
    expect(listed[0]?.rotationInterrupted).toBe(true);
    const r = await sb.awsx(['keys', 'rotate', 'alice']);
    expect(r.stderr).toMatch(/carrying on with the rotation an earlier run started/);
    expect(r.stderr).toMatch(/finished rotating profile alice/);
    expect(r.code).toBe(0);
    expect(stored('alice')!.AccessKeyId).toBe(pending.AccessKeyId);
    expect(stored('alice', 'awsx (rotation in progress)')).toBeUndefined();
    expect(await world.keys(name)).toEqual([pending.AccessKeyId]);
    expect(await works('alice')).toBe(true);
  });

  it('killed before the old key was deleted: the new key is in use; the next run deletes the old one', async () => {
    const { name, key } = await user();
    await world.authOn();
    expect((await addKey('alice', key)).code).toBe(0);
    const held = front.hold('DeleteAccessKey', undefined, { unsent: true });
    const child = await startHeld(['keys', 'rotate', 'alice'], held.arrived);
    await kill(child);
    const now = stored('alice')!;
    expect(now.AccessKeyId).not.toBe(key.accessKeyId);
    expect((await world.keys(name)).sort()).toEqual([key.accessKeyId, now.AccessKeyId].sort());
    expect(await works('alice')).toBe(true);
    const r = await sb.awsx(['keys', 'rotate', 'alice']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/finished the rotation an earlier run started: AKIA…\w{4} is in use, AKIA…\w{4} deleted/);
    expect(await world.keys(name)).toEqual([now.AccessKeyId]);
    expect(keyListJson((await sb.awsx(['keys', 'list', '--json'])).stdout)[0]?.rotationInterrupted).toBe(false);
    for (const secret of [key.secretAccessKey, now.SecretAccessKey]) expect(filesHolding(sb.dir, secret)).toEqual([]);
  });

  it('import killed after the first key is stored: the credentials file is unchanged and every profile works; the next run finishes', async () => {
    const a = await user();
    const b = await user();
    const credentials = `[alice]\naws_access_key_id = ${a.key.accessKeyId}\naws_secret_access_key = ${a.key.secretAccessKey}\n\n[bob]\naws_access_key_id = ${b.key.accessKeyId}\naws_secret_access_key = ${b.key.secretAccessKey}\n`;
    sb.write('credentials', credentials);
    await world.authOn();
    const held = front.hold('ListAccessKeys', (caller) => caller === b.key.accessKeyId);
    const child = await startHeld(['keys', 'import'], held.arrived);
    expect(psHolds(a.key.secretAccessKey) || psHolds(b.key.secretAccessKey)).toBe(false);
    await kill(child);
    expect(sb.read('credentials')).toBe(credentials);
    expect(stored('alice')!.AccessKeyId).toBe(a.key.accessKeyId);
    expect(await works('alice')).toBe(true);
    expect(await works('bob')).toBe(true);
    const r = await sb.awsx(['keys', 'import']);
    expect(r.code).toBe(0);
    expect(sb.read('credentials')).toBe('');
    expect(stored('bob')!.AccessKeyId).toBe(b.key.accessKeyId);
    for (const secret of [a.key.secretAccessKey, b.key.secretAccessKey])
      expect(filesHolding(sb.dir, secret)).toEqual([]);
  });
});
