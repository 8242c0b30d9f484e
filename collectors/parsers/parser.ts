import type { DraftEcsEvent } from '../../core/domain/ecs.js';

export interface ParseContext {
  receivedAt: Date;
  /** Address of the sending peer. */
  peerAddress?: string;
  /** IANA zone of senders that write local time without a zone (Windows DHCP and DNS logs); absent: this process's zone. */
  timeZone?: string;
}

/** A parsed event has no id, no ingest time and no organisation yet: the collector adds those. */
export type ParsedEvent = DraftEcsEvent;

export type ParseOutcome = { ok: true; event: ParsedEvent } | { ok: false; reason: string };

export interface Parser {
  readonly name: string;
  parse(line: string, context: ParseContext): ParseOutcome;
}
