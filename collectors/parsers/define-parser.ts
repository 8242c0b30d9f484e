import type { ParseContext, ParseOutcome, ParsedEvent, Parser } from './parser.js';

/** What a parser body returns: the event it recognised, or why it did not. */
export type ParseResult = ParsedEvent | string;

/**
 * Wraps a pure parse function as a Parser. The wrapper owns what every parser must guarantee, so no
 * single parser can forget it: a parser never throws (hostile input becomes a reason), every event
 * keeps the whole line in `event.original`, and the sending peer is recorded in `log.source.address`.
 */
export function defineParser(name: string, body: (line: string, context: ParseContext) => ParseResult): Parser {
  return {
    name,
    parse(line: string, context: ParseContext): ParseOutcome {
      let result: ParseResult;
      try {
        result = body(line, context);
      } catch (error) {
        return { ok: false, reason: `${name}: ${error instanceof Error ? error.message : 'parser failed'}` };
      }
      if (typeof result === 'string') return { ok: false, reason: `${name}: ${result}` };
      if (result.event.original === undefined) result.event.original = line;
      if (context.peerAddress !== undefined) {
        const log = (result.log ??= {}) as Record<string, unknown>;
        const source = (log.source ??= {}) as Record<string, unknown>;
        source.address ??= context.peerAddress;
      }
      return { ok: true, event: result };
    },
  };
}
