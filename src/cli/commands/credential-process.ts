// awsx credential-process TARGET: the credential_process contract (Version 1 JSON on stdout). It asks for
// an MFA code only when a terminal is there; otherwise it fails at once with a clear message.
import { configFilePath, credentialsFilePath, type Env } from '../../config/paths.js';
import { createServices } from '../../services/context.js';
import { renderProcess } from '../../services/export-format.js';
import { fastPathHook, rememberAnswer, stampFiles, unchanged } from '../../services/fast-path.js';
import { resolveTarget, type TargetFlags } from '../target-options.js';

// botocore refreshes process credentials 15 minutes before they expire (the JS SDK 5): hand out sessions
// with more life than that, or every AWS CLI call in the last 15 minutes would run awsx again.
export const PROCESS_MIN_REMAINING_MS = 16 * 60_000;

export async function credentialProcessCommand(target: string, flags: TargetFlags, env: Env): Promise<number> {
  // Stamps first: a file changed while this run reads it must not be recorded as the one answered from.
  const hook = fastPathHook();
  const before = hook ? stampFiles(hook, [configFilePath(env), credentialsFilePath(env)]) : [];
  const services = createServices(env);
  const session = await resolveTarget(services, target, flags, { minRemainingMs: PROCESS_MIN_REMAINING_MS });
  const output = renderProcess(session);
  process.stdout.write(output);
  const expiresAt = session.credentials.expiration?.getTime();
  if (hook && session.cacheKey && expiresAt !== undefined && unchanged(hook, before)) {
    const files = [...before, ...stampFiles(hook, [services.cache.pathOf(session.cacheKey)])];
    await rememberAnswer(hook, { stdout: output, expiresAt, minRemainingMs: PROCESS_MIN_REMAINING_MS, files });
  }
  return 0;
}
