// Where a profile's AWS calls go, read from awsx's own parse of the files as botocore reads it (the SDK's own
// file loader would read the AWS_PROFILE profile, not the one being resolved): AWS_ENDPOINT_URL_<SERVICE>,
// AWS_ENDPOINT_URL, the profile's `services` section, its `endpoint_url`; FIPS and dual-stack switches; the CA
// bundle. Every call of one resolution uses the settings of the profile named (the AWS CLI's --profile).
import { ProfileConfigError } from './errors.js';
import type { AwsFiles, Values } from './load-config.js';
import { defaultProfileName, type Env } from './paths.js';

/** botocore's snake-case service ids of the services awsx calls. */
export type ServiceKey = 'sts' | 'sso' | 'sso_oidc' | 'signin';

export interface ServiceSettings {
  /** A configured endpoint URL, when one is set. */
  endpoint?: string;
  useFips: boolean;
  useDualstack: boolean;
  /** AWS_CA_BUNDLE, else the profile's ca_bundle: a PEM file that replaces the default trust store. */
  caBundle?: string;
}

/** botocore's ensure_boolean: true only for a string that lower-cases to "true". */
const isTrue = (value: unknown): boolean => typeof value === 'string' && value.toLowerCase() === 'true';

/** An environment variable, else the profile's key (botocore's config chain: env first). */
function setting(env: Env, name: string, v: Values, key: string): string | undefined {
  const fromEnv = env[name];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const value = v[key];
  return typeof value === 'string' ? value : undefined;
}

export function serviceSettings(
  service: ServiceKey,
  files: AwsFiles | undefined,
  profile: string | undefined,
  env: Env,
): ServiceSettings {
  const name = profile ?? defaultProfileName(env);
  const v: Values = files?.profiles.get(name)?.values ?? {};
  const out: ServiceSettings = {
    useFips: isTrue(setting(env, 'AWS_USE_FIPS_ENDPOINT', v, 'use_fips_endpoint')),
    useDualstack: isTrue(setting(env, 'AWS_USE_DUALSTACK_ENDPOINT', v, 'use_dualstack_endpoint')),
  };
  const ca = setting(env, 'AWS_CA_BUNDLE', v, 'ca_bundle');
  if (ca) out.caBundle = ca;
  const endpoint = configuredEndpoint(service, files, name, v, env);
  if (endpoint) out.endpoint = endpoint;
  return out;
}

/** botocore's ConfiguredEndpointProvider order; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns all four off. */
function configuredEndpoint(
  service: ServiceKey,
  files: AwsFiles | undefined,
  profile: string,
  v: Values,
  env: Env,
): string | undefined {
  if (isTrue(setting(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', v, 'ignore_configured_endpoint_urls')))
    return undefined;
  const fromEnv = env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  const servicesName = v.services;
  if (typeof servicesName === 'string') {
    const section = files?.services.get(servicesName);
    if (!section) {
      throw new ProfileConfigError(
        `profile "${profile}": services = ${servicesName}, but there is no [services ${servicesName}] section`,
        {
          profile,
          hint: `add [services ${servicesName}] to the config file or remove the services key`,
        },
      );
    }
    const block = section[service];
    const url = typeof block === 'object' ? block.endpoint_url : undefined;
    if (url) return url;
  }
  const url = v.endpoint_url;
  return typeof url === 'string' && url !== '' ? url : undefined;
}
