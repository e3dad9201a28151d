// Where console sign-in goes: the partition's sign-in endpoint and console host, and the page to land on
// (a region's console home, a service's console, or a console URL the user gave). Pure: no I/O.
import { InputError } from '../config/errors.js';
import { arnAccount } from '../config/validate.js';
import { CONSOLE_SERVICES, GLOBAL_PATHS } from './service-paths.js';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

interface PartitionHosts {
  /** The federation endpoint: getSigninToken and login. */
  federation: string;
  /** The console's domain; regional consoles are `<region>.<domain>` (aws only). */
  consoleDomain: string;
  /** Region for STS calls when nothing names one. */
  defaultRegion: string;
}

export const PARTITIONS: Record<Partition, PartitionHosts> = {
  aws: {
    federation: 'https://signin.aws.amazon.com/federation',
    consoleDomain: 'console.aws.amazon.com',
    defaultRegion: 'us-east-1',
  },
  'aws-cn': {
    federation: 'https://signin.amazonaws.cn/federation',
    consoleDomain: 'console.amazonaws.cn',
    defaultRegion: 'cn-north-1',
  },
  'aws-us-gov': {
    federation: 'https://signin.amazonaws-us-gov.com/federation',
    consoleDomain: 'console.amazonaws-us-gov.com',
    defaultRegion: 'us-gov-west-1',
  },
};

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const SERVICE = /^[a-z][a-z0-9-]{0,39}$/;
/** A console path as given: path characters, then an optional ?query and #fragment; no host, no `..`. */
const PATH = /^[a-z0-9][a-z0-9._~/-]*(?:\?[^#\s]*)?(?:#\S*)?$/i;

export function regionPartition(region: string): Partition | undefined {
  if (/-iso[a-z]*-/.test(region)) return undefined;
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export interface ConsoleSite {
  partition: Partition;
  /** The region to land in; absent: the console picks (the user's last region). */
  region?: string;
  /** Region for STS calls (GetFederationToken). */
  stsRegion: string;
  /** getSigninToken and login endpoint (AWSX_FEDERATION_ENDPOINT overrides). */
  federation: string;
  /** Named in errors. */
  profile?: string;
}

export interface SiteInput {
  /** --region, else the session's region. */
  region?: string;
  /** The session's ARN (role sessions): its partition wins. */
  arn?: string;
  label: string;
  profile?: string;
  federationOverride?: string;
}

export function consoleSite(input: SiteInput): ConsoleSite {
  const { region, profile } = input;
  if (region !== undefined && !REGION.test(region)) {
    throw new InputError(`${who(input)}"${region}" is not an AWS region`, {
      profile,
      hint: 'use a region code such as eu-west-1',
    });
  }
  const fromArn = input.arn ? arnAccount(input.arn)?.partition : undefined;
  const fromRegion = region ? regionPartition(region) : 'aws';
  const partition = fromArn ?? fromRegion;
  if (partition === undefined || !(partition in PARTITIONS)) {
    throw new InputError(
      `${who(input)}console sign-in supports the aws, aws-cn and aws-us-gov partitions, ` +
        `not ${partition ?? `the partition of ${region}`}`,
      {
        profile,
        hint: "sign in through your partition's own console",
      },
    );
  }
  const p = partition as Partition;
  if (region && fromRegion !== p) {
    throw new InputError(`${who(input)}region ${region} is not in partition ${p} of ${input.label}`, {
      profile,
      hint: `pick a ${p} region with --region`,
    });
  }
  return {
    partition: p,
    ...(region ? { region } : {}),
    stsRegion: region ?? PARTITIONS[p].defaultRegion,
    federation: input.federationOverride || PARTITIONS[p].federation,
    ...(profile ? { profile } : {}),
  };
}

const who = (input: { profile?: string }): string => (input.profile ? `profile "${input.profile}": ` : '');

function consoleBase(site: ConsoleSite, regional: boolean): string {
  const domain = PARTITIONS[site.partition].consoleDomain;
  // The aws partition serves each region from its own host; the others take ?region= on one host.
  return regional && site.region && site.partition === 'aws' ? `https://${site.region}.${domain}` : `https://${domain}`;
}

/**
 * The page to land on: the region's console home, a service (`s3`, `ec2`, `ddb`... see console/service-paths.ts),
 * a console path (`cloudwatch/home#logsV2:`, given the region) or a console URL as given.
 */
export function consoleDestination(site: ConsoleSite, destination: string | undefined): string {
  const query = site.region ? `?region=${site.region}` : '';
  const given = destination?.trim() ?? '';
  const name = given.toLowerCase();
  if (!name || name === 'home' || name === 'console') return `${consoleBase(site, true)}/console/home${query}`;
  if (/^[a-z][a-z0-9+.-]*:/.test(name)) return checkConsoleUrl(site, given);
  const known = CONSOLE_SERVICES.get(name);
  if (known) return servicePage(site, known.path, known.global === true);
  if (SERVICE.test(name)) return servicePage(site, `${name}/home`, GLOBAL_PATHS.has(name));
  const path = given.replace(/^\/(?!\/)/, '');
  if (
    !PATH.test(path) ||
    path
      .split(/[?#]/)[0]!
      .split('/')
      .some((segment) => segment === '..' || segment === '.')
  ) {
    const what = 'is not a service name, console path or console URL';
    throw new InputError(`${who(site)}destination "${destination}" ${what}`, {
      ...(site.profile ? { profile: site.profile } : {}),
      hint:
        'use a service (s3, ec2, ddb, iam), a path such as ec2/home#Instances: ' +
        `or a URL such as https://${PARTITIONS[site.partition].consoleDomain}/ec2/home`,
    });
  }
  return servicePage(site, path, GLOBAL_PATHS.has(path.split(/[/?#]/)[0]!.toLowerCase()));
}

/** A service's page: its path on the (regional) console host, with ?region= before any #fragment. */
function servicePage(site: ConsoleSite, path: string, global: boolean): string {
  const hash = path.indexOf('#');
  const [beforeHash, fragment] = hash < 0 ? [path, ''] : [path.slice(0, hash), path.slice(hash)];
  const wantsRegion = site.region && !global && !/[?&]region=/.test(beforeHash);
  const regionParam = wantsRegion ? `${beforeHash.includes('?') ? '&' : '?'}region=${site.region}` : '';
  const s3 = site.partition === 'aws' && /^s3(?:[/?#]|$)/.test(path);
  const base = s3 ? `https://s3.${PARTITIONS.aws.consoleDomain}` : consoleBase(site, !global);
  return `${base}/${beforeHash}${regionParam}${fragment}`;
}

function checkConsoleUrl(site: ConsoleSite, text: string): string {
  const domain = PARTITIONS[site.partition].consoleDomain;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const host = url?.hostname ?? '';
  if (
    !url ||
    url.protocol !== 'https:' ||
    url.username ||
    url.password ||
    url.port ||
    !(host === domain || host.endsWith(`.${domain}`))
  ) {
    throw new InputError(`${who(site)}--destination ${text} is not an ${site.partition} console URL`, {
      ...(site.profile ? { profile: site.profile } : {}),
      hint: `use an https://${domain}/... or https://<region>.${domain}/... URL, or a service name`,
    });
  }
  return text;
}
