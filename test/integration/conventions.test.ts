// Issue 19: awsx as users of the AWS CLI, aws-vault, granted and awsume type it, against moto (through the
// STS front): exec's words, extra words, regions and their rules, exit codes, peer flags and shorthands.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { startFakeFederation } from '../fakes/federation.js';
import { credentialsJson } from '../helpers/awsx-json.js';
import { makeSandbox } from '../helpers/sandbox.js';
import { arn, MFA_SERIAL, OTHER } from '../helpers/accounts.js';
import { STANDARD_CONFIG, stsTest as it } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithout('aws', ['--version']);

describe.skipIf(skip)('awsx the way peers and the AWS CLI are typed', () => {
  describe('exec TARGET [CMD [ARGS...]]', () => {
    it("every word after TARGET is CMD's, flags included (aws-vault's exec PROFILE CMD ARGS)", async ({ sb }) => {
      const aws = await sb.awsx(['exec', 'hop2', 'aws', '--version']);
      expect(aws.code).toBe(0);
      expect(`${aws.stdout}${aws.stderr}`).toMatch(/^aws-cli\//);
      const r = await sb.awsx(['exec', 'hop1', 'sh', '-c', 'echo "$1 $2|$AWSX_IDENTITY"', 'sh', '--region', '-v']);
      expect(r.stdout).toBe('--region -v|hop1\n');
    });

    it("awsx's flags go before TARGET, or between TARGET and --; -- before CMD still works", async ({ sb }) => {
      const show = ['sh', '-c', 'echo "$AWSX_IDENTITY $AWS_REGION"'];
      expect((await sb.awsx(['exec', '--region', 'eu-west-2', 'hop1', ...show])).stdout).toBe('hop1 eu-west-2\n');
      expect((await sb.awsx(['exec', '-r', 'eu-west-2', 'hop1', '--', ...show])).stdout).toBe('hop1 eu-west-2\n');
      expect((await sb.awsx(['exec', 'hop1', '--region', 'eu-west-2', '--', ...show])).stdout).toBe('hop1 eu-west-2\n');
      expect((await sb.awsx(['exec', 'hop1', '--region', 'eu-west-2', ...show])).stdout).toBe('hop1 eu-west-2\n');
      const unknown = await sb.awsx(['exec', 'hop1', '--bogus', 'x']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toBe(
        "awsx: unknown option '--bogus' (a command cannot start with '-') (see awsx help exec)\n",
      );
    });

    it('--profile names the identity when no TARGET comes first (the AWS CLI way)', async ({ sb }) => {
      const r = await sb.awsx(['exec', '--profile', 'hop1', '--', 'sh', '-c', 'echo "$AWSX_IDENTITY"']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('hop1\n');
      expect((await sb.awsx(['exec', '--profile', 'hop1', '--', 'true'])).code).toBe(0);
      // A TARGET that is a role ARN keeps --profile as its source.
      const arnTarget = await sb.awsx([
        'exec',
        '--profile',
        'hop1',
        arn(OTHER, 'Hop2'),
        'sh',
        '-c',
        'echo "$AWSX_IDENTITY"',
      ]);
      expect(arnTarget.stdout).toBe(`${arn(OTHER, 'Hop2')}\n`);
      const none = await sb.awsx(['exec']);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/^awsx: awsx exec needs a target/);
    });

    it("aws-vault's --ecs-server is --server: CMD gets the container endpoint, no keys", async ({ sb }) => {
      const r = await sb.awsx([
        'exec',
        '--ecs-server',
        'hop1',
        'sh',
        '-c',
        'echo "${AWS_ACCESS_KEY_ID-none} ${AWS_CONTAINER_CREDENTIALS_FULL_URI%%:*}"; aws sts get-caller-identity --query Arn --output text',
      ]);
      expect(r.code).toBe(0);
      const [keys, arnLine] = r.stdout.trim().split('\n');
      expect(keys).toBe('none http');
      expect(arnLine).toMatch(/assumed-role\/Hop1\//);
    });

    it('CMD and a subshell show the identity and expiry to prompts (starship: AWSU_PROFILE, AWS_SESSION_EXPIRATION)', async ({
      sb,
    }) => {
      const r = await sb.awsx(
        ['exec', 'hop1', 'sh', '-c', 'echo "$AWSU_PROFILE $AWS_SESSION_EXPIRATION ${AWS_PROFILE-unset}"'],
        { env: { AWS_PROFILE: 'base' } },
      );
      expect(r.stdout).toMatch(/^hop1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ unset\n$/);
    });
  });

  it.for<[string[]]>([
    [['assume', 'hop1', 'extra']],
    [['list', 'extra']],
    [['whoami', 'hop1', 'extra']],
    [['credential-process', 'hop1', 'extra']],
    [['use', 'hop1', 'extra']],
    [['sso', 'logout', 'extra']],
  ])('an extra word is an error (exit 2): %s', async ([args], { sb, world }) => {
    const r = await sb.awsx(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^awsx: too many arguments for '[\w-]+'\. Expected \d arguments? but got \d+(: [\w, ]+)?\. \(see awsx (help [\w-]+|sso logout --help)\)\n$/,
    );
    expect(world.front.calls).toHaveLength(0);
  });

  describe('regions', () => {
    it.for<[string[], NodeJS.ProcessEnv, RegExp]>([
      [
        ['assume', 'hop1', '--region', 'mars'],
        {},
        /^awsx: --region "mars" is not an AWS region name \(use a region such as us-east-1\)\n$/,
      ],
      [['assume', 'hop1'], { AWS_REGION: 'eu-mars-1x' }, /^awsx: AWS_REGION "eu-mars-1x" is not an AWS region name/],
      [
        ['assume', 'hop1', '-r', 'cn-north-1'],
        {},
        /^awsx: region cn-north-1 is not in partition aws, where the role is \(it is aws-cn's; from --region\) \(use a region of aws, e\.g\. /,
      ],
      [['exec', '--region', 'Eu-West-1', 'hop1', 'true'], {}, /is not an AWS region name/],
      [
        [
          'profile',
          'add',
          'x',
          '--role-arn',
          'arn:aws:iam::111111111111:role/X',
          '--source-profile',
          'base',
          '--region',
          'mars',
        ],
        {},
        /^awsx: profile "x": --region "mars" is not an AWS region name/,
      ],
      [
        [
          'profile',
          'add',
          'x',
          '--role-arn',
          'arn:aws-cn:iam::111111111111:role/X',
          '--source-profile',
          'base',
          '--region',
          'us-east-1',
        ],
        {},
        /region us-east-1 is not in partition aws-cn/,
      ],
    ])('%s is refused before any call (exit 2)', async ([args, env, message], { sb, world }) => {
      const r = await sb.awsx(args, { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(world.front.calls).toHaveLength(0);
    });

    it('a region in the config that names no region is refused, naming the profile', async ({ sb }) => {
      sb.write(
        'config',
        `${STANDARD_CONFIG}\n[profile typo]\nrole_arn = ${arn(OTHER, 'Hop2')}\nsource_profile = base\nregion = eu_west_1\n`,
      );
      const r = await sb.awsx(['assume', 'typo']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^awsx: region in profile "typo" "eu_west_1" is not an AWS region name/);
    });

    it("a session's region follows the AWS CLI: the profile's own, never its source's (the AWS CLI finds none either)", async ({
      sb,
    }) => {
      const vendor = await sb.awsx(['assume', 'vendor', '--format', 'env']);
      expect(vendor.code).toBe(0);
      expect(vendor.stdout).not.toMatch(/REGION/);
      expect(credentialsJson((await sb.awsx(['assume', 'vendor', '--format', 'json'])).stdout).Region).toBeUndefined();
      const cli = await sb.aws(['configure', 'get', 'region', '--profile', 'vendor']);
      expect(cli.stdout).toBe('');
      expect((await sb.aws(['configure', 'get', 'region', '--profile', 'base'])).stdout.trim()).toBe('us-east-1');
    });

    it("AWS_REGION, then AWS_DEFAULT_REGION, come before the profile's region; --region before all", async ({ sb }) => {
      const region = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<string | undefined> =>
        credentialsJson((await sb.awsx(['assume', ...args, '--format', 'json'], { env })).stdout).Region;
      expect(await region(['hop1'])).toBe('eu-west-1');
      expect(await region(['hop1'], { AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('ap-south-1');
      expect(await region(['hop1'], { AWS_REGION: 'eu-north-1', AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('eu-north-1');
      expect(await region(['hop1', '--region', 'sa-east-1'], { AWS_REGION: 'eu-north-1' })).toBe('sa-east-1');
      // botocore agrees for the variables it reads (AWS_DEFAULT_REGION; AWS_REGION is the AWS CLI v2's and the SDKs').
      const botocore = await sb.run(
        'python3',
        [
          '-c',
          "import botocore.session; print(botocore.session.Session(profile='hop1').get_config_variable('region'))",
        ],
        { env: { AWS_DEFAULT_REGION: 'ap-south-1' } },
      );
      expect(botocore.stdout.trim()).toBe('ap-south-1');
      // A region awsx exported for an earlier identity (AWSX_REGION names it) is not the user's: hop3's own wins.
      expect(
        await region(['hop3'], { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1', AWSX_REGION: 'eu-west-1' }),
      ).toBe('ap-southeast-2');
    });

    it("a role ARN target takes the region of the profile it is assumed from (aws --profile SOURCE's)", async ({
      sb,
    }) => {
      const r = credentialsJson(
        (await sb.awsx(['assume', arn(OTHER, 'Hop2'), '--profile', 'hop1', '--format', 'json'])).stdout,
      );
      expect(r.Region).toBe('eu-west-1');
    });
  });

  describe('exit codes', () => {
    it('a failing credential_process is an external failure: exit 1, not bad input', async ({ sb }) => {
      const script = join(sb.dir, 'creds.sh');
      writeFileSync(script, '#!/bin/sh\necho "token expired" >&2\nexit 3\n');
      chmodSync(script, 0o755);
      sb.write('config', `${STANDARD_CONFIG}\n[profile proc]\ncredential_process = ${script}\n`);
      const r = await sb.awsx(['assume', 'proc']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'awsx: profile "proc": credential_process exited with code 3: token expired (run the command by hand to see why)\n',
      );
      writeFileSync(script, '#!/bin/sh\necho not json\n');
      expect((await sb.awsx(['assume', 'proc'])).code).toBe(1);
    });

    it('a failing mfa_process is an external failure too: exit 1', async ({ sb }) => {
      sb.write(
        'config',
        `${STANDARD_CONFIG}\n[profile admin-proc]\nrole_arn = ${arn('111111111111', 'Admin')}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = exit 4\n`,
      );
      const r = await sb.awsx(['assume', 'admin-proc']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^awsx: profile "admin-proc": mfa_process exited with code 4 \(run the mfa_process command by hand/,
      );
    });

    it('whoami with no credentials anywhere says so (exit 2), not `unknown profile "default"`', async ({ world }) => {
      const empty = makeSandbox({}, world.env);
      try {
        const r = await empty.awsx(['whoami']);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
          /^awsx: no credentials found: no AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY in the environment, no AWS_PROFILE, and no \[default\] profile in \S+ or \S+ \(name one: awsx whoami PROFILE/,
        );
        expect(r.stderr).not.toMatch(/unknown profile/);
        // AWS_PROFILE naming a missing profile is still that profile's error.
        expect((await empty.awsx(['whoami'], { env: { AWS_PROFILE: 'gone' } })).stderr).toMatch(
          /unknown profile "gone"/,
        );
      } finally {
        empty.cleanup();
      }
    });
  });

  describe("peers' flags and shorthands", () => {
    it('-t and --mfa-token (aws-vault, granted, awsume) are --mfa-code; -d is --duration, -p --profile', async ({
      sb,
      world,
    }) => {
      for (const code of ['123456', '234567']) world.front.validCodes.add(code);
      world.front.forgetUsedCodes();
      expect((await sb.awsx(['assume', 'admin', '--mfa-token', '123456', '--format', 'json'])).code).toBe(0);
      expect(world.front.callsOf('GetSessionToken')[0]!.params).toMatchObject({
        SerialNumber: MFA_SERIAL,
        TokenCode: '123456',
      });
      expect(
        (await sb.awsx(['assume', 'admin2', '-t', '234567', '-d', '2h', '--format', 'json', '--no-cache'])).code,
      ).toBe(0);
      expect(world.front.callsOf('AssumeRole').at(-1)!.params).toMatchObject({
        TokenCode: '234567',
        DurationSeconds: '7200',
      });
      const both = await sb.awsx(['assume', 'admin', '--mfa-code', '111111', '--mfa-token', '222222']);
      expect(both.code).toBe(2);
      expect(both.stderr).toBe(
        'awsx: --mfa-token and --mfa-code are the same flag and were given different values (pass only --mfa-code)\n',
      );
      const viaP = credentialsJson(
        (await sb.awsx(['assume', arn(OTHER, 'Hop2'), '-p', 'hop1', '--format', 'json'])).stdout,
      );
      expect(viaP.AccessKeyId).toMatch(/^ASIA/);
    });

    it("awsume's ACCOUNT_ID:ROLE_NAME and PARTITION:ACCOUNT_ID:ROLE_NAME stand for role ARNs", async ({
      sb,
      world,
    }) => {
      const r = await sb.awsx([
        'assume',
        `${OTHER}:Vendor`,
        '--profile',
        'base',
        '--external-id',
        'ext-4242',
        '--format',
        'json',
      ]);
      expect(r.code).toBe(0);
      expect(world.front.callsOf('AssumeRole')[0]!.params.RoleArn).toBe(arn(OTHER, 'Vendor'));
      expect(
        (
          await sb.awsx(
            [
              'assume',
              `aws:${OTHER}:Hop2`,
              '--profile',
              'hop1',
              '--then',
              `${OTHER}:Vendor`,
              '--external-id',
              'wrong-id',
            ],
            {},
          )
        ).code,
      ).toBe(1);
      expect(world.front.callsOf('AssumeRole').map((c) => c.params.RoleArn)).toContain(arn(OTHER, 'Hop2'));
      // A profile named like the shorthand keeps its name.
      sb.write(
        'config',
        `${STANDARD_CONFIG}\n[profile ${OTHER}:Hop2]\nrole_arn = ${arn(OTHER, 'Hop2')}\nsource_profile = hop1\n`,
      );
      expect((await sb.awsx(['assume', `${OTHER}:Hop2`, '--format', 'json'])).code).toBe(0);
    });

    it("-c and -s (granted's assume -c / -s SERVICE) open the console as TARGET instead", async ({ sb }) => {
      const fed = await startFakeFederation();
      try {
        const recorder = join(sb.dir, 'browser.sh');
        writeFileSync(recorder, `#!/bin/sh\nprintf '%s' "$1" > "${sb.dir}/opened"\n`);
        chmodSync(recorder, 0o755);
        const env = { BROWSER: recorder, AWSX_FEDERATION_ENDPOINT: fed.endpoint };
        const opened = (): string =>
          new URL(readFileSync(join(sb.dir, 'opened'), 'utf8')).searchParams.get('Destination')!;
        const service = await sb.awsx(['assume', '-s', 's3', 'hop1'], { env });
        expect(service.code).toBe(0);
        expect(service.stdout).toBe('');
        expect(opened()).toBe('https://s3.console.aws.amazon.com/s3/home?region=eu-west-1');
        expect((await sb.awsx(['use', '-c', 'hop1'], { env })).code).toBe(0);
        expect(opened()).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
        const printed = await sb.awsx(['console', 'hop1', '-s', 'lambda', '--print'], { env });
        expect(new URL(printed.stdout.trim()).searchParams.get('Destination')).toBe(
          'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1',
        );
      } finally {
        await fed.close();
      }
    });

    it('assume --unset prints lines that remove what awsx sets (granted: assume --unset); use -u is use --unset', async ({
      sb,
    }) => {
      const lines = (await sb.awsx(['assume', '--unset'])).stdout;
      const r = await sb.run(
        'bash',
        [
          '-c',
          'AWS_PROFILE=hop1; export AWSX_IDENTITY=hop1 AWS_ACCESS_KEY_ID=x AWS_REGION=y AWSU_PROFILE=hop1; eval "$(cat)"; echo "${AWS_PROFILE-unset} ${AWS_ACCESS_KEY_ID-unset} ${AWS_REGION-unset} ${AWSU_PROFILE-unset}"',
        ],
        { input: lines },
      );
      expect(r.stdout).toBe('unset unset unset unset\n');
      expect((await sb.awsx(['assume', '--unset', '--format', 'fish'])).stdout).toMatch(
        /^if test "\$AWS_PROFILE" = "\$AWSX_IDENTITY"; set -e AWS_PROFILE; end\nset -e AWS_ACCESS_KEY_ID\n/,
      );
      expect((await sb.awsx(['assume', '--unset', '--format', 'json'])).code).toBe(2);
      expect((await sb.awsx(['assume', 'hop1', '--unset'])).code).toBe(2);
      const use = await sb.awsx(['use', '-u'], { env: { SHELL: '/bin/bash' } });
      expect(use.stdout).toMatch(/unset AWS_ACCESS_KEY_ID /);
    });
  });

  it('awsx help [command]; a usage error names the help of its command', async ({ sb }) => {
    const help = await sb.awsx(['help', 'exec']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: awsx exec \[options\] \[target\] \[command\.\.\.\]/);
    expect(help.stdout).toMatch(/--ecs-server +the same as --server/);
    expect((await sb.awsx(['help'])).stdout).toMatch(/help \[command\] +show the help of a command/);
    const rm = await sb.awsx(['profile', 'rm']);
    expect(rm.code).toBe(2);
    expect(rm.stderr).toBe("awsx: unknown command 'rm' (see awsx help profile)\n");
  });
});
