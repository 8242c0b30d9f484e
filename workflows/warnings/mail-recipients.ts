import type { Organisation } from '../../core/domain/organisation.js';
import { organisationScope } from '../../core/domain/scope.js';
import type { User } from '../../core/domain/user.js';
import type { Warning } from '../../core/domain/warning.js';
import type { UserStore } from '../../core/ports/stores.js';

/**
 * Who of an organisation gets the warning by mail: its ISB contacts and its active officers and
 * recipients; for TLP:RED only the named people, because the label allows no one else.
 */
export async function mailRecipients(users: UserStore, organisation: Organisation, warning: Warning): Promise<string[]> {
  const members = (await users.list(organisationScope(organisation.id))).filter((user) => !user.disabled && (user.role === 'officer' || user.role === 'recipient'));
  if (warning.tlp === 'TLP:RED') return unique(members.filter((user) => warning.recipientUserIds.includes(user.id)).map(emailOf));
  return unique([...organisation.contacts.filter((contact) => contact.role === 'isb').map((contact) => contact.email), ...members.map(emailOf)]);
}

function emailOf(user: User): string {
  return user.email;
}

function unique(addresses: string[]): string[] {
  return [...new Set(addresses.filter((address) => address !== ''))];
}
