// Turns what the user asked for (a profile, a role ARN or an SSO role, plus flags) into a plan: one
// credential root and the role hops on top of it. Pure: no I/O, no AWS calls; bad input throws InputError.
import { InputError, ProfileConfigError } from '../config/errors.js';
import { checkRegion, regionOfSession } from './session-region.js';
import type { Env } from '../config/paths.js';
import type { ProfileGraph } from '../config/profile-graph.js';
import type { RoleHop, RootSource } from '../config/credential-chain.js';
import {
  isValidDuration,
  isValidExternalId,
  isValidMfaSerial,
  isValidSessionName,
  parseDuration,
  parseRoleArn,
} from '../config/validate.js';

export type Target =
  | { kind: 'profile'; name: string }
  /** shorthand: awsume's ACCOUNT_ID:ROLE_NAME as typed, when the ARN was written so. */
  | { kind: 'role-arn'; arn: string; shorthand?: string }
  | { kind: 'sso'; accountId: string; roleName: string };

export interface PlanOptions {
  /** Source profile for a role-ARN target (--profile). */
  profile?: string;
  then?: string[];
  duration?: number;
  sessionName?: string;
  externalId?: string;
  mfaSerial?: string;
  region?: string;
  /** Picks the sso-session for sso:ACCOUNT/ROLE targets when several exist. */
  ssoSession?: string;
}

/** Target flags as typed on a command line (or written into a credential_process command). */
export interface TargetFlagValues {
  profile?: string;
  then?: string[];
  duration?: string;
  sessionName?: string;
  externalId?: string;
  mfaSerial?: string;
  region?: string;
  ssoSession?: string;
}

/** The plan options the flags ask for; a --duration that does not parse is left out (callers decide). */
export function planOptionsFromFlags(flags: TargetFlagValues): PlanOptions {
  const duration = flags.duration !== undefined ? parseDuration(flags.duration) : undefined;
  return {
    then: (flags.then ?? []).map((arn) => expandRoleShorthand(arn) ?? arn),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(duration !== undefined ? { duration } : {}),
    ...(flags.sessionName !== undefined ? { sessionName: flags.sessionName } : {}),
    ...(flags.externalId !== undefined ? { externalId: flags.externalId } : {}),
    ...(flags.mfaSerial !== undefined ? { mfaSerial: flags.mfaSerial } : {}),
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.ssoSession !== undefined ? { ssoSession: flags.ssoSession } : {}),
  };
}

export interface Plan {
  label: string;
  /** The target profile's name, when the target is a profile. */
  profile?: string;
  root: RootSource;
  hops: RoleHop[];
  /** Region the credentials are for (exported as AWS_REGION), when known. */
  region?: string;
  /** The profile whose `region` the plan's base region is (the target's, or a role ARN's source profile). */
  regionProfile?: string;
  /** Display chain, root first. */
  chain: string[];
  /** The session's region for STS calls (--region, AWS_REGION, the target's own): never an ancestor's. */
  stsRegion?: string;
}

/** Root used when a role ARN is assumed from the environment's own keys. */
export const ENVIRONMENT_ROOT = '(environment)';

const DEFAULT_STS_REGION = 'us-east-1';

/**
 * Every STS call of one resolution goes to the region of the session, as botocore's assume-role client does
 * (the region the target resolves to: --region, AWS_REGION, its profile's), else us-east-1.
 */
export function planStsRegion(plan: Plan): string {
  return plan.stsRegion ?? DEFAULT_STS_REGION;
}

/** The profile whose endpoint, FIPS, dual-stack and CA settings every call of the plan's resolution uses. */
export function planSettingsProfile(plan: Plan): string | undefined {
  return (
    plan.profile ??
    (plan.root.profile !== ENVIRONMENT_ROOT && !plan.root.profile.startsWith('sso:') ? plan.root.profile : undefined)
  );
}

/**
 * awsume's shorthand for a role ARN: ACCOUNT_ID:ROLE_NAME, or PARTITION:ACCOUNT_ID:ROLE_NAME (the role name may
 * carry a path); undefined for anything else.
 */
export function expandRoleShorthand(text: string): string | undefined {
  const m = /^(?:(aws(?:-[a-z]+)*):)?(\d{12}):([^:\s]+)$/.exec(text);
  if (!m) return undefined;
  const arn = `arn:${m[1] ?? 'aws'}:iam::${m[2]}:role/${m[3]}`;
  return parseRoleArn(arn) ? arn : undefined;
}

export function parseTarget(text: string): Target {
  if (text.startsWith('sso:')) {
    const m = /^sso:(\d{12})\/([\w+=,.@-]{1,64})$/.exec(text);
    if (!m)
      throw new InputError(`target "${text}" is not sso:ACCOUNT_ID/ROLE_NAME`, {
        hint: 'use a 12-digit account id, e.g. sso:123456789012/ReadOnly',
      });
    return { kind: 'sso', accountId: m[1]!, roleName: m[2]! };
  }
  if (text.startsWith('arn:')) {
    if (!parseRoleArn(text))
      throw new InputError(`"${text}" is not a valid IAM role ARN`, {
        hint: 'use arn:aws:iam::<12-digit account>:role/<name>',
      });
    return { kind: 'role-arn', arn: text };
  }
  if (!text)
    throw new InputError('no target given', { hint: 'name a profile, a role ARN or sso:ACCOUNT_ID/ROLE_NAME' });
  const arn = expandRoleShorthand(text);
  if (arn) return { kind: 'role-arn', arn, shorthand: text };
  return { kind: 'profile', name: text };
}

export function validatePlanOptions(o: PlanOptions): void {
  if (o.duration !== undefined && !isValidDuration(o.duration)) {
    throw new InputError(`duration ${o.duration} is outside 900-43200 seconds`, {
      hint: 'pass --duration between 900 (15 min) and 43200 (12 h)',
    });
  }
  if (o.sessionName !== undefined && !isValidSessionName(o.sessionName)) {
    throw new InputError(`session name "${o.sessionName}" must be 2-64 characters of letters, digits and +=,.@-`, {
      hint: 'fix --session-name',
    });
  }
  if (o.externalId !== undefined && !isValidExternalId(o.externalId)) {
    throw new InputError('external id must be 2-1224 characters of letters, digits and +=,.@:/-', {
      hint: 'fix --external-id',
    });
  }
  if (o.region !== undefined) checkRegion(o.region, '--region');
  if (o.mfaSerial !== undefined && !isValidMfaSerial(o.mfaSerial)) {
    throw new InputError(`"${o.mfaSerial}" is not an MFA device ARN or serial`, {
      hint: 'use arn:aws:iam::<account>:mfa/<name>',
    });
  }
  for (const arn of o.then ?? []) {
    if (!parseRoleArn(arn))
      throw new InputError(`--then "${arn}" is not a valid IAM role ARN`, {
        hint: 'use arn:aws:iam::<12-digit account>:role/<name>',
      });
  }
}

export function adHocHop(arn: string): RoleHop {
  const p = parseRoleArn(arn)!;
  return { roleArn: arn, partition: p.partition, accountId: p.accountId, roleName: p.roleName };
}

export interface PlanContext {
  graph: ProfileGraph;
  env: Env;
  /** Plans an sso:ACCOUNT/ROLE target (provided by the SSO service). */
  ssoRoot?: (target: Extract<Target, { kind: 'sso' }>, options: PlanOptions) => RootSource;
}

export function buildPlan(given: Target, options: PlanOptions, ctx: PlanContext): Plan {
  validatePlanOptions(options);
  // A profile that happens to be named like the shorthand (123456789012:Admin) keeps its name.
  const named = given.kind === 'role-arn' && given.shorthand && ctx.graph.has(given.shorthand);
  const target: Target = named ? { kind: 'profile', name: given.shorthand! } : given;
  const base = basePlan(target, options, ctx);
  const hops = base.hops.map((h) => ({ ...h }));
  const targetHop = hops[hops.length - 1];
  if (targetHop && target.kind !== 'sso') {
    if (options.externalId !== undefined) targetHop.externalId = options.externalId;
    if (options.mfaSerial !== undefined) targetHop.mfaSerial = options.mfaSerial;
  }
  for (const arn of options.then ?? []) hops.push(adHocHop(arn));
  const added = hops.slice(base.hops.length - (targetHop ? 1 : 0));
  if (options.sessionName !== undefined) for (const h of added) h.roleSessionName = options.sessionName;
  const final = hops[hops.length - 1];
  if (final && options.duration !== undefined) final.durationSeconds = options.duration;
  const chain = [...base.chain, ...(options.then ?? []).map((a) => adHocHop(a).roleName)];
  const region = regionOfSession({ ...base, hops }, options.region, ctx.env);
  return { ...base, hops, chain, ...(region ? { region, stsRegion: region } : {}) };
}

function basePlan(target: Target, options: PlanOptions, ctx: PlanContext): Plan {
  if (target.kind === 'profile') return profilePlan(target.name, ctx);
  if (target.kind === 'sso') {
    if (!ctx.ssoRoot) throw new InputError('sso: targets need an sso-session', { hint: 'run awsx sso login first' });
    const root = ctx.ssoRoot(target, options);
    const id = `${target.accountId}/${target.roleName}`;
    return { label: `sso:${id}`, root, hops: [], chain: [id] };
  }
  const hop = adHocHop(target.arn);
  const sourceName = options.profile ?? (ctx.env.AWS_PROFILE || undefined);
  if (!sourceName && ctx.env.AWS_ACCESS_KEY_ID && ctx.env.AWS_SECRET_ACCESS_KEY) {
    return {
      label: target.arn,
      root: { kind: 'credential-source', profile: ENVIRONMENT_ROOT, source: 'Environment' },
      hops: [hop],
      chain: [ENVIRONMENT_ROOT, hop.roleName],
    };
  }
  const name = sourceName ?? (ctx.env.AWS_DEFAULT_PROFILE || 'default');
  if (!ctx.graph.has(name)) {
    throw new InputError(`no credentials to assume ${target.arn} from: profile "${name}" does not exist`, {
      hint: 'pass --profile P, set AWS_PROFILE, or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY',
    });
  }
  const source = profilePlan(name, ctx);
  // As `aws --profile SOURCE` would: the source profile's own region.
  const region = source.region ? { region: source.region, regionProfile: name } : {};
  return {
    label: target.arn,
    root: source.root,
    hops: [...source.hops, hop],
    chain: [...source.chain, hop.roleName],
    ...region,
  };
}

function profilePlan(name: string, ctx: PlanContext): Plan {
  const profile = ctx.graph.get(name);
  if (!profile) {
    throw new InputError(`unknown profile "${name}"`, {
      profile: name,
      hint: `awsx list shows every profile (config: ${ctx.graph.files.configPath})`,
    });
  }
  if (profile.error) throw profile.error;
  if (!profile.root) throw new ProfileConfigError(`profile "${name}" cannot be resolved`, { profile: name });
  return {
    label: name,
    profile: name,
    root: profile.root,
    hops: profile.hops,
    chain: [...profile.parents, name],
    ...(profile.region ? { region: profile.region, regionProfile: name } : {}),
  };
}
