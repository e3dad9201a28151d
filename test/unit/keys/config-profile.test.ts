// The config side of keyring profiles: [profile NAME] made sure of, awsx's credential_process line added to an
// existing section or removed again, every other byte (CRLF endings, comments, a missing final newline) kept.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureKeyringProfile, processLine, removeOwnProcessLine } from '../../../src/keys/config-profile.js';

describe('keyring profiles in ~/.aws/config', () => {
  let dir: string;
  let env: Record<string, string>;
  const config = (): string => readFileSync(env.AWS_CONFIG_FILE!, 'utf8');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-keys-config-'));
    env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the line to an existing section in place (CRLF, comments, no final newline kept); removing it restores the bytes', async () => {
    const original =
      '# mine\r\n[profile alice] ; note\r\nregion = eu-west-1\r\n# keep me\r\n\r\n[profile bob]\r\nregion = us-east-1';
    writeFileSync(env.AWS_CONFIG_FILE!, original);
    expect(await ensureKeyringProfile(env, 'alice', true)).toMatchObject({ changed: true });
    expect(config()).toBe(
      '# mine\r\n[profile alice] ; note\r\nregion = eu-west-1\r\ncredential_process = awsx credential-process alice\r\n# keep me\r\n\r\n[profile bob]\r\nregion = us-east-1',
    );
    expect(await ensureKeyringProfile(env, 'alice', true)).toMatchObject({ changed: false });
    expect(await removeOwnProcessLine(env, 'alice')).toBe(true);
    expect(config()).toBe(original);
    expect(await removeOwnProcessLine(env, 'alice')).toBe(false);
  });

  it("appends a missing section ([default] as botocore names it); leaves another program's credential_process alone", async () => {
    writeFileSync(env.AWS_CONFIG_FILE!, '[profile vault]\ncredential_process = aws-vault export --format=json vault\n');
    await ensureKeyringProfile(env, 'default', true);
    await ensureKeyringProfile(env, 'plain', false);
    expect(config()).toBe(
      '[profile vault]\ncredential_process = aws-vault export --format=json vault\n\n[default]\ncredential_process = awsx credential-process default\n\n[profile plain]\n',
    );
    expect(await removeOwnProcessLine(env, 'vault')).toBe(false);
    expect(processLine("it's mine")).toBe(`awsx credential-process 'it'"'"'s mine'`);
  });
});
