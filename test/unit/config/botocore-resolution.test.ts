// Differential test of credential resolution against botocore itself (test/helpers/botocore_resolve.py runs
// its real chain, with STS, SSO, login, process and container answered by stand-ins): for every generated
// profile, the provider chosen, the chain of STS calls and every parameter sent (RoleArn, ExternalId,
// SerialNumber, DurationSeconds, a configured RoleSessionName, the signing key, the region, a configured
// endpoint) must match, or be one of the DOCUMENTED differences below (docs/config-parsing.md).
// The generator covers issue 17's cases: keys with credential_process / login_session / sso_* in either file,
// both token keys, Python-int durations, keys split across files, cycles through a profile with keys,
// web identity with a duration, credential_source, per-profile endpoint_url and services, inline comments.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceSettings } from '../../../src/config/endpoints.js';
import { parseAwsFiles, type AwsFiles } from '../../../src/config/load-config.js';
import { ProfileGraph } from '../../../src/config/profile-graph.js';
import type { RootSource } from '../../../src/config/credential-chain.js';
import { seededRandom } from '../../../src/emulator/sso-directory.js';
import { buildPlan } from '../../../src/credentials/plan.js';
import { preparePlan } from '../../../src/credentials/prepared-plan.js';
import { skipWithoutBotocore } from '../../helpers/tools.js';

const HELPER = fileURLToPath(new URL('../../helpers/botocore_resolve.py', import.meta.url));
const PAIRS = Number(process.env.AWSX_RESOLUTION_PAIRS ?? 120);
const skip = skipWithoutBotocore();

/** Differences awsx keeps on purpose; each is listed in docs/config-parsing.md ("Resolution"). */
export const DOCUMENTED = {
  'session-name':
    'With no role_session_name, botocore sends botocore-session-<time>; awsx sends <user>@<role> (readable in CloudTrail).',
  'mfa-session':
    'Long-term keys and an MFA role: awsx gets one MFA session (GetSessionToken) and assumes the role without SerialNumber; botocore sends SerialNumber/TokenCode with the AssumeRole.',
  'chained-duration':
    'A role assumed with temporary credentials and duration_seconds over 3600: awsx sends 3600 (with a note); botocore sends the value and STS refuses it.',
  'no-fallback':
    'A profile with no credentials of its own: botocore goes on to the container and instance metadata providers; awsx reports the profile as having no credentials.',
  'inline-comment':
    'A value with an inline comment: awsx cuts it (docs: (a)) and warns; botocore is given the file as awsx reads it.',
  'aws-region':
    'AWS_REGION: AWS CLI v2 and the SDKs read it before AWS_DEFAULT_REGION; botocore 1.x (CLI v1) ignores it, so it is given AWS_DEFAULT_REGION instead.',
  'regional-sts':
    'No region at all: botocore 1.x calls the global sts.amazonaws.com (signing us-east-1), or with a configured endpoint fails (NoRegionError); awsx calls STS in us-east-1.',
} as const;

interface Call {
  op: string;
  params: Record<string, string>;
  key: string | null;
  host: string;
  region: string | null;
}
type Result = { method: string; key: string; calls: Call[] } | { error: string };

const derived = (...parts: string[]): string =>
  `ASIA${createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 16).toUpperCase()}`;

// --- generator --------------------------------------------------------------------------------------------

interface Pair {
  config: string;
  credentials: string;
  env: Record<string, string>;
  /** The env botocore gets (AWS_REGION moved to AWS_DEFAULT_REGION: documented aws-region). */
  botocoreEnv: Record<string, string>;
  /** The config botocore reads (inline comments cut: documented inline-comment). */
  botocoreConfig: string;
  profiles: string[];
}

const SOURCES = ['Environment', 'EcsContainer', 'Ec2InstanceMetadata'];
const DURATIONS = ['3600', '+3600', ' 1800 ', '3_600', '1h', '7200', '3600.0', '900', '43200', '7200  # two hours'];

function generate(seed: number, tokenDir: string): Pair {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number): boolean => rnd() < p;
  const config: string[] = [
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
    'sso_region = us-east-1',
    '',
    '[services alt]',
    'sts =',
    '  endpoint_url = http://alt.sts.test',
    '',
  ];
  const credentials: string[] = [];
  const names: string[] = [];
  const count = 4 + Math.floor(rnd() * 9);
  const key = (i: number, tag: string): string => `AKIA${tag}${String(seed * 100 + i).padStart(12, '0')}`.slice(0, 20);
  const keys = (lines: string[], i: number, tag: string): void => {
    lines.push(`aws_access_key_id = ${key(i, tag)}`, `aws_secret_access_key = secret${i}`);
    const token = pick(['', '', 'session', 'security', 'both', 'security-empty']);
    if (token === 'session' || token === 'both' || token === 'security-empty')
      lines.push(`aws_session_token = session-${i}`);
    if (token === 'security' || token === 'both') lines.push(`aws_security_token = security-${i}`);
    if (token === 'security-empty') lines.push('aws_security_token =');
  };
  for (let i = 0; i < count; i++) {
    const name = `p${i}`;
    names.push(name);
    const c: string[] = [`[profile ${name}]`];
    const k: string[] = [];
    const shape = pick([
      'keys-creds',
      'keys-config',
      'keys-split',
      'process',
      'process-keys',
      'login',
      'sso',
      'webid',
      'role',
      'role',
      'role',
      'role-keys',
      'source',
      'empty',
    ]);
    switch (shape) {
      case 'keys-creds':
        keys(k, i, 'CRED');
        if (chance(0.3))
          c.push(
            `credential_process = echo '{"Version": 1, "AccessKeyId": "${key(i, 'PROC')}", "SecretAccessKey": "x"}'`,
          );
        break;
      case 'keys-config':
        keys(c, i, 'CONF');
        break;
      case 'keys-split':
        if (chance(0.5)) {
          k.push(`aws_access_key_id = ${key(i, 'SPLT')}`);
          c.push('aws_secret_access_key = in-config');
        } else {
          c.push(`aws_access_key_id = ${key(i, 'SPLT')}`);
          k.push('aws_secret_access_key = in-credentials');
        }
        break;
      case 'process':
        c.push(
          `credential_process = echo '{"Version": 1, "AccessKeyId": "${key(i, 'PROC')}", "SecretAccessKey": "x"}'`,
        );
        break;
      case 'process-keys':
        keys(c, i, 'CONF');
        c.push(
          `credential_process = echo '{"Version": 1, "AccessKeyId": "${key(i, 'PROC')}", "SecretAccessKey": "x"}'`,
        );
        break;
      case 'login':
        c.push(`login_session = arn:aws:iam::111111111111:user/u${i}`);
        if (chance(0.4)) keys(c, i, 'CONF');
        break;
      case 'sso':
        c.push('sso_session = corp', `sso_account_id = ${String(100000000000 + i)}`, `sso_role_name = Role${i}`);
        if (chance(0.4)) keys(chance(0.5) ? c : k, i, 'SSOK');
        break;
      case 'webid':
        c.push(
          `role_arn = arn:aws:iam::111111111111:role/Web${i}`,
          `web_identity_token_file = ${join(tokenDir, 'token')}`,
        );
        if (chance(0.5)) c.push(`duration_seconds = ${pick(DURATIONS)}`);
        if (chance(0.3)) c.push(`role_session_name = web-${i}`);
        break;
      case 'source':
        c.push(`role_arn = arn:aws:iam::111111111111:role/Src${i}`, `credential_source = ${pick(SOURCES)}`);
        break;
      case 'empty':
        c.push('output = json');
        break;
      default: {
        // A role on another profile (earlier, later, itself: cycles and self-references happen).
        c.push(
          `role_arn = arn:aws:iam::${pick(['111111111111', '222222222222'])}:role/R${i}`,
          `source_profile = p${Math.floor(rnd() * count)}`,
        );
        if (shape === 'role-keys') keys(chance(0.5) ? c : k, i, 'RKEY');
        if (chance(0.25)) c.push(`mfa_serial = arn:aws:iam::111111111111:mfa/u${i % 3}`);
        if (chance(0.25)) c.push(`external_id = ext-${i}`);
        if (chance(0.3)) c.push(`role_session_name = s-${i}`);
        if (chance(0.4)) c.push(`duration_seconds = ${pick(DURATIONS)}`);
      }
    }
    if (chance(0.4)) c.push(`region = ${pick(['eu-west-1', 'us-west-2', 'ap-south-1'])}`);
    if (chance(0.15)) c.push('endpoint_url = http://profile.sts.test');
    else if (chance(0.1)) c.push('services = alt');
    config.push(...c, '');
    if (k.length > 0) credentials.push(`[${name}]`, ...k, '');
  }
  const env: Record<string, string> = { AWS_EC2_METADATA_DISABLED: 'true' };
  if (chance(0.3))
    Object.assign(env, {
      AWS_ACCESS_KEY_ID: `AKIAENVENV${String(seed).padStart(10, '0')}`,
      AWS_SECRET_ACCESS_KEY: 'env-secret',
    });
  if (chance(0.3)) env.AWS_CONTAINER_CREDENTIALS_FULL_URI = 'http://127.0.0.1:1/creds';
  const region = pick(['', '', 'AWS_DEFAULT_REGION', 'AWS_REGION']);
  if (region) env[region] = 'ca-central-1';
  if (chance(0.1)) env.AWS_ENDPOINT_URL_STS = 'http://env.sts.test';
  const botocoreEnv = { ...env };
  if (botocoreEnv.AWS_REGION) {
    botocoreEnv.AWS_DEFAULT_REGION = botocoreEnv.AWS_REGION;
    delete botocoreEnv.AWS_REGION;
  }
  const text = config.join('\n');
  return {
    config: text,
    credentials: credentials.join('\n'),
    env,
    botocoreEnv,
    botocoreConfig: text.replace(/[ \t]+#.*$/gm, ''),
    profiles: names,
  };
}

// --- awsx's side ------------------------------------------------------------------------------------------

const METHOD: Record<string, string> = {
  role: 'assume-role',
  'web-identity': 'assume-role-with-web-identity',
  sso: 'sso',
  login: 'login',
  process: 'custom-process',
};

function rootKey(root: RootSource, env: Record<string, string>): string | undefined {
  switch (root.kind) {
    case 'static':
      return root.accessKeyId;
    case 'process':
      return /"AccessKeyId": *"([^"]+)"/.exec(root.command)?.[1];
    case 'sso':
      return derived('sso', root.accountId, root.roleName);
    case 'login':
      return derived('login', root.session);
    case 'credential-source':
      if (root.source === 'Environment') return env.AWS_ACCESS_KEY_ID;
      if (root.source === 'EcsContainer' && env.AWS_CONTAINER_CREDENTIALS_FULL_URI)
        return derived('container', env.AWS_CONTAINER_CREDENTIALS_FULL_URI);
      return undefined;
    default:
      return undefined;
  }
}

interface Verdict {
  differences: Set<keyof typeof DOCUMENTED>;
}

/** Compares one profile; returns the documented differences it relied on. */
function compare(
  files: AwsFiles,
  graph: ProfileGraph,
  name: string,
  env: Record<string, string>,
  boto: Result,
  where: string,
): Verdict {
  const used = new Set<keyof typeof DOCUMENTED>();
  const profile = graph.get(name)!;
  let plan;
  let error = profile.error?.message;
  if (!error) {
    try {
      plan = buildPlan({ kind: 'profile', name }, {}, { graph, env: { ...env, USER: 'alice' } });
    } catch (e) {
      error = (e as Error).message;
    }
  }
  // credential_source roots fail when awsx runs them (no env keys, IMDS off, no container URI): an error too.
  if (plan && plan.root.kind === 'credential-source' && rootKey(plan.root, env) === undefined) {
    error = `credential_source ${plan.root.source} has nothing to give here`;
    plan = undefined;
  }
  if (!plan || 'error' in boto) {
    if ('error' in boto && !plan) return { differences: used };
    if (plan && 'error' in boto && boto.error.startsWith('NoRegionError') && !plan.stsRegion) {
      used.add('regional-sts');
      return { differences: used };
    }
    if (
      !plan &&
      'method' in boto &&
      (boto.method === 'container-role' || boto.method === 'iam-role') &&
      profile.kind === 'empty'
    ) {
      used.add('no-fallback');
      return { differences: used };
    }
    throw new Error(
      `${where}: botocore ${'error' in boto ? `failed (${boto.error})` : `chose ${boto.method}`}, awsx ${error ? `failed (${error})` : 'resolved it'}`,
    );
  }
  if ('error' in boto) throw new Error('unreachable');
  const root = plan.root;
  const method =
    profile.kind === 'static' && root.kind === 'static'
      ? root.file === 'credentials'
        ? 'shared-credentials-file'
        : 'config-file'
      : METHOD[profile.kind];
  expect(boto.method, `${where}: provider`).toBe(method);
  const prepared = preparePlan(plan, { USER: 'alice' });
  const region = plan.stsRegion ?? 'us-east-1';
  const endpoint = serviceSettings('sts', files, name, env).endpoint;
  const calls = boto.calls;
  let key = rootKey(root, env);
  let next = 0;
  const checkCall = (call: Call | undefined, op: string): Call => {
    expect(call?.op, `${where}: call ${next}`).toBe(op);
    // An unsigned call (web identity) names its region only in the host.
    const callRegion = call!.region ?? /^sts\.([a-z0-9-]+)\.amazonaws\.com$/.exec(call!.host)?.[1] ?? null;
    if (endpoint) expect(call!.host, `${where}: endpoint`).toBe(new URL(endpoint).host);
    if (call!.host === 'sts.amazonaws.com') {
      expect(region, `${where}: global endpoint only without a region`).toBe('us-east-1');
      used.add('regional-sts');
    } else if (callRegion !== null) {
      expect(callRegion, `${where}: region`).toBe(region);
    }
    return call!;
  };
  if (root.kind === 'web-identity') {
    const call = checkCall(calls[next++], 'AssumeRoleWithWebIdentity');
    expect(call.params.RoleArn, `${where}: web identity role`).toBe(root.hop.roleArn);
    expect(call.params.DurationSeconds, `${where}: web identity sends no duration`).toBeUndefined();
    if (root.hop.roleSessionName) expect(call.params.RoleSessionName).toBe(root.hop.roleSessionName);
    else {
      expect(call.params.RoleSessionName).toMatch(/^botocore-session-/);
      used.add('session-name');
    }
    key = derived(root.hop.roleArn, 'web');
  }
  const botoSerials: string[] = [];
  let temporary = root.kind !== 'static' || root.sessionToken !== undefined;
  prepared.hops.forEach((hop, i) => {
    const call = checkCall(calls[next++], 'AssumeRole');
    expect(call.params.RoleArn, `${where}: hop ${i}`).toBe(hop.roleArn);
    expect(call.key, `${where}: hop ${i} signed by`).toBe(key);
    expect(call.params.ExternalId, `${where}: hop ${i} external id`).toBe(hop.externalId);
    const sent = call.params.DurationSeconds === undefined ? undefined : Number(call.params.DurationSeconds);
    if (sent !== undefined && sent > 3600 && (temporary || prepared.mfaSession)) {
      expect(hop.durationSeconds, `${where}: hop ${i} duration`).toBe(sent);
      used.add('chained-duration');
    } else {
      expect(hop.durationSeconds, `${where}: hop ${i} duration`).toBe(sent);
    }
    if (call.params.SerialNumber) botoSerials.push(call.params.SerialNumber);
    if ((call.params.RoleSessionName ?? '').startsWith('botocore-session-')) used.add('session-name');
    else expect(hop.roleSessionName, `${where}: hop ${i} session name`).toBe(call.params.RoleSessionName);
    key = derived(hop.roleArn, key ?? '');
    temporary = true;
  });
  expect(calls.length, `${where}: number of STS calls`).toBe(next);
  const awsxSerials = [
    ...(prepared.mfaSession ? [prepared.mfaSession.serial] : []),
    ...prepared.hops.filter((h) => h.sendMfa).map((h) => h.mfaSerial!),
  ];
  expect(awsxSerials, `${where}: MFA devices`).toEqual(botoSerials);
  if (prepared.mfaSession) used.add('mfa-session');
  expect(boto.key, `${where}: final key`).toBe(key);
  return { differences: used };
}

describe.skipIf(skip)('awsx resolves profiles as botocore does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-resolution-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'token'), 'a-web-identity-token');

  it(`agrees on the provider, the chain and every STS parameter of ${PAIRS} generated config pairs`, () => {
    const pairs = Array.from({ length: PAIRS }, (_, i) =>
      generate(Number(process.env.AWSX_RESOLUTION_SEED ?? 17) * 1000 + i, dir),
    );
    const cases = pairs.map((pair, i) => {
      const config = join(dir, `config-${i}`);
      const credentials = join(dir, `credentials-${i}`);
      writeFileSync(config, pair.botocoreConfig);
      writeFileSync(credentials, pair.credentials);
      return { config, credentials, env: pair.botocoreEnv, profiles: pair.profiles };
    });
    const run = spawnSync('python3', [HELPER], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    });
    if (run.status !== 0) throw new Error(`botocore_resolve.py failed: ${run.stderr}`);
    const results = JSON.parse(run.stdout) as Array<Record<string, Result>>;
    const seen = new Map<string, number>();
    let profiles = 0;
    let botoErrors = 0;
    pairs.forEach((pair, i) => {
      const files = parseAwsFiles(pair.config, pair.credentials);
      const graph = new ProfileGraph(files);
      for (const name of pair.profiles) {
        const where = `pair ${i} profile ${name}\n--- config ---\n${pair.config}\n--- credentials ---\n${pair.credentials}\n--- env --- ${JSON.stringify(pair.env)}`;
        const verdict = compare(files, graph, name, pair.env, results[i]![name]!, where);
        for (const d of verdict.differences) seen.set(d, (seen.get(d) ?? 0) + 1);
        if ('error' in results[i]![name]!) botoErrors++;
        if (
          pair.config.includes(`duration_seconds = 7200  #`) &&
          graph.get(name)!.warnings.some((w) => w.includes('(the rest is a comment)'))
        )
          seen.set('inline-comment', (seen.get('inline-comment') ?? 0) + 1);
        profiles++;
      }
      if (pair.env.AWS_REGION) seen.set('aws-region', (seen.get('aws-region') ?? 0) + 1);
    });
    // The generator must reach both outcomes and the documented differences, or the comparison proves little.
    expect(profiles).toBeGreaterThan(PAIRS * 4);
    expect(botoErrors).toBeGreaterThan(profiles / 20);
    expect(botoErrors).toBeLessThan(profiles / 1.5);
    for (const d of ['session-name', 'mfa-session', 'no-fallback', 'inline-comment', 'aws-region'] as const)
      expect(seen.get(d) ?? 0, d).toBeGreaterThan(0);
  });
});
