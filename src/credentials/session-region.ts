// The region of a session, by the AWS CLI's rules: --region, else AWS_REGION, else AWS_DEFAULT_REGION, else
// the `region` of the profile the command names (for a role ARN target, its source profile, as with
// `aws --profile SOURCE`). Never a region further down a chain, and none for sso: targets (no profile).
// A region awsx itself exported for an earlier identity (AWSX_REGION names it) is not the user's choice.
// Every region is checked against the naming pattern of the AWS partitions, and of the role's own partition.
import { exampleRegion, isValidRegion, regionPartition } from '../config/regions.js';
import { InputError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import type { RoleHop, RootSource } from '../config/credential-chain.js';

/** The region awsx itself put in AWS_REGION/AWS_DEFAULT_REGION (an earlier identity's, not the user's choice). */
export const AWSX_REGION_VARIABLE = 'AWSX_REGION';

/** The region the environment asks for, and the variable it came from; not one awsx set for an earlier identity. */
export function userEnvRegion(env: Env): { name: string; region: string } | undefined {
  const mine = env[AWSX_REGION_VARIABLE];
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const region = env[name];
    if (region && region !== mine) return { name, region };
  }
  return undefined;
}

/** Throws InputError (exit 2) unless REGION names a region (of PARTITION, when given); SOURCE: its origin. */
export function checkRegion(region: string, source: string, partition?: string): void {
  if (!isValidRegion(region)) {
    const hint = `use a region such as ${exampleRegion(partition)}`;
    throw new InputError(`${source} "${region}" is not an AWS region name`, { hint });
  }
  const actual = regionPartition(region);
  if (partition && actual !== partition) {
    const where = `it is ${actual}'s; from ${source}`;
    throw new InputError(`region ${region} is not in partition ${partition}, where the role is (${where})`, {
      hint: `use a region of ${partition}, e.g. ${exampleRegion(partition)}`,
    });
  }
}

interface RegionPlan {
  root: RootSource;
  hops: RoleHop[];
  region?: string;
  regionProfile?: string;
}

/** The partition the session's credentials belong to, when the plan tells. */
function planPartition(plan: RegionPlan): string | undefined {
  const last = plan.hops[plan.hops.length - 1];
  if (last) return last.partition;
  return plan.root.kind === 'sso' ? regionPartition(plan.root.sso.region) : undefined;
}

export function regionOfSession(plan: RegionPlan, flag: string | undefined, env: Env): string | undefined {
  const partition = planPartition(plan);
  const fromEnv = userEnvRegion(env);
  const chosen: [string, string] | undefined =
    flag !== undefined
      ? [flag, '--region']
      : fromEnv
        ? [fromEnv.region, fromEnv.name]
        : plan.region
          ? [plan.region, `region in profile "${plan.regionProfile ?? ''}"`]
          : undefined;
  if (!chosen) return undefined;
  checkRegion(chosen[0], chosen[1], partition);
  return chosen[0];
}
