// The cached sessions a keyring key started: forgotten when the key is rotated or removed, so no session of
// a deleted key is handed out again.
import type { Clock } from '../config/clock.js';
import type { KeyRecord } from '../config/key-index.js';
import { loadAwsFiles } from '../config/load-config.js';
import { awsxCacheDir, type Env } from '../config/paths.js';
import { ProfileGraph } from '../config/profile-graph.js';
import { buildPlan } from '../credentials/plan.js';
import { preparePlan } from '../credentials/prepared-plan.js';
import { SessionCache } from '../credentials/session-cache.js';

/** Deletes the cached sessions of every profile whose chain starts at `profile`'s key `record`. */
export function forgetKeySessions(env: Env, clock: Clock, profile: string, record: KeyRecord): void {
  const files = loadAwsFiles(env);
  files.keyring = new Map(files.keyring ?? []).set(profile, record);
  const graph = new ProfileGraph(files);
  const cache = new SessionCache(awsxCacheDir(env), clock);
  for (const p of graph.all()) {
    if (p.root?.kind !== 'keyring' || p.root.profile !== profile) continue;
    const prepared = preparePlan(buildPlan({ kind: 'profile', name: p.name }, {}, { graph, env }), env);
    const keys = [prepared.mfaSession?.key, prepared.keySession?.key, ...prepared.hops.map((h) => h.key)];
    for (const key of keys) if (key !== undefined) cache.delete(key);
  }
}
