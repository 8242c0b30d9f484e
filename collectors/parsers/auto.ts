import { combinedAccessLogParser } from './access-log.js';
import { bindParser } from './bind.js';
import { cefParser } from './cef.js';
import { defineParser } from './define-parser.js';
import { fortigateParser } from './fortigate.js';
import { jsonParser } from './json.js';
import { kvParser } from './kv.js';
import type { ParseContext, ParseOutcome, Parser } from './parser.js';
import { rfc3164Parser } from './rfc3164.js';
import { rfc5424Parser } from './rfc5424.js';
import { squidParser } from './squid.js';
import { suricataParser } from './suricata.js';
import { isRfc5424 } from './syslog/is-rfc5424.js';

// Cheap looks at the start of the line only: the chosen parser does the real validation.
// FortiOS gives every log a ten-digit log id; FortiManager writes it as log_id.
const FORTIGATE = /(?:^|[\s>])log_?id="?\d{10}["\s]/;
const KEY_VALUES = /^(?:<\d{1,3}>)?\s*(?:date=|devname=|logver=|eventtime=)/;
const SQUID = /^\d{9,11}\.\d{3} +\d+ /;
const BIND_FILE = /^\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}/;
const ACCESS_LOG = /^\S{1,255} \S{1,255} \S{1,255} \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:/;

function choose(line: string): Parser {
  const head = line.slice(0, 512);
  if (head.startsWith('{')) return head.includes('"event_type"') ? suricataParser : jsonParser;
  if (head.includes('CEF:')) return cefParser;
  if (FORTIGATE.test(head)) return fortigateParser;
  if (KEY_VALUES.test(head)) return kvParser;
  if (isRfc5424(head)) return rfc5424Parser;
  if (head.startsWith('<')) return rfc3164Parser;
  if (SQUID.test(head)) return squidParser;
  if (BIND_FILE.test(head)) return bindParser;
  if (ACCESS_LOG.test(head)) return combinedAccessLogParser;
  return rfc3164Parser;
}

/** Picks the parser from the shape of the line; the outcome names the parser that was used. */
export const autoParser: Parser = defineParser('auto', (line: string, context: ParseContext) => {
  const outcome: ParseOutcome = choose(line).parse(line, context);
  return outcome.ok ? outcome.event : outcome.reason;
});
