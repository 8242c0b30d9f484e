import type { EcsEvent } from '../../core/domain/ecs.js';
import type { Organisation } from '../../core/domain/organisation.js';
import { createAttributor } from '../../collectors/attribution/attributor.js';
import { normaliseEvent } from '../../collectors/normalise-event.js';
import { autoParser } from '../../collectors/parsers/auto.js';
import type { GeneratedLine } from './generated-line.js';

export interface ParsedLines {
  events: EcsEvent[];
  /** Ground-truth label per event id, for lines an attack wrote. */
  labels: Map<string, string>;
  /** Stage per event id, for lines of a multi-stage intrusion. */
  stages: Map<string, string>;
  failed: number;
}

/**
 * Runs generated lines through the collector's own steps (auto parser, then id, ingest time and
 * organisation as the source token would give it), so detection sees exactly what the service sees.
 */
export function parseLines(lines: GeneratedLine[], organisations: Organisation[]): ParsedLines {
  const attributor = createAttributor(organisations);
  const events: EcsEvent[] = [];
  const labels = new Map<string, string>();
  const stages = new Map<string, string>();
  let failed = 0;
  for (const line of lines) {
    const receivedAt = new Date(line.arrivalMs ?? line.time + 500);
    const outcome = autoParser.parse(line.text, { receivedAt, peerAddress: '192.0.2.1' });
    if (!outcome.ok) {
      failed++;
      continue;
    }
    const event = normaliseEvent(outcome.event, receivedAt, attributor, { tokenOrganizationId: line.organizationId });
    events.push(event);
    if (line.label) labels.set(event.event.id, line.label);
    if (line.stage) stages.set(event.event.id, line.stage);
  }
  return { events, labels, stages, failed };
}
