// STS failures moto cannot produce, each answered with one clear line and the right exit code.
import { afterEach, describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { startScriptedSts, type Reply, type ScriptedSts } from '../fakes/scripted-sts.js';

const CONFIG =
  '[profile base]\nregion = us-east-1\n\n[profile hop1]\nrole_arn = arn:aws:iam::111111111111:role/Hop1\nsource_profile = base\n';
const CREDS = '[base]\naws_access_key_id = AKIAIOSFODNN7BASE001\naws_secret_access_key = basesecret\n';

describe('STS faults', () => {
  let sts: ScriptedSts | undefined;
  let sb: Sandbox | undefined;
  afterEach(async () => {
    sb?.cleanup();
    await sts?.close();
  });
  const run = async (script: Reply[]) => {
    sts = await startScriptedSts(script);
    sb = makeSandbox({ config: CONFIG, credentials: CREDS }, { AWS_ENDPOINT_URL_STS: sts.url });
    return sb.awsx(['assume', 'hop1', '--format', 'json']);
  };

  it('a 5xx is retried, then succeeds', async () => {
    const r = await run([
      { kind: 'error', status: 500, code: 'InternalFailure', message: 'oops', type: 'Receiver' },
      { kind: 'ok' },
    ]);
    expect(r.code).toBe(0);
    expect(sts!.requests).toHaveLength(2);
  });

  it('throttling is retried with backoff; if it persists: exit 1, one line saying so', async () => {
    const r = await run([{ kind: 'error', status: 400, code: 'Throttling', message: 'Rate exceeded' }]);
    expect(r.code).toBe(1);
    expect(sts!.requests.length).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /profile "hop1": STS kept throttling requests .*even after retries \(wait a few seconds and retry\)/,
    );
  });

  it('throttling that clears up is invisible to the user', async () => {
    const r = await run([{ kind: 'error', status: 400, code: 'Throttling', message: 'Rate exceeded' }, { kind: 'ok' }]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('expired source credentials: exit 1 naming the profile and what to refresh', async () => {
    const r = await run([
      {
        kind: 'error',
        status: 400,
        code: 'ExpiredToken',
        message: 'The security token included in the request is expired',
      },
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/profile "hop1": the source credentials have expired/);
  });

  it('invalid source keys: exit 1 pointing at the keys', async () => {
    const r = await run([
      {
        kind: 'error',
        status: 403,
        code: 'InvalidClientTokenId',
        message: 'The security token included in the request is invalid.',
      },
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/profile "hop1": the source access key is invalid .*aws_access_key_id/);
  });

  it('a 4xx validation error is shown with its reason (exit 1)', async () => {
    const r = await run([
      {
        kind: 'error',
        status: 400,
        code: 'ValidationError',
        message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      },
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/STS refused the request .*MaxSessionDuration/);
  });

  it('clock skew: the SDK corrects its clock from the server and the call succeeds', async () => {
    const r = await run([{ kind: 'skewed', serverTime: new Date(Date.now() + 2 * 3600_000) }]);
    expect(r.code).toBe(0);
    expect(sts!.requests.length).toBe(2);
  });
});
