// Which profiles are keyring profiles: the index names them and nothing in their own values wins. The line
// awsx writes for other tools (credential_process = awsx credential-process NAME, any path to awsx, flags
// after it) is the profile itself, not a program to run; anything else keeps the AWS CLI's meaning.
import { describe, expect, it } from 'vitest';
import { parseKeyIndex, serializeKeyIndex, type KeyRecord } from '../../../src/config/key-index.js';
import { isOwnCredentialProcess } from '../../../src/config/keyring-root.js';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { ProfileGraph } from '../../../src/config/profile-graph.js';

const RECORD: KeyRecord = {
  backend: 'keyring',
  accessKeyId: 'AKIAKEYRINGROOT00001',
  storedAt: '2026-01-01T00:00:00.000Z',
};

describe('keyring profiles in the graph', () => {
  it.each([
    ['awsx credential-process alice', true],
    ['/usr/local/bin/awsx credential-process alice', true],
    ['npx awsx credential-process alice --region eu-west-1', true],
    ['awsx credential-process --no-cache alice', true],
    ["'/opt/my tools/awsx' credential-process 'alice'", true],
    ['awsx credential-process bob', false],
    ['awsx-helper credential-process alice', false],
    ['aws-vault export --format=json alice', false],
    ['awsx credential-process "unclosed', false],
  ])('%s -> own line: %s', (command, own) => {
    expect(isOwnCredentialProcess(command, 'alice')).toBe(own);
  });

  it('keyring wins over empty and own-line profiles; role, SSO and other processes win over the keyring, with a warning', () => {
    const files = parseAwsFiles(
      `[profile plain]\nregion = eu-west-1\n\n[profile own]\ncredential_process = awsx credential-process own\n\n[profile role]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = plain\n\n[profile sso]\nsso_account_id = 111111111111\nsso_role_name = R\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n\n[profile vault]\ncredential_process = aws-vault export --format=json vault\n`,
      '[plain]\naws_access_key_id = AKIAFILEKEYS00000001\naws_secret_access_key = file-secret\n',
    );
    files.keyring = new Map(['plain', 'own', 'role', 'sso', 'vault'].map((n) => [n, RECORD]));
    const graph = new ProfileGraph(files);
    expect(['plain', 'own', 'role', 'sso', 'vault'].map((n) => graph.get(n)!.kind)).toEqual([
      'keyring',
      'keyring',
      'role',
      'sso',
      'process',
    ]);
    expect(graph.get('plain')!.warnings).toEqual([
      expect.stringMatching(/has keys in the credentials file too; awsx uses the keyring's/),
    ]);
    expect(graph.get('role')!.root).toMatchObject({ kind: 'keyring', profile: 'plain' });
    for (const name of ['sso', 'vault'])
      expect(graph.get(name)!.warnings).toEqual([expect.stringMatching(/keyring that awsx does not use/)]);
    expect(
      new ProfileGraph(parseAwsFiles('[profile own]\ncredential_process = awsx credential-process own\n', '')).get(
        'own',
      )!.kind,
    ).toBe('process');
  });

  it('the index: a hand-edited entry of the wrong shape is left out (it can hide a key, never forge one)', () => {
    const text = serializeKeyIndex(
      new Map([
        ['alice', RECORD],
        ['__proto__', RECORD],
      ]),
    );
    const parsed = parseKeyIndex(text);
    expect([...parsed.keys()].sort()).toEqual(['__proto__', 'alice']);
    const edited = JSON.parse(text) as { profiles: Record<string, unknown> };
    edited.profiles.bob = { backend: 'cloud', accessKeyId: 'AKIA0000000000000000', storedAt: RECORD.storedAt };
    edited.profiles.carol = { backend: 'file', accessKeyId: 'not an id', storedAt: RECORD.storedAt };
    edited.profiles.dave = { backend: 'file', accessKeyId: 'AKIADAVE000000000001', storedAt: 'yesterday' };
    expect([...parseKeyIndex(JSON.stringify(edited)).keys()].sort()).toEqual(['__proto__', 'alice']);
    expect(parseKeyIndex('{"version": 2}').size).toBe(0);
    expect(parseKeyIndex('garbage').size).toBe(0);
  });
});
