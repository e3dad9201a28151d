// Reads who signed a request from its SigV4 fields (the Authorization header, or X-Amz-* query parameters of
// a presigned request). Signatures are NOT verified: the emulators only need the caller's access key id.
import type { IncomingHttpHeaders } from 'node:http';

export interface Sigv4Caller {
  accessKeyId: string;
  /** Credential scope parts: yyyymmdd, region, service. */
  date: string;
  region: string;
  service: string;
  /** X-Amz-Security-Token, for temporary credentials. */
  sessionToken?: string;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The caller of a request, or undefined when it is unsigned (or the Credential field is malformed). */
export function readSigv4(headers: IncomingHttpHeaders, query: URLSearchParams): Sigv4Caller | undefined {
  const auth = header(headers, 'authorization');
  let credential: string | undefined;
  if (auth?.startsWith('AWS4-HMAC-SHA256')) credential = /Credential=([^,\s]+)/.exec(auth)?.[1];
  else credential = query.get('X-Amz-Credential') ?? undefined;
  if (!credential) return undefined;
  // <key id>/<date>/<region>/<service>/aws4_request
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !parts[0]) return undefined;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  const token = header(headers, 'x-amz-security-token') ?? query.get('X-Amz-Security-Token') ?? undefined;
  return { accessKeyId, date, region, service, ...(token ? { sessionToken: token } : {}) };
}
