import type { EcsEvent } from '../core/domain/ecs.js';
import { newId } from '../core/ids.js';
import type { Attributor } from './attribution/attributor.js';
import type { ParsedEvent } from './parsers/parser.js';

/**
 * The collector's last step: the event gets its permanent id (unless the source sent one), its
 * ingest time, its organisation (the source token's if given, else by address) and its direction.
 */
export function normaliseEvent(parsed: ParsedEvent, receivedAt: Date, attributor: Attributor, tokenOrganizationId?: string): EcsEvent {
  const event = parsed as EcsEvent;
  event.event.id ||= newId();
  event.event.ingested = receivedAt.toISOString();
  const organisation = tokenOrganizationId ? (attributor.byId(tokenOrganizationId) ?? { organizationId: tokenOrganizationId, organizationName: undefined }) : attributor.attribute(event);
  if (organisation) event.organization = { id: organisation.organizationId, ...(organisation.organizationName ? { name: organisation.organizationName } : {}) };
  const direction = attributor.direction(event.source?.ip, event.destination?.ip);
  if (direction) event.network = { ...event.network, direction };
  return event;
}
