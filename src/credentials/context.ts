// Builds the services a command or the picker needs from one environment snapshot.
import type { Clock } from '../config/clock.js';
import { loadAwsFiles, type AwsFiles } from '../config/load-config.js';
import { awsxCacheDir, type Env } from '../config/paths.js';
import { ProfileGraph } from '../config/profile-graph.js';
import { setClientContext } from '../aws/client-context.js';
import { CredentialEngine } from './engine.js';
import { SessionCache } from './session-cache.js';

export interface Services {
  env: Env;
  /** The time every service reads (the command line hands down the machine's). */
  clock: Clock;
  files: AwsFiles;
  graph: ProfileGraph;
  cache: SessionCache;
  engine: CredentialEngine;
}

/** `files`: the files already loaded for this env (the picker has read them to decide on the demo). */
export function createServices(env: Env, clock: Clock, files: AwsFiles = loadAwsFiles(env)): Services {
  // Every AWS client of this command reads its endpoint, proxy and CA settings from these files.
  setClientContext(files, env);
  const graph = new ProfileGraph(files);
  const cache = new SessionCache(awsxCacheDir(env), clock);
  return { env, clock, files, graph, cache, engine: new CredentialEngine({ env, clock, cache }) };
}
