// Each profile's signed requests reach its own endpoint: two recorders (STS fronts on moto) on two ports,
// one named by a profile's endpoint_url, one by another profile's services section. AWS_PROFILE naming a
// third profile changes nothing for a profile named on the command line (issue 17, item 11); the AWS CLI
// sends the same requests to the same places (the reference).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStsFront, type StsFront } from '../fakes/sts-front.js';
import { startMoto, type Moto } from '../helpers/moto.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithout('aws');

const KEYS = '[base]\naws_access_key_id = AKIAIOSFODNN7ENDPT01\naws_secret_access_key = endpoint/secret\n';
const config = (one: StsFront, two: StsFront): string => `[profile base]
region = us-east-1

[profile a]
role_arn = arn:aws:iam::111111111111:role/A
source_profile = base
region = us-east-1
endpoint_url = ${one.url}

[services two]
sts =
  endpoint_url = ${two.url}

[profile b]
role_arn = arn:aws:iam::222222222222:role/B
source_profile = base
region = us-east-1
services = two

[profile ep-plain]
aws_access_key_id = AKIAIOSFODNN7PLAIN01
aws_secret_access_key = plain/secret
region = us-east-1
endpoint_url = http://127.0.0.1:9
`;

describe.skipIf(skip)('per-profile endpoints: two recorders on two ports', () => {
  let moto: Moto;
  let one: StsFront;
  let two: StsFront;
  let sb: Sandbox;
  beforeAll(async () => {
    moto = await startMoto();
    [one, two] = await Promise.all([startStsFront(moto.url), startStsFront(moto.url)]);
  });
  afterAll(async () => {
    sb?.cleanup();
    await Promise.all([one?.close(), two?.close()]);
    await moto?.stop();
  });
  beforeEach(() => {
    sb?.cleanup();
    sb = makeSandbox({ config: config(one, two), credentials: KEYS }, { AWS_PROFILE: 'ep-plain' });
    one.reset();
    two.reset();
  });

  it('awsx: a goes to its endpoint_url, b to its services section, whatever AWS_PROFILE says', async () => {
    const a = await sb.awsx(['assume', 'a', '--format', 'json', '--no-cache']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const b = await sb.awsx(['assume', 'b', '--format', 'json', '--no-cache']);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(one.callsOf('AssumeRole').map((c) => [c.params.RoleArn, c.callerKey])).toEqual([
      ['arn:aws:iam::111111111111:role/A', 'AKIAIOSFODNN7ENDPT01'],
    ]);
    expect(two.callsOf('AssumeRole').map((c) => [c.params.RoleArn, c.callerKey])).toEqual([
      ['arn:aws:iam::222222222222:role/B', 'AKIAIOSFODNN7ENDPT01'],
    ]);
  });

  it('the AWS CLI sends them to the same places', async () => {
    expect((await sb.aws(['sts', 'get-caller-identity', '--profile', 'a'])).code).toBe(0);
    expect((await sb.aws(['sts', 'get-caller-identity', '--profile', 'b'])).code).toBe(0);
    expect(one.callsOf('AssumeRole').map((c) => c.params.RoleArn)).toEqual(['arn:aws:iam::111111111111:role/A']);
    expect(two.callsOf('AssumeRole').map((c) => c.params.RoleArn)).toEqual(['arn:aws:iam::222222222222:role/B']);
  });

  it('AWS_ENDPOINT_URL_STS comes before any profile setting, for awsx and the AWS CLI', async () => {
    const env = { AWS_ENDPOINT_URL_STS: two.url };
    expect((await sb.awsx(['assume', 'a', '--format', 'json', '--no-cache'], { env })).code).toBe(0);
    expect((await sb.aws(['sts', 'get-caller-identity', '--profile', 'a'], { env })).code).toBe(0);
    expect(one.calls).toHaveLength(0);
    expect(two.callsOf('AssumeRole')).toHaveLength(2);
  });
});
