import type { SpawnedLagebild } from './spawned-lagebild.js';

/** The only rule of these services: alerts then come from the probe events alone, never from the demo's replay. */
export const PROBE_RULE = `title: Probe event of the hostile-input tests
id: 7d0c2a4e-0f7a-4c59-9d2c-5d7f0f3b1a01
status: test
author: Lagebild project
date: '2026-12-02'
logsource:
  category: application
detection:
  selection:
    labels.probe: hostile-input
  condition: selection
level: medium
`;
export const PROBE_RULE_ID = '7d0c2a4e-0f7a-4c59-9d2c-5d7f0f3b1a01';

interface AlertPage {
  items: { organization: { id: string | null }; event_ids: string[]; rule: { id: string } }[];
  nextCursor?: string;
}

/**
 * A JSON event the probe rule fires on. Its host is the marker: repeats of one rule and entity fold
 * into one alert emitted later, so every probe event gets an entity of its own and an alert at once.
 */
export function probeEvent(marker: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { '@timestamp': new Date().toISOString(), message: `probe ${marker}`, host: { name: marker }, labels: { probe: 'hostile-input', marker }, ...extra };
}

/** Event ids behind the probe rule's alerts, per organisation id (`null` for unattributed). */
export async function probeEventsByOrganisation(service: SpawnedLagebild, token: string): Promise<Map<string | null, Set<string>>> {
  const byOrganisation = new Map<string | null, Set<string>>();
  let cursor: string | undefined;
  do {
    const page = await service.call<AlertPage>('GET', `/api/v1/alerts?rule=${PROBE_RULE_ID}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    for (const alert of page.items) {
      const ids = byOrganisation.get(alert.organization.id) ?? new Set<string>();
      for (const id of alert.event_ids) ids.add(id);
      byOrganisation.set(alert.organization.id, ids);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return byOrganisation;
}

export async function ingest(service: SpawnedLagebild, token: string, records: string[]): Promise<{ status: number; text: string }> {
  const response = await fetch(`${service.baseUrl}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body: records.join('\n') });
  return { status: response.status, text: await response.text() };
}

