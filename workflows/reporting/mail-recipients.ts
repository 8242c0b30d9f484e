import type { Contact, Organisation } from '../../core/domain/organisation.js';
import { ALL } from '../../core/domain/scope.js';
import type { OrganisationStore } from '../../core/ports/stores.js';
import type { ReportingSettings } from './reporting-settings.js';

export function contactAddresses(organisation: Organisation | undefined, role: Contact['role']): string[] {
  return (organisation?.contacts ?? []).filter((contact) => contact.role === role).map((contact) => contact.email);
}

/** The configured CERT addresses, else every contact of the organisations of kind `cert`. */
export async function certAddresses(organisations: OrganisationStore, settings: ReportingSettings): Promise<string[]> {
  if (settings.certAddresses.length > 0) return settings.certAddresses;
  const certs = (await organisations.list(ALL)).filter((organisation) => organisation.kind === 'cert');
  return [...new Set(certs.flatMap((organisation) => organisation.contacts.map((contact) => contact.email)))];
}
