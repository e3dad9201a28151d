// The picker's service layer against moto and the STS front: use with progress per hop, the inline MFA
// bridge (a rejected code asks again), cancel, copy over OSC 52, write, whoami, refresh, forget and
// auto-refresh. No React here: this is what the components call.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import type { PickerClock } from '../../../src/picker/clock.js';
import { Clipboard } from '../../../src/shell/clipboard.js';
import { createServices } from '../../../src/credentials/context.js';
import { PickerActions } from '../../../src/picker/actions.js';
import { REFRESH_BEFORE_MS } from '../../../src/picker/auto-refresh.js';
import { SessionStore, type PickerSnapshot } from '../../../src/picker/store.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { ACCOUNT, arn, MFA_SERIAL, OTHER } from '../../helpers/accounts.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../../helpers/sts-world.js';
import { skipWithout } from '../../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

class ManualClock implements PickerClock {
  current = Date.now();
  private listeners = new Set<() => void>();
  now = (): number => this.current;
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

describe.skipIf(skip)('PickerActions against moto', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  let store: SessionStore;
  let clock: ManualClock;
  let terminal: string[];
  let actions: PickerActions;
  let seen: PickerSnapshot[];
  let consoleCalls: Array<{ label: string; region: string | undefined; mode?: string }>;

  beforeEach(() => {
    world().front.forgetUsedCodes();
    world().front.reset();
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    // The AWS SDK reads endpoints and profile files from process.env: point it at the sandbox too.
    for (const key of [
      'HOME',
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'AWS_ENDPOINT_URL_STS',
      'AWS_EC2_METADATA_DISABLED',
    ])
      vi.stubEnv(key, sb.env[key]);
    for (const key of [
      'AWS_PROFILE',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
    ])
      vi.stubEnv(key, undefined);
    store = new SessionStore();
    clock = new ManualClock();
    terminal = [];
    seen = [];
    consoleCalls = [];
    store.subscribe(() => seen.push(store.getSnapshot()));
    actions = new PickerActions({
      services: createServices(sb.env, systemClock),
      store,
      clock,
      clipboard: new Clipboard({ kind: 'osc52' }, { write: (t: string) => terminal.push(t) }),
      clearClipboardAfter: 0,
      openConsole: async (session, region, mode) => {
        if (session.label === 'hop2')
          throw Object.assign(
            new (await import('../../../src/config/errors.js')).InputError('no browser here', {
              hint: 'use awsx console --url',
            }),
          );
        consoleCalls.push({ label: session.label, region, ...(mode ? { mode } : {}) });
        return mode === 'isolate' ? 'its own browser profile (/state/hop1)' : undefined;
      },
    });
    actions.load();
  });
  afterEach(() => {
    actions.stop();
    sb.cleanup();
    vi.unstubAllEnvs();
  });

  /** Answers MFA prompts from the store with the given codes, in order. */
  function answerMfa(codes: string[]): Array<{ attempt: number; reason?: string }> {
    const asked: Array<{ attempt: number; reason?: string }> = [];
    store.subscribe(() => {
      const ask = store.getSnapshot().mfa;
      if (ask && asked.length < codes.length && asked[asked.length - 1]?.attempt !== ask.attempt) {
        asked.push({ attempt: ask.attempt, ...(ask.reason ? { reason: ask.reason } : {}) });
        const code = codes[asked.length - 1]!;
        queueMicrotask(() => actions.submitMfa(code));
      }
    });
    return asked;
  }

  it('loads every profile, recently used first, and uses a 2-hop chain with progress per hop', async () => {
    expect(store.getSnapshot().rows.map((r) => r.name)).toEqual([
      'admin',
      'admin2',
      'base',
      'hop1',
      'hop2',
      'hop3',
      'vendor',
      'vendor-noext',
    ]);
    const session = await actions.use('profile:hop2');
    expect(session?.accountId).toBe(OTHER);
    const steps = seen
      .map((s) => s.progress)
      .filter(Boolean)
      .map((p) => `${p!.step}/${p!.total} ${p!.label}`);
    expect(steps).toContain('1/2 hop1');
    expect(steps).toContain('2/2 hop2');
    const state = store.getSnapshot().rowState['profile:hop2']!;
    expect(state.status).toBe('live');
    expect(state.expiresAt).toBe(session!.credentials.expiration!.getTime());
    expect(store.getSnapshot().progress).toBeUndefined();
    // recorded as recent: a fresh load puts it first
    actions.load();
    expect(store.getSnapshot().rows[0]!.name).toBe('hop2');
  });

  it('asks for the MFA code inline; a rejected code comes back with the reason and is asked again', async () => {
    const asked = answerMfa(['000000', '123456']);
    const session = await actions.use('profile:admin');
    expect(session?.accountId).toBe(ACCOUNT);
    expect(asked[0]).toEqual({ attempt: 1 });
    expect(asked[1]!.attempt).toBe(2);
    expect(asked[1]!.reason).toMatch(/rejected the MFA code/);
    expect(store.getSnapshot().mfa).toBeUndefined();
    expect(store.getSnapshot().mfaSessions.map((e) => e.label)).toEqual(['base mfa/alice']);
    expect(
      world()
        .front.callsOf('GetSessionToken')
        .map((c) => c.params.SerialNumber),
    ).toEqual([MFA_SERIAL, MFA_SERIAL]);
  });

  it('cancelling the MFA prompt leaves the row usable, with "cancelled" in the status line', async () => {
    store.subscribe(() => {
      if (store.getSnapshot().mfa) queueMicrotask(() => actions.cancel());
    });
    expect(await actions.use('profile:admin')).toBeUndefined();
    const s = store.getSnapshot();
    expect(s.status).toEqual({ text: 'admin: cancelled', tone: 'warn' });
    expect(s.rowState['profile:admin']!.status).toBe('idle');
    expect(s.busyRowId).toBeUndefined();
  });

  it('shows a failure on the row and in the status line, without throwing', async () => {
    expect(await actions.use('profile:vendor-noext')).toBeUndefined();
    const s = store.getSnapshot();
    expect(s.rowState['profile:vendor-noext']).toMatchObject({ status: 'error' });
    expect(s.rowState['profile:vendor-noext']!.error).toMatch(
      /^profile "vendor-noext": access denied .*\(check that the role's trust policy/,
    );
    expect(s.status?.tone).toBe('error');
  });

  it('c sends export lines over OSC 52, says it is not confirmed (no one answers OSC 52), and never shows the secret', async () => {
    await actions.copy('profile:hop1');
    const session = actions.sessionFor('profile:hop1')!;
    const osc = terminal.join('');
    // eslint-disable-next-line no-control-regex -- an OSC 52 sequence is ESC ] ... BEL: control characters are its syntax
    const payload = Buffer.from(/\u001B\]52;c;([A-Za-z0-9+/=]+)\u0007/.exec(osc)![1]!, 'base64').toString();
    expect(payload).toContain(`export AWS_SECRET_ACCESS_KEY=${session.credentials.secretAccessKey}\n`);
    const status = store.getSnapshot().status!;
    expect(status).toEqual({
      text: expect.stringMatching(
        /^sent 6 export lines for hop1 to the terminal \(OSC 52\): not confirmed; if it did not arrive, allow clipboard access/,
      ) as string,
      tone: 'warn',
    });
    expect(status.text).not.toContain(session.credentials.secretAccessKey);
    actions.cycleFormat();
    await actions.copy('profile:hop1');
    // eslint-disable-next-line no-control-regex -- the OSC 52 sequence ends in BEL
    expect(Buffer.from(/52;c;([^\u0007]+)\u0007$/.exec(terminal.join(''))![1]!, 'base64').toString()).toContain(
      'set -gx AWS_ACCESS_KEY_ID "',
    );
  });

  it('w writes the session into the credentials file; i shows who it is', async () => {
    await actions.writeProfile('profile:hop1', 'hop1-session');
    expect(store.getSnapshot().status?.text).toMatch(
      /^added \[hop1-session\] in .*credentials; use AWS_PROFILE=hop1-session$/,
    );
    const creds = readFileSync(sb.credentialsPath, 'utf8');
    expect(creds).toContain('[hop1-session]');
    expect(creds).toContain(`aws_session_token = ${actions.sessionFor('profile:hop1')!.credentials.sessionToken}`);
    await actions.whoami('profile:hop1');
    expect(store.getSnapshot().status?.text).toMatch(
      /^hop1 is arn:aws:sts::111111111111:assumed-role\/Hop1\/\S+ \(account 111111111111\)$/,
    );
  });

  it('o opens the console with the session and its region; a failure stays in the status line', async () => {
    await actions.openConsole('profile:hop1');
    expect(consoleCalls).toEqual([{ label: 'hop1', region: 'eu-west-1' }]);
    expect(store.getSnapshot().status).toEqual({ text: 'opened the AWS console as hop1', tone: 'ok' });
    await actions.openConsole('profile:hop2');
    expect(store.getSnapshot().status).toEqual({ text: 'no browser here (use awsx console --url)', tone: 'error' });
    // O's choice travels to the opener, and the status line says where the console went.
    await actions.openConsole('profile:hop1', 'isolate');
    expect(consoleCalls.at(-1)).toEqual({ label: 'hop1', region: 'eu-west-1', mode: 'isolate' });
    expect(store.getSnapshot().status).toEqual({
      text: 'opened the AWS console as hop1 in its own browser profile (/state/hop1)',
      tone: 'ok',
    });
  });

  it('r gets a new session; d forgets the cached one', async () => {
    const first = await actions.use('profile:hop1');
    await actions.refresh('profile:hop1');
    const second = actions.sessionFor('profile:hop1')!;
    expect(second.credentials.accessKeyId).not.toBe(first!.credentials.accessKeyId);
    expect(store.getSnapshot().status?.text).toMatch(/^refreshed hop1: expires in/);
    const services = createServices(sb.env, systemClock);
    expect(services.cache.get(second.cacheKey!)).toBeDefined();
    actions.forget('profile:hop1');
    expect(services.cache.get(second.cacheKey!)).toBeUndefined();
    expect(store.getSnapshot().rowState['profile:hop1']).toEqual({ status: 'idle', forgotten: true });
  });

  it('r cancelled at the MFA prompt keeps the old session cached and on screen; the next Enter needs no code', async () => {
    answerMfa(['123456']);
    const first = (await actions.use('profile:admin'))!;
    const services = createServices(sb.env, systemClock);
    // The MFA session is gone, so a refresh needs a code: the user presses Esc at the prompt.
    for (const e of services.cache.list()) if (e.kind === 'mfa-session') services.cache.delete(e.key);
    const stopAsking = store.subscribe(() => {
      if (store.getSnapshot().mfa) queueMicrotask(() => actions.cancel());
    });
    await actions.refresh('profile:admin');
    stopAsking();
    const s = store.getSnapshot();
    expect(s.status).toEqual({ text: 'admin: refresh cancelled; the session you had is kept', tone: 'warn' });
    expect(s.rowState['profile:admin']).toMatchObject({
      status: 'live',
      expiresAt: first.credentials.expiration!.getTime(),
    });
    expect(actions.sessionFor('profile:admin')).toBe(first);
    expect(services.cache.get(first.cacheKey!)?.credentials.accessKeyId).toBe(first.credentials.accessKeyId);
    // Enter: the cached session, no STS call and no code asked
    const calls = world().front.callsOf('AssumeRole').length;
    let asked = false;
    store.subscribe(() => (asked ||= store.getSnapshot().mfa !== undefined));
    const again = await actions.use('profile:admin');
    expect(again?.credentials.accessKeyId).toBe(first.credentials.accessKeyId);
    expect(asked).toBe(false);
    expect(world().front.callsOf('AssumeRole')).toHaveLength(calls);
  });

  it('a failed r keeps the old session cached and on screen, with the failure in the row note', async () => {
    const first = (await actions.use('profile:hop1'))!;
    const services = createServices(sb.env, systemClock);
    // The role's trust policy now wants an external id: the refresh fails at STS.
    world().front.rules.set(arn(ACCOUNT, 'Hop1'), { externalId: 'now-required' });
    try {
      await actions.refresh('profile:hop1');
    } finally {
      world().front.rules.delete(arn(ACCOUNT, 'Hop1'));
    }
    const s = store.getSnapshot();
    expect(s.status?.tone).toBe('error');
    expect(s.status?.text).toMatch(/^hop1: refresh failed, the session you had is kept: /);
    expect(s.rowState['profile:hop1']).toMatchObject({
      status: 'live',
      expiresAt: first.credentials.expiration!.getTime(),
    });
    expect(s.rowState['profile:hop1']!.note).toMatch(/^refresh failed: /);
    expect(actions.sessionFor('profile:hop1')).toBe(first);
    expect(services.cache.get(first.cacheKey!)?.credentials.accessKeyId).toBe(first.credentials.accessKeyId);
  });

  it('auto-refresh renews a held session shortly before it expires, without a prompt', async () => {
    const first = await actions.use('profile:hop1');
    const exp = first!.credentials.expiration!.getTime();
    clock.current = exp - REFRESH_BEFORE_MS - 60_000;
    await actions.tick();
    expect(actions.sessionFor('profile:hop1')).toBe(first);
    clock.current = exp - REFRESH_BEFORE_MS + 1_000;
    await actions.tick();
    expect(actions.sessionFor('profile:hop1')!.credentials.accessKeyId).not.toBe(first!.credentials.accessKeyId);
    expect(store.getSnapshot().status?.text).toBe('auto-refreshed hop1');
  });

  it('auto-refresh of an MFA role uses the cached MFA session, and says so when a code would be needed', async () => {
    answerMfa(['123456']);
    const first = await actions.use('profile:admin');
    const exp = first!.credentials.expiration!.getTime();
    clock.current = exp - 60_000;
    await actions.tick();
    expect(actions.sessionFor('profile:admin')!.credentials.accessKeyId).not.toBe(first!.credentials.accessKeyId);
    expect(world().front.callsOf('GetSessionToken')).toHaveLength(1);
    // without the MFA session, a renewal would need a code: auto-refresh leaves a note instead
    for (const e of createServices(sb.env, systemClock).cache.list())
      if (e.kind === 'mfa-session') createServices(sb.env, systemClock).cache.delete(e.key);
    clock.current = actions.sessionFor('profile:admin')!.credentials.expiration!.getTime() - 60_000;
    await actions.tick();
    expect(store.getSnapshot().rowState['profile:admin']!.note).toBe('auto-refresh needs an MFA code: press r');
    expect(store.getSnapshot().mfa).toBeUndefined();
  });

  it('a toggles auto-refresh off: nothing is renewed', async () => {
    const first = await actions.use('profile:hop1');
    actions.toggleAutoRefresh();
    clock.current = first!.credentials.expiration!.getTime() - 60_000;
    await actions.tick();
    expect(actions.sessionFor('profile:hop1')).toBe(first);
    expect(store.getSnapshot().status?.text).toBe('auto-refresh off');
  });
});
