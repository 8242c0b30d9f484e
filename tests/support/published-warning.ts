import type { Warning } from '../../core/domain/warning.js';

/** A warning published to org-a, for store tests; `changes` make it the warning a test needs. */
export function publishedWarning(id: string, changes: Partial<Warning> = {}): Warning {
  return {
    id,
    title: `Warnung ${id}`,
    summary: 's',
    details: '',
    products: [],
    measures: [],
    severity: 'hoch',
    tlp: 'TLP:AMBER',
    audience: { kind: 'organisations', organizationIds: ['org-a'] },
    recipientUserIds: [],
    indicators: [],
    incidentId: null,
    requiresApproval: false,
    status: 'published',
    createdBy: 'analyst',
    approvedBy: null,
    approvedAt: null,
    publishedBy: 'analyst',
    publishedAt: '2025-03-01T12:00:00.000Z',
    trackingId: `SAXCERT-2025-${id}`,
    organizationIds: ['org-a'],
    createdAt: `2025-03-01T12:00:0${id.slice(-1)}.000Z`,
    updatedAt: '2025-03-01T12:00:00.000Z',
    version: 1,
    ...changes,
  };
}
