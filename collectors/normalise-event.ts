import type { EcsEvent } from '../core/domain/ecs.js';
import { deterministicId, newId } from '../core/ids.js';
import type { Attributor } from './attribution/attributor.js';
import { isoTime } from './iso-time.js';
import type { ParsedEvent } from './parsers/parser.js';

/** Where the collector got the message from: decided by the collector, never by the message. */
export interface MessageOrigin {
  /** The sending peer (syslog); its address replaces whatever `log.source.address` the message claims. */
  peerAddress?: string;
  /** The organisation the source token is bound to (HTTP ingest); overrides address attribution. */
  tokenOrganizationId?: string;
}

/**
 * The collector's last step. The fields the service owns are set here whatever the message said:
 * the organisation (the source token's if given, else by the constituency's networks), the ingest
 * time and the id. A sender's own `event.id` is kept only inside its organisation's namespace, so a
 * forwarder that resends a batch lands on the same events while no sender can name, and so
 * overwrite, another source's event.
 */
export function normaliseEvent(parsed: ParsedEvent, receivedAt: Date, attributor: Attributor, origin: MessageOrigin = {}): EcsEvent {
  const event = parsed as EcsEvent;
  delete event.organization;
  if (origin.peerAddress !== undefined) {
    const log = (event.log ??= {}) as Record<string, unknown>;
    // The parser's own object (define-parser made sure there is one), written in place: a copy per event cost more than the rest of this function.
    if (isRecord(log.source)) log.source.address = origin.peerAddress;
    else log.source = { address: origin.peerAddress };
  }
  const organisation = origin.tokenOrganizationId ? (attributor.byId(origin.tokenOrganizationId) ?? { organizationId: origin.tokenOrganizationId, organizationName: undefined }) : attributor.attribute(event);
  if (organisation) event.organization = { id: organisation.organizationId, ...(organisation.organizationName ? { name: organisation.organizationName } : {}) };
  const senderId: unknown = event.event.id;
  const namespace = organisation?.organizationId ?? origin.peerAddress ?? '';
  event.event.id = typeof senderId === 'string' && senderId !== '' ? deterministicId('sender-event', namespace, senderId) : newId();
  event.event.ingested = ingestedTime(receivedAt.getTime());
  const direction = attributor.direction(stringOrUndefined(event.source?.ip), stringOrUndefined(event.destination?.ip));
  if (direction) event.network = { ...(isRecord(event.network) ? event.network : {}), direction };
  return event;
}

/** The messages of a batch share their receive time: its text is made once, not per event. */
let lastIngestedMillis = Number.NaN;
let lastIngested = '';

function ingestedTime(millis: number): string {
  if (millis !== lastIngestedMillis) {
    lastIngested = isoTime(millis);
    lastIngestedMillis = millis;
  }
  return lastIngested;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
