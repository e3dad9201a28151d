// What the session cache records of each step of a run (a role hop, an SSO or web-identity root, an MFA or
// key session): the profile and chain it belongs to and how the picker's strip names it.
import { arnAccount } from '../config/validate.js';
import type { Plan } from './plan.js';
import type { KeySessionStep, MfaSessionStep } from './prepared-plan.js';
import type { SessionKind, SessionMeta } from './session-cache.js';

/** A hop's or a root's session; the plan's final one carries the plan's label, profile and region. */
export function stepMeta(
  plan: Plan,
  kind: SessionKind,
  profile: string | undefined,
  arn: string | undefined,
  isFinal: boolean,
): SessionMeta {
  return {
    kind,
    label: isFinal ? plan.label : (profile ?? arn ?? plan.label),
    chain: plan.chain,
    ...(isFinal && plan.profile ? { profile: plan.profile } : profile ? { profile } : {}),
    ...(arn ? { arn, accountId: arnAccount(arn)?.accountId } : {}),
    ...(isFinal && plan.region ? { region: plan.region } : {}),
  };
}

/** A GetSessionToken session: an MFA session belongs to its device, a keyring key's session to the plan. */
export function sessionTokenMeta(plan: Plan, step: MfaSessionStep | KeySessionStep, label: string): SessionMeta {
  return 'serial' in step
    ? // sessions of two devices are two entries in the picker's strip
      { kind: 'mfa-session', profile: step.profile, label, chain: [step.profile], mfaSerial: step.serial }
    : {
        kind: 'key-session',
        profile: step.profile,
        label: plan.label,
        chain: plan.chain,
        ...(plan.region ? { region: plan.region } : {}),
      };
}
