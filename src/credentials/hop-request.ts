// What one role hop asks STS: AssumeRole's parameters, a chained role's duration capped at an hour (with a
// notice saying so), and the call's options, whose context names the profile in an error.
import type { Credentials } from '../aws/credentials.js';
import type { AssumeRoleParams, CallOptions } from '../aws/sts.js';
import { CHAINED_DURATION_MAX } from '../config/validate.js';
import { planSettingsProfile, planStsRegion, type Plan } from './plan.js';
import type { PreparedHop } from './prepared-plan.js';

export interface HopRequest {
  params: AssumeRoleParams;
  options: CallOptions;
  /** Why the hop's duration was lowered, for the user. */
  notice?: string;
}

/** The request of hop INDEX (0-based) of COUNT, signed with SOURCE (temporary credentials: a chained role). */
export function hopRequest(
  plan: Plan,
  hop: PreparedHop,
  index: number,
  count: number,
  source: Credentials,
  signal: AbortSignal | undefined,
): HopRequest {
  let duration = hop.durationSeconds;
  let notice: string | undefined;
  if (duration !== undefined && duration > CHAINED_DURATION_MAX && source.sessionToken) {
    notice =
      `${hop.profile ?? hop.roleName}: duration ${duration}s capped at ${CHAINED_DURATION_MAX}s: ` +
      'a role assumed with temporary credentials (role chaining) lasts at most 1 hour';
    duration = CHAINED_DURATION_MAX;
  }
  const params: AssumeRoleParams = {
    RoleArn: hop.roleArn,
    RoleSessionName: hop.roleSessionName,
    ...(duration !== undefined ? { DurationSeconds: duration } : {}),
    ...(hop.externalId ? { ExternalId: hop.externalId } : {}),
    ...(hop.sourceIdentity ? { SourceIdentity: hop.sourceIdentity } : {}),
  };
  const options: CallOptions = {
    region: planStsRegion(plan),
    profile: planSettingsProfile(plan),
    signal,
    context: {
      profile: hop.profile ?? plan.profile,
      action: `assuming ${hop.roleArn} (hop ${index + 1} of ${count})`,
      usedMfa: hop.mfaSerial !== undefined,
      usedExternalId: hop.externalId !== undefined,
    },
  };
  return { params, options, ...(notice ? { notice } : {}) };
}
