import type { Clock } from '../../core/clock.js';
import { ALL } from '../../core/domain/scope.js';
import type { Role } from '../../core/domain/user.js';
import type { Store } from '../../core/ports/stores.js';
import { createUser } from './create-user.js';

type Deps = { store: Pick<Store, 'users' | 'organisations' | 'audit'>; clock: Clock };

/**
 * First start without demo: there are no default credentials, so an `admin` with a random one-time
 * password is created and the password returned for the caller to print once. Later starts, with
 * any user present, return undefined.
 */
export async function ensureAdmin(store: Deps['store'], clock: Clock): Promise<{ username: string; password: string } | undefined> {
  if ((await store.users.list(ALL)).length > 0) return undefined;
  const { oneTimePassword } = await createUser({ store, clock }, 'system', {
    username: 'admin',
    displayName: 'Administrator',
    email: 'admin@localhost',
    role: 'admin',
    organizationId: null,
  });
  return { username: 'admin', password: oneTimePassword! };
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
}

/** `--demo` only: the demo users with one shared, printed password; existing usernames are left alone. */
export async function ensureDemoUsers(store: Deps['store'], clock: Clock, password: string, users: readonly DemoUser[]): Promise<void> {
  for (const demo of users) {
    if (await store.users.findByUsername(demo.username)) continue;
    await createUser({ store, clock }, 'system', {
      ...demo,
      email: `${demo.username}@demo.invalid`,
      password,
      mustChangePassword: false,
    });
  }
}
