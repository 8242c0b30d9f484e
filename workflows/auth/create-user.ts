import type { Clock } from '../../core/clock.js';
import { ALL } from '../../core/domain/scope.js';
import type { Role, User } from '../../core/domain/user.js';
import { ConflictError, LagebildError, ValidationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Store } from '../../core/ports/stores.js';
import { auditChange } from '../triage/audit-change.js';
import { hashPassword, type ScryptCost } from './password-hash.js';
import { assertAcceptablePassword, oneTimePassword } from './password-policy.js';
import { visibleUser } from './visible-user.js';

export interface NewUser {
  username: string;
  displayName: string;
  email: string;
  role: Role;
  organizationId: string | null;
  /** Omitted: a one-time password is generated and returned. */
  password?: string;
  /** False only for users whose password nobody else knows (demo users with a chosen password). */
  mustChangePassword?: boolean;
}

export interface UserDeps {
  store: Pick<Store, 'users' | 'organisations' | 'audit'>;
  clock: Clock;
  passwordCost?: ScryptCost;
}

/** Officers and recipients belong to an existing organisation; CERT staff may or may not. */
export async function assertOrganisationFits(deps: UserDeps, role: Role, organizationId: string | null): Promise<void> {
  if ((role === 'officer' || role === 'recipient') && !organizationId) {
    throw new ValidationError(`a ${role} needs an organisation`, [{ path: 'organizationId', message: 'required for this role' }]);
  }
  if (organizationId && !(await deps.store.organisations.get(organizationId, ALL))) {
    throw new ValidationError('unknown organisation', [{ path: 'organizationId', message: `no organisation ${organizationId}` }]);
  }
}

const usernameTaken = (username: string) => new LagebildError('username_taken', `username ${username} is taken (usernames are compared without regard to case)`, { status: 409 });

export async function createUser(deps: UserDeps, actor: string, input: NewUser): Promise<{ user: User; oneTimePassword?: string }> {
  await assertOrganisationFits(deps, input.role, input.organizationId);
  if (input.password !== undefined) assertAcceptablePassword(input.password);
  if (await deps.store.users.findByUsername(input.username)) throw usernameTaken(input.username);
  const generated = input.password === undefined ? oneTimePassword() : undefined;
  const user: User = {
    id: newId(),
    username: input.username,
    displayName: input.displayName,
    email: input.email,
    role: input.role,
    organizationId: input.organizationId,
    passwordHash: await hashPassword(input.password ?? generated!, deps.passwordCost),
    disabled: false,
    mustChangePassword: input.mustChangePassword ?? true,
    createdAt: deps.clock.now().toISOString(),
  };
  try {
    await deps.store.users.upsert(user);
  } catch (error) {
    // A new id can only collide on the username: another request took it since the lookup above.
    if (error instanceof ConflictError) throw usernameTaken(input.username);
    throw error;
  }
  await auditChange(deps, actor, { action: 'user.create', objectType: 'user', objectId: user.id, after: visibleUser(user), organizationId: user.organizationId });
  return generated === undefined ? { user } : { user, oneTimePassword: generated };
}
