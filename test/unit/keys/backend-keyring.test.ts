// The keyring backend when its native binding cannot be loaded (a platform without a prebuilt binary, an
// install without optional dependencies): a one-line error naming the fallback, and storing falls back to
// the encrypted file with a note. keyring-rs's failures are told apart: locked, unreachable, other.
import { describe, expect, it, vi } from 'vitest';

vi.mock('@napi-rs/keyring', () => {
  throw new Error('Cannot find native binding. npm has a bug related to optional dependencies');
});

const { chooseBackend } = await import('../../../src/keys/backend.js');
const { KeyStoreError } = await import('../../../src/keys/key-backend.js');
const { classifyKeyringError, keyringBackend } = await import('../../../src/keys/backend-keyring.js');

describe('the keyring backend', () => {
  it('a binding that cannot load: one line naming the optional package and the fallback', async () => {
    const error = await keyringBackend().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyStoreError);
    expect((error as InstanceType<typeof KeyStoreError>).problem).toBe('missing-binding');
    expect((error as Error).message).toMatch(
      /^the OS keyring needs the optional package @napi-rs\/keyring, which cannot be loaded here \(.+\)$/,
    );
    expect((error as InstanceType<typeof KeyStoreError>).hint).toMatch(/--backend file/);
  });

  it('storing without a choice falls back to the encrypted file, saying why; an explicit keyring does not', async () => {
    const notes: string[] = [];
    const backend = await chooseBackend(
      undefined,
      { env: { HOME: '/nonexistent', AWSX_DATA_DIR: '/nonexistent/awsx' } },
      (n) => notes.push(n),
    );
    expect(backend.name).toBe('file');
    expect(notes).toEqual([
      expect.stringMatching(
        /^the OS keyring cannot be used \(the OS keyring needs the optional package .*\); keeping the keys in the encrypted file \/nonexistent\/awsx\/keys\.enc$/,
      ),
    ]);
    await expect(chooseBackend('keyring', { env: {} }, () => {})).rejects.toThrow(/optional package @napi-rs\/keyring/);
    await expect(chooseBackend(undefined, { env: { AWSX_KEYS_BACKEND: 'vault' } }, () => {})).rejects.toThrow(
      /AWSX_KEYS_BACKEND "vault" is not a key backend/,
    );
  });

  it('keyring-rs messages: locked, unreachable, anything else', () => {
    expect(
      classifyKeyringError(
        new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed"),
        'reading a key',
        'a',
      ).problem,
    ).toBe('locked');
    expect(
      classifyKeyringError(
        new Error(
          'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
        ),
        'reading a key',
      ).problem,
    ).toBe('unreachable');
    expect(
      classifyKeyringError(
        new Error("Couldn't access platform storage: Secret Service: no result found"),
        'storing a key',
      ).problem,
    ).toBe('unreachable');
    const other = classifyKeyringError(new Error('Attribute too long'), 'storing a key', 'alice');
    expect(other.problem).toBe('failed');
    expect(other.message).toBe('profile "alice": the OS keyring failed while storing a key: Attribute too long');
  });
});
