// The encrypted key file backend end to end (no keyring at all: no D-Bus session), against moto with request
// authentication on: add, use, import, rotate, a wrong passphrase, and no secret key anywhere in the HOME.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startIamWorld, type IamWorld } from '../helpers/iam-world.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { filesHolding } from '../helpers/secret-scan.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);
const PASSPHRASE = 'file backend test passphrase';

describe.skipIf(skip)('awsx keys with the encrypted key file', () => {
  let world: IamWorld;
  let sb: Sandbox;
  let n = 0;
  beforeAll(async () => {
    world = await startIamWorld();
  });
  afterAll(async () => world?.moto.stop());
  beforeEach(async () => {
    sb = makeSandbox({ config: '' });
    Object.assign(sb.env, {
      AWS_ENDPOINT_URL_STS: world.moto.url,
      AWS_ENDPOINT_URL_IAM: world.moto.url,
      AWSX_KEYS_PASSPHRASE: PASSPHRASE,
      AWSX_KEYS_BACKEND: 'file',
      DBUS_SESSION_BUS_ADDRESS: '',
    });
    await world.authOff();
  });
  afterEach(() => sb.cleanup());

  it('add, use, rotate: the file is 0600 and holds no readable key; a wrong passphrase is one line, exit 2', async () => {
    const name = `fileuser${++n}`;
    const key = await world.user(name);
    await world.authOn();
    const added = await sb.awsx(['keys', 'add', 'alice'], {
      input: JSON.stringify({ AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey }),
    });
    expect(added.stderr).toMatch(/stored AKIA…\w{4} .* for profile alice in .*\/\.local\/share\/awsx\/keys\.enc/);
    expect(added.code).toBe(0);
    const file = join(sb.home, '.local', 'share', 'awsx', 'keys.enc');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await sb.awsx(['keys', 'list', '--json'])).stdout).toContain('"backend": "file"');
    const assumed = await sb.awsx(['assume', 'alice', '--format', 'json']);
    expect(assumed.code).toBe(0);
    expect(JSON.parse(assumed.stdout).SessionToken).toBeTruthy();
    const wrong = await sb.awsx(['assume', 'alice', '--format', 'json', '--no-cache'], {
      env: { AWSX_KEYS_PASSPHRASE: 'not the passphrase' },
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(
      /^awsx: cannot open the encrypted key file .*keys\.enc: wrong passphrase \(or the file was changed\) \(AWSX_KEYS_PASSPHRASE must hold/,
    );
    const rotated = await sb.awsx(['keys', 'rotate', 'alice']);
    expect(rotated.code).toBe(0);
    const [now] = await world.keys(name);
    expect(now).not.toBe(key.accessKeyId);
    expect(JSON.parse((await sb.awsx(['keys', 'list', '--json'])).stdout)[0].accessKeyId).toBe(
      `${now!.slice(0, 4)}…${now!.slice(-4)}`,
    );
    expect(filesHolding(sb.dir, key.secretAccessKey)).toEqual([]);
    expect(filesHolding(sb.dir, key.accessKeyId)).toEqual([]);
  });
});
