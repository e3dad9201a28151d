// The encrypted key file backend end to end (no keyring at all: no D-Bus session), against moto with request
// authentication on: add, use, import, rotate, a wrong passphrase, and no secret key anywhere in the HOME.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentialsJson, keyIndexFile, keyListJson, profileListJson } from '../helpers/awsx-json.js';
import { SELF_SERVICE, startIamWorld, type IamWorld } from '../helpers/iam-world.js';
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
    expect(credentialsJson(assumed.stdout).SessionToken).toBeTruthy();
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
    expect(keyListJson((await sb.awsx(['keys', 'list', '--json'])).stdout)[0]?.accessKeyId).toBe(
      `${now!.slice(0, 4)}…${now!.slice(-4)}`,
    );
    expect(filesHolding(sb.dir, key.secretAccessKey)).toEqual([]);
    expect(filesHolding(sb.dir, key.accessKeyId)).toEqual([]);
  });

  it('key age: old keys flagged in keys list and awsx list, past AWSX_KEY_MAX_AGE_DAYS or --max-age', async () => {
    const key = await world.user(`fileuser${++n}`);
    const input = JSON.stringify({ AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey });
    expect((await sb.awsx(['keys', 'add', 'alice'], { input })).code).toBe(0);
    // A key IAM created 120 days ago (the index keeps IAM's CreateDate).
    const index = join(sb.home, '.local', 'share', 'awsx', 'keys.json');
    const doc = keyIndexFile(index);
    doc.profiles.alice!.createDate = new Date(Date.now() - 120 * 86_400_000 - 3_600_000).toISOString();
    writeFileSync(index, JSON.stringify(doc));
    const list = await sb.awsx(['keys', 'list']);
    expect(list.stdout).toMatch(/^alice +AKIA…\w{4} +file +120 days OLD/m);
    expect(list.stderr).toContain("alice's key is 120 days old (more than 90): awsx keys rotate alice");
    expect((await sb.awsx(['keys', 'list'], { env: { AWSX_KEY_MAX_AGE_DAYS: '365' } })).stdout).not.toContain('OLD');
    expect(keyListJson((await sb.awsx(['keys', 'list', '--json', '--max-age', '200'])).stdout)[0]).toMatchObject({
      ageDays: 120,
      old: false,
    });
    expect((await sb.awsx(['list'])).stdout).toMatch(/^alice +keyring +\d{12} +key 120d old/m);
    const json = profileListJson((await sb.awsx(['list', '--json'])).stdout);
    expect(json[0]).toMatchObject({
      name: 'alice',
      kind: 'keyring',
      key: { backend: 'file', ageDays: 120, old: true },
    });
    const bad = await sb.awsx(['keys', 'list', '--max-age', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-age "soon" is not a number of days/);
  });

  it('keys list: an MFA column; no CreateDate from IAM: the age counts from when awsx stored the key', async () => {
    const name = `fileuser${++n}`;
    const key = await world.user(
      name,
      SELF_SERVICE.filter((action) => action !== 'iam:ListAccessKeys'),
    );
    await world.authOn();
    const input = JSON.stringify({ AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey });
    expect((await sb.awsx(['keys', 'add', 'alice'], { input })).code).toBe(0);
    const index = join(sb.home, '.local', 'share', 'awsx', 'keys.json');
    const doc = keyIndexFile(index);
    // IAM would not say when it created the key: the index has only the date awsx stored it, set 30 days back.
    expect(doc.profiles.alice!.createDate).toBeUndefined();
    const storedAt = new Date(Date.now() - 30 * 86_400_000 - 3_600_000).toISOString();
    doc.profiles.alice!.storedAt = storedAt;
    writeFileSync(index, JSON.stringify(doc));
    const mfa = 'arn:aws:iam::123456789012:mfa/alice';
    writeFileSync(sb.configPath, `${sb.read('config')}mfa_serial = ${mfa}\n`);
    const list = await sb.awsx(['keys', 'list']);
    expect(list.code).toBe(0);
    const [header, row, ...rest] = list.stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(header).toMatch(/^PROFILE +KEY +BACKEND +AGE +MFA +USER$/);
    expect(row).toMatch(
      new RegExp(`^alice +AKIA…\\w{4} +file +30 days \\(stored\\) +${mfa} +arn:aws:iam::\\d{12}:user/${name}$`),
    );
    // The MFA column lines up under its header.
    expect(row!.indexOf(mfa)).toBe(header!.indexOf('MFA'));
    const [json] = keyListJson((await sb.awsx(['keys', 'list', '--json'])).stdout);
    expect(json).toMatchObject({
      profile: 'alice',
      ageDays: 30,
      since: storedAt,
      sinceSource: 'stored',
      mfaSerial: mfa,
    });
  });
});
