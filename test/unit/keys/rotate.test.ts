// keys rotate with IAM's eventual consistency: a new key STS does not know yet is retried (bounded), then
// stored; one that never works is deleted from IAM while the old key stays in use. Stubbed IAM and STS;
// the real encrypted-file backend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Credentials } from '../../../src/aws/credentials.js';
import { AwsCallError } from '../../../src/aws/errors.js';
import type { AccessKeyInfo, NewAccessKey } from '../../../src/aws/iam.js';
import { readKeyIndex } from '../../../src/config/key-index.js';
import { fileBackend } from '../../../src/keys/backend-file.js';
import { setKeyRecord } from '../../../src/keys/store.js';
import type { KeysDeps } from '../../../src/keys/aws.js';
import { rotateKeys } from '../../../src/keys/rotate.js';

const OLD = { accessKeyId: 'AKIAROTATEOLD0000001', secretAccessKey: 'old-secret-old-secret-old-secret-0000000' };
const NEW: NewAccessKey = {
  accessKeyId: 'AKIAROTATENEW0000001',
  secretAccessKey: 'new-secret-new-secret-new-secret-0000000',
  status: 'Active',
  createDate: new Date('2026-03-01T00:00:00Z'),
};
const USER = 'arn:aws:iam::111111111111:user/alice';

describe('keys rotate and eventual consistency', () => {
  let dir: string;
  let env: Record<string, string>;
  let iamKeys: AccessKeyInfo[];
  let deleted: string[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-rotate-'));
    env = {
      HOME: dir,
      AWSX_DATA_DIR: join(dir, 'data'),
      AWSX_CACHE_DIR: join(dir, 'cache'),
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWSX_KEYS_PASSPHRASE: 'rotation test passphrase',
    };
    await fileBackend({ env }).set('alice', 'current', OLD);
    await setKeyRecord(env, 'alice', {
      backend: 'file',
      accessKeyId: OLD.accessKeyId,
      storedAt: '2026-01-01T00:00:00.000Z',
      userArn: USER,
    });
    iamKeys = [{ accessKeyId: OLD.accessKeyId, status: 'Active' }];
    deleted = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function deps(newKeyWorksAfter: number): KeysDeps & { sleeps: number[] } {
    let attempts = 0;
    const sleeps: number[] = [];
    let clock = 0;
    return {
      env,
      sleeps,
      note: () => {},
      clock: { now: () => clock },
      sleep: (ms) => {
        sleeps.push(ms);
        clock += ms;
        return Promise.resolve();
      },
      verifyTimeoutMs: 10_000,
      sts: () =>
        Promise.resolve({
          getCallerIdentity: (key: Credentials) =>
            key.accessKeyId === NEW.accessKeyId && ++attempts <= newKeyWorksAfter
              ? Promise.reject(new AwsCallError('not yet', 'InvalidClientTokenId'))
              : Promise.resolve({ account: '111111111111', arn: USER, userId: 'AIDA' }),
          getSessionToken: vi.fn(),
        }),
      iam: () =>
        Promise.resolve({
          listAccessKeys: () => Promise.resolve(iamKeys),
          createAccessKey: () => {
            iamKeys.push(NEW);
            return Promise.resolve(NEW);
          },
          deleteAccessKey: (_signer: Credentials, id: string) => {
            deleted.push(id);
            iamKeys = iamKeys.filter((k) => k.accessKeyId !== id);
            return Promise.resolve();
          },
        }),
    };
  }

  it('retries a new key STS does not know yet, with backoff, then stores it and deletes the old one', async () => {
    const d = deps(3);
    const result = await rotateKeys(d, 'alice');
    expect(result).toMatchObject({ oldKeyId: OLD.accessKeyId, newKeyId: NEW.accessKeyId, resumed: false });
    expect(d.sleeps).toEqual([500, 1000, 2000]);
    expect(deleted).toEqual([OLD.accessKeyId]);
    expect(await fileBackend({ env }).get('alice', 'current')).toEqual({
      accessKeyId: NEW.accessKeyId,
      secretAccessKey: NEW.secretAccessKey,
    });
    expect(await fileBackend({ env }).get('alice', 'pending')).toBeUndefined();
    expect(readKeyIndex(env).get('alice')).toMatchObject({
      accessKeyId: NEW.accessKeyId,
      createDate: '2026-03-01T00:00:00.000Z',
    });
    expect(readKeyIndex(env).get('alice')!.rotation).toBeUndefined();
  });

  it('a new key that never works within the bound is deleted; the old key stays, nothing half-done', async () => {
    const d = deps(Infinity);
    const error = await rotateKeys(d, 'alice').catch((e: AwsCallError) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).message).toMatch(
      /the new key AKIA…0001 did not work \(not yet\); it was deleted, and the old key AKIA…0001 is kept/,
    );
    expect(d.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
    expect(deleted).toEqual([NEW.accessKeyId]);
    expect(iamKeys.map((k) => k.accessKeyId)).toEqual([OLD.accessKeyId]);
    expect(await fileBackend({ env }).get('alice', 'current')).toEqual(OLD);
    expect(await fileBackend({ env }).get('alice', 'pending')).toBeUndefined();
    expect(readKeyIndex(env).get('alice')).toMatchObject({ accessKeyId: OLD.accessKeyId });
    expect(readKeyIndex(env).get('alice')!.rotation).toBeUndefined();
  });
});
