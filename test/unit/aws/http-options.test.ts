// Proxy and CA settings read as the AWS CLI reads them, and the faults around them; the instance metadata
// switch, the container endpoint with a token file, services sections, the aws login cache's fields.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import { bypassesProxy, environmentProxies, handlerOptions, proxyFor } from '../../../src/aws/http-options.js';
import { instanceCredentials } from '../../../src/aws/instance-credentials.js';
import { serviceSettings } from '../../../src/config/endpoints.js';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { loginCredentials, loginTokenPath } from '../../../src/credentials/login-session.js';

const dir = mkdtempSync(join(tmpdir(), 'awsx-http-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("proxies from the environment, as Python's urllib reads them", () => {
  it('lower case wins; an empty lower-case name unsets; HTTP_PROXY is dropped under CGI', () => {
    expect(
      Object.fromEntries(
        environmentProxies({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'http://h:3' }),
      ),
    ).toEqual({ https: 'http://lower:2', http: 'http://h:3' });
    expect(environmentProxies({ HTTPS_PROXY: 'http://upper:1', https_proxy: '' }).has('https')).toBe(false);
    expect(environmentProxies({ HTTP_PROXY: 'http://h:3', REQUEST_METHOD: 'GET' }).has('http')).toBe(false);
  });

  it.each([
    ['sts.us-east-1.amazonaws.com', '*', true],
    ['sts.us-east-1.amazonaws.com', 'amazonaws.com', true],
    ['sts.us-east-1.amazonaws.com', '.amazonaws.com', true],
    ['sts.us-east-1.amazonaws.com', 'AMAZONAWS.COM', true],
    ['notamazonaws.com', 'amazonaws.com', false],
    ['127.0.0.1:8443', '127.0.0.1', true],
    ['127.0.0.1:8443', '127.0.0.1:8443', true],
    ['127.0.0.1:8443', '127.0.0.1:9', false],
    ['10.0.0.1', '10.0.0.0/8', false],
    ['example.com', ' , example.com ', true],
  ])('NO_PROXY: %s with %j bypasses: %s', (host, noProxy, expected) =>
    expect(bypassesProxy(host, noProxy)).toBe(expected),
  );

  it("chooses by the endpoint's scheme; a proxy without a scheme is http://", () => {
    const env = { https_proxy: 'proxy.corp:3128', NO_PROXY: 'internal' };
    expect(proxyFor(new URL('https://sts.us-east-1.amazonaws.com/'), env)).toBe('http://proxy.corp:3128');
    expect(proxyFor(new URL('http://sts.us-east-1.amazonaws.com/'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://sts.internal/'), env)).toBeUndefined();
  });

  it("no proxy and no bundle: the SDK's own agents; an unreadable bundle is one clear error", () => {
    expect(handlerOptions({})).toEqual({ connectionTimeout: 3000, requestTimeout: 10000, throwOnRequestTimeout: true });
    expect(() => handlerOptions({}, join(dir, 'missing.pem'))).toThrow(
      /^the CA bundle .*missing\.pem \(AWS_CA_BUNDLE or ca_bundle\) cannot be read: ENOENT$/,
    );
  });
});

describe('endpoint settings', () => {
  it('services = NAME without its section is an error naming both', () => {
    const files = parseAwsFiles('[profile p]\nservices = nope\n', '');
    expect(() => serviceSettings('sts', files, 'p', {})).toThrow(
      'profile "p": services = nope, but there is no [services nope] section',
    );
  });
  it('FIPS and dual-stack: environment first, only "true" is true', () => {
    const files = parseAwsFiles('[profile p]\nuse_fips_endpoint = TRUE\nuse_dualstack_endpoint = yes\n', '');
    expect(serviceSettings('sts', files, 'p', {})).toMatchObject({ useFips: true, useDualstack: false });
    expect(serviceSettings('sts', files, 'p', { AWS_USE_FIPS_ENDPOINT: 'false' })).toMatchObject({ useFips: false });
  });
});

describe('credential_source', () => {
  it('IMDS off: Ec2InstanceMetadata fails at once without a request', async () => {
    await expect(
      instanceCredentials('Ec2InstanceMetadata', 'p', { AWS_EC2_METADATA_DISABLED: 'TRUE' }),
    ).rejects.toThrow(/AWS_EC2_METADATA_DISABLED=true turns the instance metadata service off/);
  });

  it('container: the token comes from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (issue 17, item 7)', async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          AccessKeyId: 'ASIACONTAINERCONTAIN',
          SecretAccessKey: 's',
          Token: 't',
          Expiration: new Date(Date.now() + 3600_000).toISOString(),
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'the-token-from-the-file');
    try {
      const env = {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${(server.address() as AddressInfo).port}/creds`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
      };
      await expect(instanceCredentials('EcsContainer', 'p', env)).resolves.toMatchObject({
        accessKeyId: 'ASIACONTAINERCONTAIN',
      });
      expect(seen).toEqual(['the-token-from-the-file']);
    } finally {
      server.close();
    }
    await expect(instanceCredentials('EcsContainer', 'p', {})).rejects.toThrow(
      /neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set/,
    );
  });
});

describe('aws login cache', () => {
  it('a cache file without the fields the AWS CLI requires is an error naming them', async () => {
    const env = { HOME: dir, AWS_LOGIN_CACHE_DIRECTORY: join(dir, 'login') };
    const root = { kind: 'login' as const, profile: 'me', session: 'arn:aws:iam::111111111111:user/me' };
    const path = loginTokenPath(root.session, env);
    await import('node:fs').then((fs) => fs.mkdirSync(join(dir, 'login'), { recursive: true }));
    writeFileSync(
      path,
      JSON.stringify({
        accessToken: { accessKeyId: 'A', secretAccessKey: 'B', sessionToken: 'C', accountId: '1' },
        refreshToken: 'r',
        dpopKey: 'k',
      }),
    );
    await expect(loginCredentials(root, env, systemClock)).rejects.toThrow(
      /the aws login cache .* lacks clientId, accessToken\.expiresAt$/,
    );
  });
});
