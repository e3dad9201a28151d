// Runs botocore (through test/helpers/botocore_parse.py) over config/credentials pairs, once per batch, and
// puts awsx's parse in the same shape for comparison.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AwsFiles, Values } from '../../src/config/load-config.js';

const HELPER = fileURLToPath(new URL('./botocore_parse.py', import.meta.url));

export interface View {
  profiles: Record<string, Values>;
  sso_sessions: Record<string, Values>;
  services: Record<string, Values>;
}
export type BotocoreResult = (View & { selected_profile: string | null }) | { error: string; cause?: string };

/** The environment for the helper: ours without any AWS_* variable, plus `extra`. */
function helperEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return { ...env, ...extra };
}

/** Parses CONFIG CREDENTIALS [CONFIG CREDENTIALS ...] with botocore (synchronous: use only with no server running). */
export function runBotocore(paths: string[], extraEnv: Record<string, string | undefined> = {}): BotocoreResult[] {
  const run = spawnSync('python3', [HELPER, ...paths], {
    encoding: 'utf8',
    env: helperEnv(extraEnv),
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new Error(`botocore_parse.py failed (${run.status}): ${run.stderr}`);
  const out = JSON.parse(run.stdout) as BotocoreResult | BotocoreResult[];
  return Array.isArray(out) ? out : [out];
}

export function view(files: AwsFiles): View {
  return {
    profiles: Object.fromEntries([...files.profiles].map(([name, p]) => [name, p.values])),
    sso_sessions: Object.fromEntries(files.ssoSessions),
    services: Object.fromEntries(files.services),
  };
}

export function viewOf(result: BotocoreResult): View {
  if ('error' in result) throw new Error(`botocore rejected the files: ${result.error}\n${result.cause ?? ''}`);
  return { profiles: result.profiles, sso_sessions: result.sso_sessions, services: result.services };
}
