// Findings 3-5 of issue 15: the user's own files. Secrets are never written into a file another user owns
// (root included), every byte awsx does not change stays as it was whatever its encoding, the config keeps its
// mode, a credentials file readable by others is tightened with a note, and a read-only file is refused.
import { chmodSync, chownSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect } from 'vitest';
import type { Sandbox } from '../helpers/sandbox.js';
import { OTHER_UID, skipWithoutSecondUser } from '../helpers/second-user.js';
import { ACCOUNT, arn } from '../helpers/accounts.js';
import { BASE_KEYS, STANDARD_CONFIG, stsTest as it } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);
const CAFE = Buffer.from('# caf\xe9: a latin-1 comment\n', 'latin1');

describe.skipIf(skip)("issue 15 findings 3-5: the user's files", () => {
  const addNewrole = (sb: Sandbox) =>
    sb.awsx(['profile', 'add', 'newrole', '--role-arn', arn(ACCOUNT, 'NewRole'), '--source-profile', 'base']);
  const leftovers = (dir: string): string[] =>
    readdirSync(dir).filter((n) => n.includes('awsx-') || n.includes('lock'));

  it.skipIf(skipWithoutSecondUser())(
    'finding 3: as root, --save-to-file over a file of uid 1002 is refused (exit 2), the file untouched',
    async ({ sb }) => {
      const target = join(sb.dir, 'creds.env');
      writeFileSync(target, 'old\n', { mode: 0o600 });
      chownSync(target, OTHER_UID, OTHER_UID);
      const r = await sb.awsx(['assume', 'hop1', '--save-to-file', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `awsx: refusing to write to ${target}: it belongs to another user (uid ${OTHER_UID}) (choose a file of your own, or remove that one first)\n`,
      );
      expect(readFileSync(target, 'utf8')).toBe('old\n');
      expect(statSync(target).uid).toBe(OTHER_UID);
      // The same for the credentials file.
      chownSync(sb.credentialsPath, OTHER_UID, OTHER_UID);
      const w = await sb.awsx(['assume', 'hop1', '--write-profile', 'saved']);
      expect(w.code).toBe(2);
      expect(w.stderr).toMatch(/^awsx: refusing to write to .*credentials: it belongs to another user \(uid 1002\)/);
      expect(sb.read('credentials')).toBe(BASE_KEYS);
      // A file of one's own is written (0600, owned by the writer).
      const mine = join(sb.dir, 'mine.env');
      const ok = await sb.awsx(['assume', 'hop1', '--save-to-file', mine]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(statSync(mine).uid).toBe(process.getuid!());
      expect(statSync(mine).mode & 0o777).toBe(0o600);
    },
  );

  it('finding 4: latin-1 bytes in the credentials and config files survive --write-profile and profile add', async ({
    sb,
  }) => {
    const credentials = Buffer.concat([
      CAFE,
      Buffer.from(BASE_KEYS),
      Buffer.from('[other]\r\naws_access_key_id = AKIAOTHER0000000000\r\n# na\xefve\r\n', 'latin1'),
    ]);
    writeFileSync(sb.credentialsPath, credentials);
    const config = Buffer.concat([
      CAFE,
      Buffer.from(STANDARD_CONFIG),
      Buffer.from('# \xff\xfe not UTF-8 at all\n', 'latin1'),
    ]);
    writeFileSync(sb.configPath, config);
    const w = await sb.awsx(['assume', 'hop1', '--write-profile', 'saved']);
    expect(w.code, w.stderr).toBe(0);
    const after = readFileSync(sb.credentialsPath);
    expect(after.subarray(0, credentials.length).equals(credentials)).toBe(true);
    expect(after.subarray(credentials.length).toString('utf8')).toMatch(/^\n\[saved\]\naws_access_key_id = ASIA/);
    const a = await addNewrole(sb);
    expect(a.code, a.stderr).toBe(0);
    const cfg = readFileSync(sb.configPath);
    expect(cfg.subarray(0, config.length).equals(config)).toBe(true);
    expect(cfg.subarray(config.length).toString('utf8')).toBe(
      `\n[profile newrole]\nrole_arn = ${arn(ACCOUNT, 'NewRole')}\nsource_profile = base\n`,
    );
    // The profile written after the latin-1 lines is used.
    const who = await sb.awsx(['whoami', 'saved', '--json']);
    expect(who.code, who.stderr).toBe(0);
  });

  it('finding 5: a read-only credentials file is refused (exit 2) and kept as it was, mode included', async ({
    sb,
  }) => {
    chmodSync(sb.credentialsPath, 0o400);
    const r = await sb.awsx(['assume', 'hop1', '--write-profile', 'saved']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `awsx: refusing to replace ${sb.credentialsPath}: it is read-only (mode 0400) (make it writable (chmod u+w ${sb.credentialsPath}) if awsx may change it)\n`,
    );
    expect(sb.read('credentials')).toBe(BASE_KEYS);
    expect(statSync(sb.credentialsPath).mode & 0o777).toBe(0o400);
    chmodSync(sb.configPath, 0o444);
    const p = await addNewrole(sb);
    expect(p.code).toBe(2);
    expect(sb.read('config')).toBe(STANDARD_CONFIG);
    expect(leftovers(dirname(sb.configPath))).toEqual([]);
  });

  it('finding 5: profile add keeps a 0644 config 0644; a 0644 credentials file is made 0600 with a one-line note', async ({
    sb,
  }) => {
    chmodSync(sb.configPath, 0o644);
    const p = await addNewrole(sb);
    expect(p.code, p.stderr).toBe(0);
    expect(statSync(sb.configPath).mode & 0o777).toBe(0o644);
    chmodSync(sb.credentialsPath, 0o644);
    const w = await sb.awsx(['assume', 'hop1', '--write-profile', 'saved']);
    expect(w.code, w.stderr).toBe(0);
    expect(statSync(sb.credentialsPath).mode & 0o777).toBe(0o600);
    expect(w.stderr.split('\n')[0]).toBe(
      `awsx: note: ${sb.credentialsPath} was readable by others (mode 0644); it holds secrets, so awsx made it 0600`,
    );
    expect(w.stderr.trim().split('\n')).toHaveLength(2);
    // The AWS CLI still reads both files.
    const cli = await sb.aws([
      'sts',
      'get-caller-identity',
      '--profile',
      'saved',
      '--query',
      'Account',
      '--output',
      'text',
    ]);
    expect(cli.stdout.trim()).toBe(ACCOUNT);
  });
});
