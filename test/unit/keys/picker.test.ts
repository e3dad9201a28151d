// The picker with keys in the encrypted key file: its passphrase is asked in the inline prompt once per
// picker session (a wrong one asked again, saying why), and every keyring row then resolves to a session
// from STS (through the STS front and moto), never to the long-term key.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import type { PickerClock } from '../../../src/picker/clock.js';
import { createServices } from '../../../src/credentials/context.js';
import { PickerActions } from '../../../src/picker/actions.js';
import { SessionStore } from '../../../src/picker/store.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { useStsWorld } from '../../helpers/sts-world.js';
import { skipWithout } from '../../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);
const PASSPHRASE = 'correct horse battery staple';
const KEYS = {
  alice: { accessKeyId: 'AKIAKEYFILEALICE0001', secretAccessKey: 'alice-long-term-secret-in-the-key-file-000' },
  bob: { accessKeyId: 'AKIAKEYFILEBOB000001', secretAccessKey: 'bob-long-term-secret-in-the-key-file-00000' },
};

const clock: PickerClock = { now: () => Date.now(), subscribe: () => () => {} };

describe.skipIf(skip)('the picker and the encrypted key file', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  let store: SessionStore;
  let actions: PickerActions;
  beforeEach(async () => {
    world().front.reset();
    sb = makeSandbox({ config: '[profile alice]\nregion = us-east-1\n\n[profile bob]\n' }, world().env);
    for (const key of [
      'HOME',
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'AWS_ENDPOINT_URL_STS',
      'AWS_EC2_METADATA_DISABLED',
    ])
      vi.stubEnv(key, sb.env[key]);
    // Stored by another process (awsx keys add), so this one has yet to learn the passphrase.
    for (const [profile, key] of Object.entries(KEYS)) {
      const input = JSON.stringify({ AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey });
      const added = await sb.awsx(['keys', 'add', profile, '--backend', 'file', '--no-credential-process'], {
        input,
        env: { AWSX_KEYS_PASSPHRASE: PASSPHRASE },
      });
      expect(added.stderr).toMatch(/stored AKIA…\w{4} .* in .*keys\.enc/);
    }
    world().front.reset();
    store = new SessionStore();
    actions = new PickerActions({ services: createServices(sb.env, systemClock), store, clock });
    actions.load();
  });
  afterEach(() => {
    actions.stop();
    sb.cleanup();
    vi.unstubAllEnvs();
  });

  it('asks for the passphrase once for every row; a wrong one is asked again with the reason', async () => {
    const asked: Array<{ attempt: number; reason?: string; passphrase?: boolean }> = [];
    const answers = ['wrong passphrase!', PASSPHRASE];
    store.subscribe(() => {
      const ask = store.getSnapshot().mfa;
      if (ask && asked[asked.length - 1]?.attempt !== ask.attempt) {
        asked.push({
          attempt: ask.attempt,
          ...(ask.reason ? { reason: ask.reason } : {}),
          ...(ask.passphrase ? { passphrase: true } : {}),
        });
        const answer = answers.shift()!;
        queueMicrotask(() => actions.submitMfa(answer));
      }
    });
    const rows = store.getSnapshot().rows;
    expect(rows.map((r) => `${r.name}:${r.badge}`)).toEqual(['alice:keyring', 'bob:keyring']);
    expect(await actions.ensureSession('profile:alice')).toBe(true);
    expect(await actions.ensureSession('profile:bob')).toBe(true);
    expect(asked).toEqual([
      { attempt: 1, passphrase: true },
      { attempt: 2, reason: 'wrong passphrase', passphrase: true },
    ]);
    const calls = world().front.callsOf('GetSessionToken');
    expect(calls.map((c) => c.callerKey)).toEqual([KEYS.alice.accessKeyId, KEYS.bob.accessKeyId]);
    for (const id of ['profile:alice', 'profile:bob']) {
      const session = actions.sessionFor(id)!;
      expect(session.credentials.sessionToken).toBeTruthy();
      expect(Object.values(KEYS).map((k) => k.accessKeyId)).not.toContain(session.credentials.accessKeyId);
    }
  });
});
