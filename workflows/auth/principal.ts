import { ALL, organisationScope, type Scope } from '../../core/domain/scope.js';
import type { Role } from '../../core/domain/user.js';
import { LagebildError } from '../../core/errors.js';

/** The authenticated caller, as every use case receives it. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  organizationId: string | null;
  scope: Scope;
}

/** CERT staff see every organisation; everyone else only their own. */
export function principalScope(role: Role, organizationId: string | null): Scope {
  if (role === 'admin' || role === 'analyst') return ALL;
  // An officer without an organisation would otherwise fall through to seeing nothing or, worse, everything.
  if (!organizationId) throw new LagebildError('forbidden', 'this account has no organisation', { status: 403 });
  return organisationScope(organizationId);
}
