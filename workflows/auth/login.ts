import { LagebildError } from '../../core/errors.js';
import type { AuthContext } from './auth-settings.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { issueSession, type Session } from './session-tokens.js';

let dummyHash: Promise<string> | undefined;

/**
 * Checks the password against a throwaway hash when the user does not exist, so that an unknown
 * username costs the same time as a wrong password and answers with the same error.
 */
export async function login(context: AuthContext, input: { username: string; password: string; address: string }): Promise<Session> {
  const retryAfterMs = context.throttle.retryAfterMs(input.username, input.address);
  if (retryAfterMs > 0) {
    throw new LagebildError('login_locked', 'too many failed logins; try again later', {
      status: 429,
      details: { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) },
    });
  }
  const user = await context.store.users.findByUsername(input.username);
  dummyHash ??= hashPassword('not a password of anyone');
  const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  if (!user || user.disabled || !passwordMatches) {
    context.throttle.recordFailure(input.username, input.address);
    context.logger.warn({ username: input.username, address: input.address }, 'login failed');
    throw new LagebildError('invalid_credentials', 'username or password is wrong', { status: 401 });
  }
  context.throttle.recordSuccess(input.username);
  context.logger.info({ username: user.username, address: input.address }, 'login succeeded');
  return issueSession(context, user);
}
