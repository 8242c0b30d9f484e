import type { Organisation } from '../../../core/domain/organisation.js';

export function presentOrganisation(organisation: Organisation) {
  return {
    id: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    parentId: organisation.parentId,
    networks: organisation.networks,
    domains: organisation.domains,
    contacts: organisation.contacts,
    reportingRegime: organisation.reportingRegime,
    critical: organisation.critical,
  };
}
