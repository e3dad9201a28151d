// GetCallerIdentity for a session the picker holds ('i').
import type { Session } from './credential-engine.js';

export async function callerIdentity(session: Session): Promise<{ account: string; arn: string }> {
  const { getCallerIdentity } = await import('../aws/sts.js');
  return getCallerIdentity(session.credentials, {
    region: session.region ?? 'us-east-1',
    ...(session.profile ? { profile: session.profile } : {}),
    context: { profile: session.profile, action: 'calling GetCallerIdentity' },
  });
}
