// Findings 8 and 10 of issue 15: every error line is one redacted line whatever it quotes (an STS message that
// echoes the session token, a credential_process's stderr, newlines, 20 MB values), and answers that break the
// credential_process contract or carry an expiry no session has are refused with a line naming the profile
// and the field, never handed out.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startScriptedSts, type ScriptedSts } from '../fakes/scripted-sts.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG } from '../helpers/sts-world.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYBASESECRET'; // base's, in BASE_KEYS
const TOKEN = `IQoJb3JpZ2luX2VjEXAMPLETOKEN${'Zm9vYmFy'.repeat(40)}`;

describe('issue 15 findings 8 and 10: error lines and contracts', () => {
  let sb: Sandbox;
  let sts: ScriptedSts | undefined;
  beforeEach(() => {
    sb = makeSandbox(
      { config: STANDARD_CONFIG, credentials: BASE_KEYS },
      { AWSX_NO_FAST_PATH: '1', AWS_MAX_ATTEMPTS: '1' },
    );
  });
  afterEach(async () => {
    await sts?.close();
    sts = undefined;
    sb.cleanup();
  });

  /** A profile whose credential_process is a script printing STDOUT and STDERR and exiting with CODE. */
  function processProfile(name: string, stdout: string, stderr = '', code = 0): void {
    const script = join(sb.dir, `${name}.sh`);
    writeFileSync(join(sb.dir, `${name}.out`), stdout);
    writeFileSync(join(sb.dir, `${name}.err`), stderr);
    writeFileSync(script, `#!/bin/sh\ncat '${sb.dir}/${name}.out'\ncat '${sb.dir}/${name}.err' >&2\nexit ${code}\n`, {
      mode: 0o755,
    });
    writeFileSync(sb.configPath, `${sb.read('config')}\n[profile ${name}]\ncredential_process = ${script}\n`);
  }

  const oneLine = (stderr: string): string => {
    expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
    return stderr.trim();
  };

  it('finding 8: an STS error that echoes the session token (with a line break) is one line without it', async () => {
    sts = await startScriptedSts([
      { kind: 'ok' },
      { kind: 'error', status: 403, code: 'AccessDenied', message: 'denied for token {token}\nsecond line' },
    ]);
    const r = await sb.awsx(['assume', 'hop2'], { env: { AWS_ENDPOINT_URL_STS: sts.url } });
    expect(r.code).toBe(1);
    const token = sts.requests[1]!.sessionToken!;
    expect(token.length).toBeGreaterThan(20);
    const line = oneLine(r.stderr);
    expect(line).not.toContain(token);
    expect(line).toMatch(
      /^awsx: profile "hop2": access denied while assuming arn:aws:iam::222222222222:role\/Hop2 \(hop 2 of 2\): denied for token <redacted> second line/,
    );
    // With AWSX_DEBUG=1 too: the stack is redacted as well.
    const debug = await sb.awsx(['assume', 'hop2', '--no-cache'], {
      env: { AWS_ENDPOINT_URL_STS: sts.url, AWSX_DEBUG: '1' },
    });
    for (const request of sts.requests.filter((q) => q.sessionToken))
      expect(debug.stderr).not.toContain(request.sessionToken);
  });

  it('finding 8: a failing credential_process: its stderr shown redacted, its last three lines, on one line', async () => {
    processProfile('failing', '', `starting\nusing ${SECRET}\nline three\nfetching with token ${TOKEN}\naborting\n`, 3);
    const r = await sb.awsx(['credential-process', 'failing']);
    expect(r.code).toBe(1);
    const line = oneLine(r.stderr);
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain(TOKEN.slice(0, 40));
    expect(line).toBe(
      'awsx: profile "failing": credential_process exited with code 3: line three | fetching with token <redacted-token> | aborting (run the command by hand to see why)',
    );
  });

  it('finding 10: output null, a garbage Expiration, or an expiry already past: a line naming the profile and the field', async () => {
    processProfile('nullish', 'null\n');
    const n = await sb.awsx(['credential-process', 'nullish']);
    expect(n.code).toBe(1);
    expect(oneLine(n.stderr)).toMatch(
      /^awsx: profile "nullish": credential_process printed null instead of a JSON object \(it must print a JSON object with Version 1/,
    );
    processProfile(
      'garbage',
      JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESS', SecretAccessKey: 'abc', Expiration: 'garbage' }),
    );
    const g = await sb.awsx(['credential-process', 'garbage']);
    expect(g.code).toBe(1);
    expect(oneLine(g.stderr)).toMatch(
      /^awsx: profile "garbage": credential_process printed "Expiration": "garbage", which is not an ISO 8601 time/,
    );
    processProfile(
      'past',
      JSON.stringify({
        Version: 1,
        AccessKeyId: 'ASIAPROCESS',
        SecretAccessKey: 'abc',
        SessionToken: 't',
        Expiration: '2001-01-01T00:00:00Z',
      }),
    );
    const p = await sb.awsx(['credential-process', 'past']);
    expect(p.code).toBe(1);
    expect(p.stdout).toBe('');
    expect(oneLine(p.stderr)).toBe(
      'awsx: profile "past": credential_process returned credentials that expired at 2001-01-01T00:00:00.000Z (fix the command or its cache)',
    );
  });

  it('finding 10: newlines and a 20 MB value in what a line quotes: one line of at most 2,000 characters', async () => {
    processProfile(
      'long',
      JSON.stringify({
        Version: 1,
        AccessKeyId: 'A',
        SecretAccessKey: 'B',
        Expiration: `x\ny\n${'z'.repeat(900 * 1024)}`,
      }),
    );
    const r = await sb.awsx(['credential-process', 'long']);
    expect(r.code).toBe(1);
    const line = oneLine(r.stderr);
    expect(line.length).toBeLessThanOrEqual(2000);
    expect(line).toMatch(
      /^awsx: profile "long": credential_process printed "Expiration": "x\\ny\\nz+…\([\d,]+ more\), which is not an ISO 8601 time/,
    );
    processProfile('noisy', '', `bad\n${'q'.repeat(20 * 1024 * 1024)}\n`, 1);
    const noisy = await sb.awsx(['credential-process', 'noisy']);
    expect(oneLine(noisy.stderr).length).toBeLessThanOrEqual(2000);
    // A 20 MB value in the config file, quoted by a bad-input error.
    writeFileSync(
      sb.configPath,
      `${STANDARD_CONFIG}\n[profile huge]\nrole_arn = arn:${'r'.repeat(20 * 1024 * 1024)}\nsource_profile = base\n`,
    );
    const huge = await sb.awsx(['assume', 'huge']);
    expect(huge.code).toBe(2);
    expect(oneLine(huge.stderr).length).toBeLessThanOrEqual(2000);
  });

  it('finding 10: STS answering an expiry 2099 or in the past: refused, one line, nothing handed out or cached', async () => {
    for (const expiration of ['2099-01-01T00:00:00Z', '2001-01-01T00:00:00Z']) {
      sts = await startScriptedSts([{ kind: 'ok', expiration }]);
      const r = await sb.awsx(['credential-process', 'hop1'], { env: { AWS_ENDPOINT_URL_STS: sts.url } });
      expect(r.code, expiration).toBe(1);
      expect(r.stdout).toBe('');
      expect(oneLine(r.stderr)).toMatch(
        /^awsx: profile "hop1": STS answered with credentials with an expiry (implausibly far ahead \(2099-01-01T00:00:00Z; sessions last at most 36 h\)|in the past \(2001-01-01T00:00:00Z\)) while assuming .* awsx does not hand them out/,
      );
      await sts.close();
      sts = undefined;
    }
  });
});
