import type { User } from '../../core/domain/user.js';

/** A user without the password hash: what audit entries and responses may contain. */
export function visibleUser(user: User): Omit<User, 'passwordHash'> {
  const copy: Partial<User> = { ...user };
  delete copy.passwordHash;
  return copy as Omit<User, 'passwordHash'>;
}
