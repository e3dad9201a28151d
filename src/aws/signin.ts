// AWS Sign-In's CreateOAuth2Token with the refresh_token grant, as the AWS CLI and the JS SDK refresh an
// `aws login` session: the SDK's signin client (unsigned: a public devtools client), with a DPoP proof
// (RFC 9449) made from the session's P-256 key on every request.
import { createPrivateKey, createPublicKey, randomUUID, sign } from 'node:crypto';
import { CreateOAuth2TokenCommand, SigninClient } from '@aws-sdk/nested-clients/signin';
import { HttpRequest } from '@smithy/core/protocols';
import type { Clock } from '../config/clock.js';
import { sdkConfig } from './clients.js';
import { AwsCallError, describeAwsError } from './errors.js';

export interface RefreshedLogin {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** The DPoP proof for a POST to `url`, signed with the PEM (SEC1 or PKCS#8) EC key. */
export function dpopProof(keyPem: string, url: string, now: number): string {
  const key = createPrivateKey(keyPem);
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', x: jwk.x, y: jwk.y, crv: 'P-256' } };
  const payload = { htm: 'POST', htu: url, iat: Math.floor(now / 1000), jti: randomUUID() };
  const base64url = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

export async function refreshLogin(
  params: { region: string; clientId: string; refreshToken: string; dpopKey: string; profile?: string; who: string },
  clock: Clock,
  signal?: AbortSignal,
): Promise<RefreshedLogin> {
  const client = new SigninClient({
    ...sdkConfig('signin', { region: params.region, ...(params.profile ? { profile: params.profile } : {}) }),
    maxAttempts: 3,
    retryMode: 'standard',
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      if (HttpRequest.isInstance(args.request)) {
        const r = args.request;
        const url = `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path}`;
        r.headers = { ...r.headers, DPoP: dpopProof(params.dpopKey, url, clock.now()) };
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'awsxDpop', override: true },
  );
  try {
    const out = await client.send(
      new CreateOAuth2TokenCommand({
        tokenInput: { clientId: params.clientId, grantType: 'refresh_token', refreshToken: params.refreshToken },
      }),
      { abortSignal: signal },
    );
    const t = out.tokenOutput;
    const a = t?.accessToken;
    if (!a?.accessKeyId || !a.secretAccessKey || !a.sessionToken || !t?.refreshToken)
      throw new Error('AWS Sign-In answered without credentials');
    return {
      accessKeyId: a.accessKeyId,
      secretAccessKey: a.secretAccessKey,
      sessionToken: a.sessionToken,
      refreshToken: t.refreshToken,
      expiresIn: t.expiresIn ?? 900,
    };
  } catch (error) {
    const e = error as { name?: string; error?: string };
    if (e.name === 'AccessDeniedException') {
      const reason =
        e.error === 'TOKEN_EXPIRED'
          ? 'the aws login session has expired'
          : e.error === 'USER_CREDENTIALS_CHANGED'
            ? 'the aws login session ended because the password changed'
            : e.error === 'INSUFFICIENT_PERMISSIONS'
              ? 'the aws login session may not refresh (missing permission for signin:CreateOAuth2Token)'
              : `AWS Sign-In refused the refresh (${e.error ?? 'AccessDenied'})`;
      throw new AwsCallError(`${params.who}${reason}`, e.error ?? 'AccessDeniedException', {
        hint: `run aws login${params.profile ? ` --profile ${params.profile}` : ''}`,
        cause: error,
      });
    }
    throw describeAwsError(error, {
      service: 'AWS Sign-In',
      action: 'refreshing the aws login session',
      ...(params.profile ? { profile: params.profile } : {}),
    });
  }
}
