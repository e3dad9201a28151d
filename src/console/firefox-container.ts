// Firefox containers through the "Open external links in a container" extension (addons.mozilla.org
// open-url-in-container, github.com/honsiorovskyi/open-url-in-container; its maintained fork keeps the
// scheme). The extension registers the ext+container: protocol; Firefox hands it the URL, and it reads
//   ext+container:name=NAME&color=COLOR&icon=ICON&url=URL
// with URLSearchParams (after decodeURIComponent of the whole, which undoes Firefox's own escaping), and
// opens URL in the container NAME, creating it with that colour and icon when it does not exist yet.
// Every value is percent-encoded byte by byte (UTF-8) except the RFC 3986 unreserved characters, as the
// extension's own launcher encodes the url: so `&`, `=`, `+`, `#` and `%` in the sign-in URL or the name
// reach the extension as they were. (granted's fork takes the same form under ext+granted-containers:.)
import type { IdentityColor } from '../config/identity-color.js';

export const CONTAINER_ICONS = [
  'fingerprint',
  'briefcase',
  'dollar',
  'cart',
  'circle',
  'gift',
  'vacation',
  'food',
  'fruit',
  'pet',
  'tree',
  'chill',
] as const;
export type ContainerIcon = (typeof CONTAINER_ICONS)[number];

export const CONTAINER_SCHEMES = {
  'open-url-in-container': 'ext+container',
  granted: 'ext+granted-containers',
} as const;
export type ContainerExtension = keyof typeof CONTAINER_SCHEMES;

/** Percent-encodes all but A-Z a-z 0-9 - . _ ~ (encodeURIComponent leaves !'()* as they are). */
export function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface ContainerLink {
  name: string;
  color: IdentityColor;
  icon?: ContainerIcon;
  url: string;
  extension?: ContainerExtension;
}

export function containerUrl(link: ContainerLink): string {
  const scheme = CONTAINER_SCHEMES[link.extension ?? 'open-url-in-container'];
  const params: Array<[string, string]> = [
    ['name', link.name],
    ['color', link.color],
    ['icon', link.icon ?? 'fingerprint'],
    ['url', link.url],
  ];
  return `${scheme}:${params.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&')}`;
}
