// The credential shape every layer passes around. Secrets live only in these fields.
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Long-term IAM user keys (AKIA..., no session token): the only ones GetSessionToken/GetFederationToken accept. */
export function isLongTermKey(creds: Credentials): boolean {
  return !creds.sessionToken && creds.accessKeyId.startsWith('AKIA');
}

export function isTemporary(creds: Credentials): boolean {
  return Boolean(creds.sessionToken);
}
