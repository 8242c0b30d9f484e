import { LagebildError } from '../../core/errors.js';
import type { AuthContext } from './auth-settings.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { issueSession, type Session } from './session-tokens.js';

let dummyHash: Promise<string> | undefined;

/**
 * The attempt is counted before the password is checked (see LoginThrottle). Checks the password
 * against a throwaway hash when the user does not exist, so that an unknown username costs the same
 * time as a wrong password and answers with the same error.
 */
export async function login(context: AuthContext, input: { username: string; password: string; address: string }): Promise<Session> {
  const attempt = await context.throttle.begin(input.username, input.address);
  const user = await context.store.users.findByUsername(input.username);
  dummyHash ??= hashPassword('not a password of anyone');
  const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  if (!user || user.disabled || !passwordMatches) {
    context.logger.warn({ username: input.username, address: input.address }, 'login failed');
    throw new LagebildError('invalid_credentials', 'username or password is wrong', { status: 401 });
  }
  await context.throttle.succeeded(input.username, attempt);
  context.logger.info({ username: user.username, address: input.address }, 'login succeeded');
  return issueSession(context, user);
}
