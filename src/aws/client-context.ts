// The files and environment the AWS clients of this command read their endpoint, proxy and CA settings from
// (createServices registers them; a command that builds no services leaves the process's environment as it is
// when a client is made). No SDK import here: commands that make no AWS call load none.
import { serviceSettings, type ServiceKey, type ServiceSettings } from '../config/endpoints.js';
import type { AwsFiles } from '../config/load-config.js';
import type { Env } from '../config/paths.js';

let context: { files?: AwsFiles; env: Env } | undefined;

export function setClientContext(files: AwsFiles | undefined, env: Env): void {
  context = { files, env };
}

export function clientEnv(): Env {
  return context?.env ?? process.env;
}

/** The settings of `service` for `profile` (absent: AWS_PROFILE, else default), from the registered files. */
export function settingsFor(service: ServiceKey, profile?: string): ServiceSettings {
  return serviceSettings(service, context?.files, profile, clientEnv());
}
