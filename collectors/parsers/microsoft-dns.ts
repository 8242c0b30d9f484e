import { isIP } from 'node:net';
import { defineParser, type ParseResult } from './define-parser.js';
import { dnsHeaderFlags } from './microsoft/dns-header-flags.js';
import { leadingTime } from './microsoft/dns-debug-time.js';
import { questionName } from './microsoft/dns-question-name.js';
import { processTimeZone, zonedMillis } from './local-time.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';

// After the time: thread ID, context, internal packet ID, UDP/TCP, Snd/Rcv, remote IP, Xid (hex),
// R for a response (blank for a query), opcode, [flags (hex), flag letters, response code],
// question type and question name (Microsoft's "Message logging key" at the top of dns.log).
const CONTEXT = /^([0-9A-Fa-f]{1,8}) ([A-Za-z]{1,16}) /;
const PACKET = /^ *([0-9A-Fa-f]{1,16}) +(UDP|TCP) +(Snd|Rcv) +([0-9A-Fa-f.:]{2,45}) +([0-9A-Fa-f]{1,4}) +(R )?([QNU?]) +\[([0-9A-Fa-f]{4}) ([ATDR ]{4}) +([A-Za-z0-9]{1,12})\](?: +([A-Za-z0-9]{1,12}) +(\S{1,1100}))? *$/;
const OPCODES: Record<string, string> = { Q: 'QUERY', N: 'NOTIFY', U: 'UPDATE' };

/**
 * Windows DNS server debug log lines (dns.log, "Log packets for debugging"): the PACKET lines, as ECS
 * `dns.*`. Elastic has no integration for this file (its microsoft_dnsserver reads the ETW analytical
 * log, whose ECS fields these follow). Times are the server's local time, read in
 * `context.timeZone`, else in the zone this process runs in.
 */
export function parseMicrosoftDns(line: string, context: ParseContext): ParseResult {
  const record = line.endsWith('\r') ? line.slice(0, -1) : line;
  const time = leadingTime(record);
  if (time === undefined) return 'not a DNS debug log line (no date and time at the start): header, key or packet detail lines carry none';
  const head = CONTEXT.exec(record.slice(time.end));
  if (!head) return 'not a DNS debug log line (no thread ID and context after the time)';
  if (head[2] !== 'PACKET') return `DNS debug log line of context ${head[2]}, not a packet`;
  const packet = PACKET.exec(record.slice(time.end + head[0].length));
  if (!packet) return 'DNS debug log PACKET line without the documented fields (protocol, direction, remote IP, Xid, opcode, [flags], question)';
  const [, , transport, direction, remote, xid, response, opcode, flagsHex, flagLetters, responseCode, questionType, name] = packet as unknown as (string | undefined)[];
  if (isIP(remote!) === 0) return `DNS debug log PACKET line with a remote address that is not an IP address: ${remote}`;
  const timeZone = context.timeZone ?? processTimeZone();
  const millis = zonedMillis(time.wall, timeZone);
  if (millis === undefined) return `impossible date at the start or unknown time zone "${timeZone}"`;
  const isResponse = response !== undefined;
  const received = direction === 'Rcv';
  // The remote end is the client when it sends a query or is sent the answer; otherwise it is a
  // server this DNS server asks (recursion, forwarding, zone transfer).
  const remoteIsClient = received !== isResponse;
  const rcode = responseCode!.toUpperCase();
  const event: ParsedEvent = {
    '@timestamp': new Date(millis).toISOString(),
    event: { kind: 'event', module: 'microsoft_dnsserver', dataset: 'microsoft_dnsserver.debug', category: ['network'], type: ['protocol'], timezone: timeZone },
  };
  return mergeFields(event, {
    event: { outcome: isResponse ? (rcode === 'NOERROR' ? 'success' : 'failure') : undefined },
    network: { transport: transport!.toLowerCase(), protocol: 'dns' },
    source: received ? { ip: remote } : undefined,
    destination: received ? undefined : { ip: remote },
    client: remoteIsClient ? { ip: remote } : undefined,
    server: remoteIsClient ? undefined : { ip: remote },
    dns: {
      id: String(Number.parseInt(xid!, 16)), type: isResponse ? 'answer' : 'query', op_code: OPCODES[opcode!],
      header_flags: dnsHeaderFlags(flagLetters!), response_code: isResponse ? rcode : undefined,
      question: { type: questionType, name: name === undefined ? undefined : questionName(name) },
    },
    microsoft_dnsserver: { debug: { flags: flagsHex } },
  });
}

export const microsoftDnsParser = defineParser('microsoft-dns', parseMicrosoftDns);
