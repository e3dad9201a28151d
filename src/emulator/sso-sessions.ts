// The role credentials the SSO emulator issued, as STS sees them: IAM Identity Center's roles are
// AWSReservedSSO_<permission set>_<suffix> under aws-reserved/sso.amazonaws.com/, and its sessions are named for
// the user. The STS emulator takes this as its resolveUnknownKey, so SSO keys work for STS and federation.
import type { SsoEmulator } from './sso-server.js';
import type { ExternalSession } from './sts-session.js';

export function ssoIssuedSessions(
  sso: Pick<SsoEmulator, 'issuedCredentials'>,
  options: { roleSuffix: string; sessionName: string },
): (accessKeyId: string) => ExternalSession | undefined {
  return (id) => {
    const c = sso.issuedCredentials.find((x) => x.accessKeyId === id);
    return (
      c && {
        accessKeyId: id,
        expiration: c.expiration,
        roleArn:
          `arn:aws:iam::${c.accountId}:role/aws-reserved/sso.amazonaws.com/` +
          `AWSReservedSSO_${c.roleName}_${options.roleSuffix}`,
        sessionName: options.sessionName,
      }
    );
  };
}
