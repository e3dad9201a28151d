// awsx keys against a real Secret Service (gnome-keyring-daemon in its own D-Bus session) and IAM/STS from
// moto with request authentication on: moto checks every signature and the user's IAM policy, so a wrong
// secret is rejected as AWS would, and CreateAccessKey is denied without the permission.
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentialsJson, keyListJson } from '../helpers/awsx-json.js';
import { startIamWorld, type IamKey, type IamWorld } from '../helpers/iam-world.js';
import { skipWithoutKeyring, startKeyring, type Keyring } from '../helpers/keyring.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { filesHolding } from '../helpers/secret-scan.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithoutKeyring();

describe.skipIf(skip)('awsx keys with gnome-keyring and moto', () => {
  let world: IamWorld;
  let sb: Sandbox;
  let keyring: Keyring;
  let n = 0;
  beforeAll(async () => {
    world = await startIamWorld();
  });
  afterAll(async () => world?.moto.stop());
  beforeEach(async () => {
    sb = makeSandbox({ config: '[profile other]\nregion = eu-west-1\n' });
    keyring = await startKeyring(sb.home);
    Object.assign(sb.env, keyring.env, {
      AWS_ENDPOINT_URL_STS: world.moto.url,
      AWS_ENDPOINT_URL_IAM: world.moto.url,
      AWSX_KEY_VERIFY_SECONDS: '5',
    });
    await world.authOff();
  });
  afterEach(async () => {
    await keyring.stop();
    sb.cleanup();
  });
  const user = async (actions?: string[]): Promise<{ name: string; key: IamKey }> => {
    const name = `user${++n}`;
    return { name, key: await world.user(name, actions) };
  };
  const add = (profile: string, key: IamKey, args: string[] = []) =>
    sb.awsx(['keys', 'add', profile, ...args], {
      input: JSON.stringify({ AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey }),
    });
  const lookup = (profile: string): string => {
    try {
      return execFileSync('secret-tool', ['lookup', 'service', 'awsx', 'username', profile], {
        env: { ...sb.env },
        encoding: 'utf8',
      });
    } catch {
      return '';
    }
  };

  it('keys add: checked with STS, kept in the keyring (not on disk), the profile written for other tools', async () => {
    const { key } = await user();
    await world.authOn();
    const r = await add('alice', key);
    expect(r.stderr).toMatch(
      /^awsx: stored AKIA…\w{4} \(arn:aws:iam::\d{12}:user\/user\d+\) for profile alice in the Secret Service keyring/,
    );
    expect(r.code).toBe(0);
    expect(sb.read('config')).toBe(
      '[profile other]\nregion = eu-west-1\n\n[profile alice]\ncredential_process = awsx credential-process alice\n',
    );
    expect(credentialsJson(lookup('alice'))).toMatchObject({
      AccessKeyId: key.accessKeyId,
      SecretAccessKey: key.secretAccessKey,
    });
    const list = keyListJson((await sb.awsx(['keys', 'list', '--json'])).stdout);
    expect(list).toEqual([
      expect.objectContaining({
        profile: 'alice',
        backend: 'keyring',
        accessKeyId: `${key.accessKeyId.slice(0, 4)}…${key.accessKeyId.slice(-4)}`,
        ageDays: 0,
        sinceSource: 'iam',
        old: false,
      }),
    ]);
    // Used by every command as file keys are; the long-term key goes to STS only: a session comes out.
    const assumed = credentialsJson((await sb.awsx(['assume', 'alice', '--format', 'json'])).stdout);
    expect(assumed.SessionToken).toBeTruthy();
    expect(assumed.AccessKeyId).not.toBe(key.accessKeyId);
    expect((await sb.awsx(['list'])).stdout).toMatch(/alice +keyring +\d{12} +key 0d/);
    expect(filesHolding(sb.dir, key.secretAccessKey)).toEqual([]);
  });

  it('keys add --no-credential-process; a key STS rejects is not stored; malformed input is refused before any call', async () => {
    const { key } = await user();
    await world.authOn();
    const wrong = await add('bad', { ...key, secretAccessKey: `${key.secretAccessKey.slice(0, -4)}AAAA` });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(
      /profile "bad": the source access key is invalid or its secret is wrong \(SignatureDoesNotMatch\)/,
    );
    expect(lookup('bad')).toBe('');
    expect(sb.read('config')).toBe('[profile other]\nregion = eu-west-1\n');
    const temporary = await add('tmp', { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: key.secretAccessKey });
    expect(temporary.code).toBe(2);
    expect(temporary.stderr).toMatch(/temporary key \(ASIA\.\.\.\), which expires/);
    const vault = await sb.awsx(['keys', 'add', 'x'], { input: 'not read', env: { AWSX_KEYS_BACKEND: 'vault' } });
    expect(vault.code).toBe(2);
    expect(vault.stderr).toBe('awsx: AWSX_KEYS_BACKEND "vault" is not a key backend (use one of keyring, file)\n');
    const garbage = await sb.awsx(['keys', 'add', 'x'], { input: 'not json' });
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/stdin is not JSON with AccessKeyId and SecretAccessKey/);
    const ok = await add('plain', key, ['--no-credential-process']);
    expect(ok.code).toBe(0);
    expect(sb.read('config')).toBe('[profile other]\nregion = eu-west-1\n\n[profile plain]\n');
    sb.write(
      'config',
      `${sb.read('config')}\n[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/Admin\nsource_profile = plain\n`,
    );
    const role = await add('admin', key);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(
      /profile "admin" has role_arn, which would win over keys in the keyring \(keep keys in a profile of their own/,
    );
  });

  it('keys import: moves every key, removes only their lines (every other byte kept), and the profiles keep working', async () => {
    const a = await user();
    const b = await user();
    const credentials = `# my keys\n[alice]\naws_access_key_id = ${a.key.accessKeyId}\naws_secret_access_key = ${a.key.secretAccessKey}\nregion = us-west-2\n\n[bob]\naws_access_key_id = ${b.key.accessKeyId}\naws_secret_access_key = ${b.key.secretAccessKey}\n\n[session]\naws_access_key_id = ASIAEXAMPLESESSION01\naws_secret_access_key = x\naws_session_token = t\n`;
    sb.write('credentials', credentials);
    chmodSync(sb.credentialsPath, 0o600); // as the AWS CLI makes it (a wider file gets a note first: user-files.test.ts)
    await world.authOn();
    const r = await sb.awsx(['keys', 'import']);
    expect(r.stderr).toMatch(
      /^awsx: moved the keys of alice, bob into the Secret Service keyring and removed them from /,
    );
    expect(r.code).toBe(0);
    expect(sb.read('credentials')).toBe(
      `# my keys\n[alice]\nregion = us-west-2\n\n[session]\naws_access_key_id = ASIAEXAMPLESESSION01\naws_secret_access_key = x\naws_session_token = t\n`,
    );
    expect(sb.read('config')).toBe(
      '[profile other]\nregion = eu-west-1\n\n[profile alice]\ncredential_process = awsx credential-process alice\n\n[profile bob]\ncredential_process = awsx credential-process bob\n',
    );
    expect(credentialsJson(lookup('bob')).SecretAccessKey).toBe(b.key.secretAccessKey);
    for (const p of ['alice', 'bob']) expect((await sb.awsx(['assume', p, '--format', 'json'])).code).toBe(0);
    expect(filesHolding(sb.dir, a.key.secretAccessKey)).toEqual([]);
    expect(filesHolding(sb.dir, b.key.secretAccessKey)).toEqual([]);
  });

  it('keys import with one key STS rejects changes nothing', async () => {
    const a = await user();
    const credentials = `[alice]\naws_access_key_id = ${a.key.accessKeyId}\naws_secret_access_key = ${a.key.secretAccessKey}\n[bad]\naws_access_key_id = AKIAIOSFODNN7NOTREAL\naws_secret_access_key = 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\n`;
    sb.write('credentials', credentials);
    chmodSync(sb.credentialsPath, 0o600); // as the AWS CLI makes it (a wider file gets a note first: user-files.test.ts)
    await world.authOn();
    const r = await sb.awsx(['keys', 'import']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/profile "bad": the source access key is invalid .*InvalidClientTokenId/);
    expect(sb.read('credentials')).toBe(credentials);
    expect(lookup('alice')).toBe('');
    expect((await sb.awsx(['keys', 'list', '--json'])).stdout.trim()).toBe('[]');
    const none = await sb.awsx(['keys', 'import', 'other']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/profile "other" has no long-term keys in /);
  });

  it('keys rotate: a new key that works replaces the old one, which IAM no longer has', async () => {
    const { name, key } = await user();
    await world.authOn();
    expect((await add('alice', key)).code).toBe(0);
    const r = await sb.awsx(['keys', 'rotate', 'alice']);
    expect(r.stderr).toMatch(
      /^awsx: rotated profile alice: AKIA…\w{4} -> AKIA…\w{4} in the Secret Service keyring; the old key is deleted in IAM/,
    );
    expect(r.code).toBe(0);
    const stored = credentialsJson(lookup('alice'));
    expect(stored.AccessKeyId).not.toBe(key.accessKeyId);
    expect(await world.keys(name)).toEqual([stored.AccessKeyId]);
    expect((await sb.awsx(['assume', 'alice', '--format', 'json'])).code).toBe(0);
    expect(filesHolding(sb.dir, key.secretAccessKey)).toEqual([]);
    expect(filesHolding(sb.dir, stored.SecretAccessKey)).toEqual([]);
  });

  it('keys rotate: two keys already (the limit) names the key to delete; IAM denying CreateAccessKey keeps the key', async () => {
    const { name, key } = await user();
    const extra = await world.addKey(name);
    await world.authOn();
    expect((await add('alice', key)).code).toBe(0);
    const full = await sb.awsx(['keys', 'rotate', 'alice']);
    expect(full.code).toBe(1);
    // Key ids are masked in every line (issue 15); the last four characters name the key to delete.
    expect(full.stderr).toContain(
      `already has two access keys, the most IAM allows: AKIA…${extra.accessKeyId.slice(-4)} besides`,
    );
    expect(full.stderr).toContain(`if the key ending in ${extra.accessKeyId.slice(-4)} is not in use, delete it`);
    expect(full.stderr).not.toContain(extra.accessKeyId);
    const denied = await user(['sts:GetSessionToken', 'iam:ListAccessKeys']);
    expect((await add('bob', denied.key)).code).toBe(0);
    const r = await sb.awsx(['keys', 'rotate', 'bob']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /profile "bob": IAM denied CreateAccessKey; the old key is unchanged \(the user needs iam:CreateAccessKey/,
    );
    expect(credentialsJson(lookup('bob')).AccessKeyId).toBe(denied.key.accessKeyId);
    expect(await world.keys(denied.name)).toEqual([denied.key.accessKeyId]);
    expect(
      keyListJson((await sb.awsx(['keys', 'list', '--json'])).stdout).find((k) => k.profile === 'bob')
        ?.rotationInterrupted,
    ).toBe(false);
  });

  it("keys remove: the key leaves the keyring and the index, with awsx's credential_process line; a key gone from the keyring", async () => {
    const { key } = await user();
    expect((await add('alice', key)).code).toBe(0);
    // Taken out of the keyring behind awsx's back: a clear line, exit 2.
    execFileSync('secret-tool', ['clear', 'service', 'awsx', 'username', 'alice'], {
      env: { ...sb.env },
    });
    const gone = await sb.awsx(['assume', 'alice', '--format', 'json']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(
      /^awsx: profile "alice": its key AKIA…\w{4} is no longer in the Secret Service keyring \(store it again \(awsx keys add alice\), or forget it/,
    );
    const r = await sb.awsx(['keys', 'remove', 'alice']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `The key still exists in IAM: delete it there if nothing else uses it (aws iam delete-access-key --access-key-id ${key.accessKeyId})`,
    );
    expect(lookup('alice')).toBe('');
    expect(sb.read('config')).toBe('[profile other]\nregion = eu-west-1\n\n[profile alice]\n');
    const again = await sb.awsx(['keys', 'remove', 'alice']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/profile "alice" has no key in the keyring/);
  });

  it('a locked keyring, and no D-Bus session: one line each, with the fix, nothing changed', async () => {
    const { key } = await user();
    expect((await add('alice', key)).code).toBe(0);
    await keyring.lock();
    const locked = await sb.awsx(['assume', 'alice', '--format', 'json', '--no-cache']);
    expect(locked.code).toBe(1);
    expect(locked.stderr.trim().split('\n')).toHaveLength(1);
    expect(locked.stderr).toMatch(
      /^awsx: profile "alice": the OS keyring is locked \(reading a key\) \(unlock it .*--backend file/,
    );
    const noBus = { DBUS_SESSION_BUS_ADDRESS: '' };
    const unreachable = await sb.awsx(['assume', 'alice', '--format', 'json', '--no-cache'], { env: noBus });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /^awsx: profile "alice": the OS keyring cannot be reached .*\(start a Secret Service/,
    );
    // Storing without a keyring: the encrypted file, which needs a passphrase (none here: a clear exit 2).
    const stored = await sb.awsx(['keys', 'add', 'carol'], {
      env: noBus,
      input: JSON.stringify({ AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey }),
    });
    expect(stored.code).toBe(2);
    expect(stored.stderr).toMatch(/note: the OS keyring cannot be used .*keeping the keys in the encrypted file/);
    expect(stored.stderr).toMatch(
      /the encrypted key file .* needs its passphrase, and there is no terminal to ask on \(set AWSX_KEYS_PASSPHRASE/,
    );
    const forced = await sb.awsx(['keys', 'add', 'carol', '--backend', 'keyring'], {
      env: noBus,
      input: JSON.stringify({ AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey }),
    });
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/the OS keyring cannot be reached/);
  });
});
