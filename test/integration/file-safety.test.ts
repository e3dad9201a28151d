// Writes to the user's files under concurrency and crashes: nothing lost, never a truncated file.
import { spawn } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseIni } from '../../src/config/ini-parse.js';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

function bigCredentials(sections: number): string {
  let text = `# my keys\r\n${BASE_KEYS.replace(/\n/g, '\r\n')}`;
  for (let i = 0; i < sections; i++)
    text += `\r\n[keep-${i}]\r\naws_access_key_id = AKIAKEEP${String(i).padStart(12, '0')}\r\naws_secret_access_key = keep-secret-${i}  \r\n`;
  return text;
}

describe.skipIf(skip)('file safety', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: bigCredentials(300) }, world().env);
  });
  afterEach(() => sb.cleanup());

  it('20 awsx processes writing different profiles at once lose nothing', async () => {
    expect((await sb.awsx(['assume', 'hop1', '--format', 'json'])).code).toBe(0); // warm the cache
    const original = sb.read('credentials');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sb.awsx(['assume', 'hop1', '--write-profile', `parallel-${i}`])),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const after = sb.read('credentials');
    expect(after.startsWith(original)).toBe(true);
    const parsed = parseIni(after);
    expect(parsed.warnings).toEqual([]);
    for (let i = 0; i < 20; i++)
      expect(parsed.sections.get(`parallel-${i}`)?.aws_session_token, `parallel-${i}`).toBeTruthy();
    expect(readdirSync(dirname(sb.credentialsPath)).filter((f) => f.includes('lock'))).toEqual([]);
  });

  it('a writer killed with SIGKILL at random points leaves the old or the new file, never a truncated one', async () => {
    expect((await sb.awsx(['assume', 'hop1', '--format', 'json'])).code).toBe(0);
    const original = sb.read('credentials');
    let killedMidway = 0;
    for (let i = 0; i < 25; i++) {
      const child = spawn(process.execPath, [AWSX, 'assume', 'hop1', '--write-profile', `crash-${i % 3}`], {
        env: sb.env,
        stdio: 'ignore',
      });
      const delay = 20 + Math.floor(Math.random() * 160);
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), delay);
        child.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      if (code === null) killedMidway++;
      const text = sb.read('credentials');
      expect(text.startsWith(original)).toBe(true);
      const parsed = parseIni(text);
      expect(parsed.warnings).toEqual([]);
      for (const [name, values] of parsed.sections) {
        if (name.startsWith('crash-'))
          expect(Object.keys(values).sort(), name).toEqual([
            'aws_access_key_id',
            'aws_secret_access_key',
            'aws_session_token',
            'region',
            'x_awsx_expiration',
          ]);
      }
    }
    expect(killedMidway).toBeGreaterThan(0);
    // A lock left by a killed writer is recovered: the next write succeeds.
    const r = await sb.awsx(['assume', 'hop1', '--write-profile', 'after-crash']);
    expect(r.code, r.stderr).toBe(0);
    // ...and removes what the killed writers left: no temp file, no lock (issue 15, finding 6).
    expect(readdirSync(dirname(sb.credentialsPath)).sort()).toEqual(['config', 'credentials']);
    await sb.awsx(['assume', 'hop2', '--format', 'json']);
    expect(readdirSync(`${sb.cacheDir}/sessions`).filter((n) => !/^[0-9a-f]{40}\.json$/.test(n))).toEqual([]);
  });

  it('a symlinked credentials file (dotfile manager) is written through to its target; the link stays', async () => {
    const target = `${sb.dir}/dotfiles-credentials`;
    renameSync(sb.credentialsPath, target);
    symlinkSync(target, sb.credentialsPath);
    const before = readFileSync(target, 'utf8');
    const r = await sb.awsx(['assume', 'hop1', '--write-profile', 'linked']);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(sb.credentialsPath).isSymbolicLink()).toBe(true);
    expect(readlinkSync(sb.credentialsPath)).toBe(target);
    const after = readFileSync(target, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after).toContain('[linked]\r\naws_access_key_id = ASIA');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });
});
