// The ext+container: link of "Open external links in a container": exact form and encoding, checked by
// reading it back the way the extension does (Firefox escapes the whole link into the opener page's hash;
// the extension decodeURIComponent()s the hash, strips the scheme and parses the rest with URLSearchParams).
import { describe, expect, it } from 'vitest';
import { containerUrl, encodeValue } from '../../../src/console/firefox-container.js';

/** What the extension's parser (src/js/opener/parser.js) gets out of a link Firefox handed it. */
function asTheExtensionReadsIt(link: string, scheme = 'ext+container:'): Record<string, string> {
  const hash = `#${encodeURIComponent(link)}`; // Firefox's %s in the handler's uriTemplate "/opener.html#%s"
  const uri = decodeURIComponent(hash.substring(1));
  expect(uri.startsWith(scheme)).toBe(true);
  return Object.fromEntries(new URLSearchParams(uri.substring(scheme.length)));
}

const SIGNIN =
  'https://signin.aws.amazon.com/federation?Action=login&Issuer=awsx&Destination=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-west-1&SigninToken=Ab-c_D%2Be%3D';

describe('Firefox container links', () => {
  it('has the documented form: name, color, icon, url, each percent-encoded (unreserved kept)', () => {
    expect(containerUrl({ name: 'prod', color: 'red', url: 'https://example.com/a?b=1&c=2#x' })).toBe(
      'ext+container:name=prod&color=red&icon=fingerprint&url=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1%26c%3D2%23x',
    );
    expect(encodeValue("a b+c&d=e%f#g'h(i)*!~._-")).toBe('a%20b%2Bc%26d%3De%25f%23g%27h%28i%29%2A%21~._-');
  });

  it('the extension reads back exactly the sign-in URL and the identity name, whatever they hold', () => {
    for (const name of [
      'prod',
      'sso:111111111111/AdministratorAccess',
      'arn:aws:iam::123456789012:role/a+b=c',
      'équipe prod & co',
      'x%41y',
    ]) {
      const link = containerUrl({ name, color: 'purple', icon: 'briefcase', url: SIGNIN });
      expect(link).toMatch(/^ext\+container:name=[A-Za-z0-9%._~-]+&color=purple&icon=briefcase&url=[A-Za-z0-9%._~-]+$/);
      expect(asTheExtensionReadsIt(link)).toEqual({ name, color: 'purple', icon: 'briefcase', url: SIGNIN });
    }
  });

  it("granted's fork of the extension: the same form under ext+granted-containers:", () => {
    const link = containerUrl({ name: 'dev', color: 'blue', url: SIGNIN, extension: 'granted' });
    expect(
      link.startsWith(
        'ext+granted-containers:name=dev&color=blue&icon=fingerprint&url=https%3A%2F%2Fsignin.aws.amazon.com',
      ),
    ).toBe(true);
    expect(asTheExtensionReadsIt(link, 'ext+granted-containers:').url).toBe(SIGNIN);
  });
});
