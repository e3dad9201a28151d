// IAM users and their keys in moto, for the keyring tests: users with a policy, keys created as an
// administrator would, and moto's request authentication (SigV4 signatures and IAM policies checked for
// every call, as AWS does) switched on and off.
import { startMoto, type Moto } from './moto.js';

/** A signature-shaped header moto accepts while authentication is off (the admin's calls in setup). */
const ADMIN =
  'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0';

export const SELF_SERVICE = [
  'sts:GetSessionToken',
  'sts:GetCallerIdentity',
  'iam:ListAccessKeys',
  'iam:CreateAccessKey',
  'iam:DeleteAccessKey',
];

export interface IamKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface IamWorld {
  moto: Moto;
  /** Creates a user allowed `actions` (default: self-service of keys and STS sessions) with one key. */
  user(name: string, actions?: string[]): Promise<IamKey>;
  /** An extra key for a user, as an administrator would make it. */
  addKey(name: string): Promise<IamKey>;
  /** The user's key ids in IAM now. */
  keys(name: string): Promise<string[]>;
  /** Every request is signed-checked and policy-checked from now on (moto's reset-auth). */
  authOn(): Promise<void>;
  authOff(): Promise<void>;
}

async function call(url: string, action: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: ADMIN },
    body: new URLSearchParams({ Action: action, Version: '2010-05-08', ...params }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`moto ${action}: ${res.status} ${text.slice(0, 300)}`);
  return text;
}

const tag = (xml: string, name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)![1]!;

export async function startIamWorld(): Promise<IamWorld> {
  const moto = await startMoto();
  let auth = false;
  const setAuth = async (on: boolean): Promise<void> => {
    const res = await fetch(`${moto.url}/moto-api/reset-auth`, { method: 'POST', body: on ? '0' : 'inf' });
    if (!res.ok) throw new Error(`reset-auth: ${res.status}`);
  };
  /** An administrator's call: made with authentication off, which is then restored. */
  const admin = async (action: string, params: Record<string, string>): Promise<string> => {
    if (auth) await setAuth(false);
    try {
      return await call(moto.url, action, params);
    } finally {
      if (auth) await setAuth(true);
    }
  };
  const addKey = async (name: string): Promise<IamKey> => {
    const xml = await admin('CreateAccessKey', { UserName: name });
    return { accessKeyId: tag(xml, 'AccessKeyId'), secretAccessKey: tag(xml, 'SecretAccessKey') };
  };
  return {
    moto,
    addKey,
    async user(name, actions = SELF_SERVICE) {
      await admin('CreateUser', { UserName: name });
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
      });
      await admin('PutUserPolicy', { UserName: name, PolicyName: 'self', PolicyDocument: policy });
      return addKey(name);
    },
    async keys(name) {
      const xml = await admin('ListAccessKeys', { UserName: name });
      return [...xml.matchAll(/<AccessKeyId>([^<]*)<\/AccessKeyId>/g)].map((m) => m[1]!);
    },
    authOn: async () => {
      await setAuth(true);
      auth = true;
    },
    authOff: async () => {
      await setAuth(false);
      auth = false;
    },
  };
}
