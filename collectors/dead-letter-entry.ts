/** Below Kafka's default message size limit (1 MB) with room for key and headers: the largest event or dead letter the collector publishes. */
export const MAX_BUS_MESSAGE_BYTES = 900_000;

export interface DeadLetterContext {
  reason: string;
  stage: string;
  transport: string;
  peer: string | null;
  organization_id: string | null;
  received_at: string;
}

/**
 * The dead-letter document of one message: its whole original text and why it was refused. Only an
 * original that would make the entry larger than the bus takes (possible when operators raise the
 * line limit, since JSON escaping makes a control character six bytes) is cut, and the entry says
 * so with the original's length, so that dead-lettering itself can never be refused and retried forever.
 */
export function deadLetterEntry(original: string, context: DeadLetterContext): string {
  const whole = JSON.stringify({ ...context, original });
  if (whole.length <= MAX_BUS_MESSAGE_BYTES / 3 || Buffer.byteLength(whole) <= MAX_BUS_MESSAGE_BYTES) return whole;
  // Six bytes per character is the worst case of JSON escaping, so the cut always fits.
  const kept = original.slice(0, Math.floor(MAX_BUS_MESSAGE_BYTES / 6) - 1_000);
  return JSON.stringify({ ...context, original: kept, original_truncated: true, original_length: original.length });
}
