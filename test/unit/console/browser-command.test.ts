// Browsers are started from argument vectors, never a shell: BROWSER as Python's webbrowser reads it,
// --browser as a command line, and on Windows (the platform injected) the sign-in URL's `&` stays inside
// its one argument and nothing goes through cmd.exe.
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  browserArgv,
  browserEntries,
  parseBrowserEntry,
  parseBrowserFlag,
} from '../../../src/console/browser-command.js';
import { launch, openUrl, type Spawn } from '../../../src/console/open-browser.js';

const URL_WITH_AMP =
  'https://signin.aws.amazon.com/federation?Action=login&Issuer=awsx&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=a%26b';

interface Spawned {
  command: string;
  args: readonly string[];
  options: Record<string, unknown>;
}

/** A spawn that records what it was given and plays a process that exits with `code` (or keeps running). */
function fakeSpawn(codes: Array<number | 'running' | 'ENOENT'>): { spawn: Spawn; calls: Spawned[] } {
  const calls: Spawned[] = [];
  const spawn = ((command: string, args: readonly string[], options: Record<string, unknown>) => {
    calls.push({ command, args, options });
    const child = Object.assign(new EventEmitter(), { unref: () => {} }) as unknown as ChildProcess;
    const code = codes.shift() ?? 0;
    setImmediate(() => {
      if (code === 'ENOENT') child.emit('error', Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' }));
      else if (code !== 'running') child.emit('exit', code, null);
    });
    return child;
  }) as unknown as Spawn;
  return { spawn, calls };
}

describe('BROWSER, as Python webbrowser reads it', () => {
  it('splits entries on os.pathsep: ":" on POSIX, ";" on Windows, skipping empty ones', () => {
    expect(browserEntries('firefox:/usr/bin/chromium %s::w3m', 'linux')).toEqual([
      'firefox',
      '/usr/bin/chromium %s',
      'w3m',
    ]);
    expect(browserEntries('C:\\Program Files\\Mozilla Firefox\\firefox.exe;chrome', 'win32')).toEqual([
      'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
      'chrome',
    ]);
  });

  it('an entry without %s is one program, spaces and all; with %s it is split like a shell', () => {
    const exists = (p: string): boolean => p === '/opt/My Browser/run';
    expect(parseBrowserEntry('/opt/My Browser/run', exists)).toEqual({ program: '/opt/My Browser/run', args: [] });
    expect(parseBrowserEntry('firefox', exists)).toEqual({ program: 'firefox', args: [] });
    // Where Python finds no program of the whole name and fails, awsx splits it and puts the URL last.
    expect(parseBrowserEntry('firefox --private-window', exists)).toEqual({
      program: 'firefox',
      args: ['--private-window'],
    });
    expect(parseBrowserEntry(`"/opt/My Browser/run" --new-window '%s' &`)).toEqual({
      program: '/opt/My Browser/run',
      args: ['--new-window', '%s'],
    });
    expect(parseBrowserEntry('"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" %s')).toEqual({
      program: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      args: ['%s'],
    });
    expect(parseBrowserEntry('"unclosed %s')).toBeUndefined();
  });

  it('--browser is a command line (the URL last unless %s places it); a whole existing path is one program', () => {
    const none = (): boolean => false;
    expect(parseBrowserFlag('firefox --private-window', none)).toEqual({
      program: 'firefox',
      args: ['--private-window'],
    });
    expect(
      parseBrowserFlag(
        'C:\\Program Files\\Chromium\\chrome.exe',
        (p) => p === 'C:\\Program Files\\Chromium\\chrome.exe',
      ),
    ).toEqual({ program: 'C:\\Program Files\\Chromium\\chrome.exe', args: [] });
    expect(parseBrowserFlag('  ', none)).toBeUndefined();
  });

  it('%s is replaced in every argument, else the URL comes last, after awsx flags', () => {
    expect(browserArgv({ program: 'b', args: ['--url=%s', '-x'] }, 'U')).toEqual(['b', '--url=U', '-x']);
    expect(browserArgv({ program: 'b', args: ['-x'] }, 'U', ['--new-window'])).toEqual([
      'b',
      '-x',
      '--new-window',
      'U',
    ]);
  });
});

describe('starting a browser (platform injected)', () => {
  it('Windows: an argument vector with the URL whole, no shell, not detached', async () => {
    const { spawn, calls } = fakeSpawn([0]);
    const firefox = 'C:\\Program Files\\Mozilla Firefox\\firefox.exe';
    const env = {
      BROWSER: firefox,
      AWS_ACCESS_KEY_ID: 'AKIAX',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'tok',
      LANG: 'C',
    };
    const result = await openUrl(URL_WITH_AMP, {
      env,
      platform: 'win32',
      spawn,
      exists: (p) => p === firefox,
    });
    expect(result).toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.command).toBe('C:\\Program Files\\Mozilla Firefox\\firefox.exe');
    expect(calls[0]!.args).toEqual([URL_WITH_AMP]);
    expect(calls[0]!.options).toMatchObject({ shell: false, detached: false, stdio: 'ignore' });
    // The browser outlives awsx: it does not get the keys of awsx's environment.
    expect(calls[0]!.options.env).toEqual({ BROWSER: firefox, LANG: 'C' });
  });

  it('POSIX: detached from the terminal, no shell; the next BROWSER entry is tried when one fails', async () => {
    const { spawn, calls } = fakeSpawn(['ENOENT', 3, 'running']);
    const result = await openUrl(URL_WITH_AMP, {
      env: { BROWSER: 'nobrowser:/bin/failing %s:/usr/bin/good %s' },
      platform: 'linux',
      spawn,
    });
    expect(result).toEqual({ ok: true });
    expect(calls.map((c) => [c.command, ...c.args])).toEqual([
      ['nobrowser', URL_WITH_AMP],
      ['/bin/failing', URL_WITH_AMP],
      ['/usr/bin/good', URL_WITH_AMP],
    ]);
    expect(calls.every((c) => c.options.shell === false && c.options.detached === true)).toBe(true);
  });

  it('says why when every entry fails, without the URL', async () => {
    const { spawn } = fakeSpawn(['ENOENT', 7]);
    const result = await openUrl(URL_WITH_AMP, { env: { BROWSER: 'a:b %s' }, platform: 'linux', spawn });
    expect(result).toEqual({ ok: false, why: 'BROWSER command b exited at once with code 7' });
    const flag = await openUrl(URL_WITH_AMP, {
      env: {},
      browser: 'run.cmd',
      platform: 'win32',
      spawn: fakeSpawn(['ENOENT']).spawn,
    });
    expect(flag).toEqual({ ok: false, why: '--browser command run.cmd was not found' });
  });

  it('the watch ends early once the browser shows it started', async () => {
    const { spawn } = fakeSpawn(['running']);
    const t0 = Date.now();
    expect(await launch(['b'], { env: {}, spawn, watchMs: 10_000, started: () => Date.now() - t0 > 50 })).toEqual({
      kind: 'running',
    });
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
