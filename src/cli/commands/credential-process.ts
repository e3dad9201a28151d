// awsx credential-process TARGET: the credential_process contract (Version 1 JSON on stdout), from the
// session cache while a session there has the life botocore needs (no AWS SDK is loaded then), else from
// AWS. It asks for an MFA code only when a terminal is there; otherwise it fails at once with a clear message.
import { systemClock } from '../../config/clock.js';
import type { Env } from '../../config/paths.js';
import { createServices } from '../../credentials/context.js';
import { PROCESS_MIN_REMAINING_MS, renderProcess } from '../../credentials/export-format.js';
import { resolveTarget } from '../target-options.js';
import type { TargetFlags } from '../target-flags.js';

export async function credentialProcessCommand(target: string, flags: TargetFlags, env: Env): Promise<number> {
  const services = createServices(env, systemClock);
  const session = await resolveTarget(services, target, flags, { minRemainingMs: PROCESS_MIN_REMAINING_MS });
  process.stdout.write(renderProcess(session));
  return 0;
}
