// Timestamps in files the AWS CLI writes, read as botocore reads them (dateutil): `...Z`, `...+00:00`, and the
// `...UTC` form older AWS CLI v2 releases wrote into the SSO token cache. A time without a zone is UTC: the
// AWS CLI writes UTC, and JavaScript would read it as local time.
const NAMED_UTC = /\s*(?:UTC|GMT)$/i;
const HAS_ZONE = /(?:Z|[+-]\d\d:?\d\d)$/i;

/** Milliseconds since the epoch, or NaN. */
export function parseAwsTimestamp(text: string): number {
  let t = text.trim();
  if (NAMED_UTC.test(t)) t = `${t.replace(NAMED_UTC, '')}Z`;
  else if (/T\d/.test(t) && !HAS_ZONE.test(t)) t = `${t}Z`;
  return Date.parse(t);
}
