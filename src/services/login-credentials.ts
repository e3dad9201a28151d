// Credentials of an `aws login` profile (login_session): written in the next step.
import type { Credentials } from '../aws/credentials.js';
import type { Env } from '../config/paths.js';
import type { RootSource } from '../config/profile-graph.js';

export async function loginCredentials(root: Extract<RootSource, { kind: 'login' }>, env: Env, signal?: AbortSignal): Promise<Credentials> {
  void env;
  void signal;
  throw new Error(`profile "${root.profile}": login_session is not supported yet`);
}
