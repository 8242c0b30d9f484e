export type OrganisationKind = 'cert' | 'state' | 'municipal' | 'provider';
export type ReportingRegime = 'section16' | 'section17' | 'none';

export interface Contact {
  role: 'isb' | 'isb_deputy' | 'it' | 'head';
  name: string;
  email: string;
  phone?: string;
}

/** One body of the constituency registry. */
export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  networks: string[];
  domains: string[];
  contacts: Contact[];
  reportingRegime: ReportingRegime;
  critical: boolean;
}
