import { isIP } from 'node:net';
import { defineParser, type ParseResult } from './define-parser.js';
import { csvFields } from './microsoft/csv-fields.js';
import { DHCP_QUARANTINE_RESULTS, DHCP_V4_EVENTS, DHCP_V6_EVENTS, type DhcpEventShape } from './microsoft/dhcp-event-ids.js';
import { processTimeZone, zonedMillis } from './local-time.js';
import { mergeFields } from './messages/merge-fields.js';
import type { ParseContext, ParsedEvent } from './parser.js';

type Fields = Record<string, unknown>;

const MAX_FIELDS = 24;
const EVENT_ID = /^\d{2,5}$/;
const DATE = /^(\d{2})\/(\d{2})\/(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})$/;
// The preamble every DhcpSrvLog-*.log / DhcpV6SrvLog-*.log starts with: title, legend, QResult key.
const LEGEND = /^(?:\s*Microsoft DHCP(?:v6)? Service Activity Log|Event ID|\d{2,5}\+?\t|QResult:)/i;
const MAC = /^[0-9A-Fa-f]{12}$/;

function text(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function categorisation(code: string, shape: DhcpEventShape | undefined): Fields {
  return { code, action: shape?.action, category: shape?.category, type: shape?.type, outcome: shape?.outcome ?? 'success', reason: shape?.reason };
}

/** A hardware address as ECS writes it (AA-BB-CC-DD-EE-FF); other client identifiers are not MACs. */
function macAddress(identifier: string): string | undefined {
  return MAC.test(identifier) ? identifier.toUpperCase().replace(/(..)(?!$)/g, '$1-') : undefined;
}

// ID,Date,Time,Description,IP Address,Host Name,MAC Address,User Name,TransactionID,QResult,Probationtime,
// CorrelationID,Dhcid,VendorClass(Hex),VendorClass(ASCII),UserClass(Hex),UserClass(ASCII),RelayAgentInformation,DnsRegError
function v4Fields(fields: string[]): Fields {
  const [, , , description, ip, hostName, clientId, userName, transactionId, result, probation, correlation, dhcid, vendorHex, vendorText, userHex, userText, relayAgent, dnsError] = fields;
  const host = text(hostName)?.toLowerCase();
  const identifier = text(clientId);
  const mac = identifier === undefined ? undefined : macAddress(identifier);
  return {
    message: text(description),
    source: { ip: ip !== undefined && isIP(ip) ? ip : undefined, address: host, domain: host, mac },
    user: { name: text(userName) },
    microsoft: {
      dhcp: {
        client_id: mac === undefined ? identifier : undefined, transaction_id: text(transactionId), result: text(result),
        result_description: result !== undefined && Object.hasOwn(DHCP_QUARANTINE_RESULTS, result) ? DHCP_QUARANTINE_RESULTS[result] : undefined, probation_time: text(probation),
        correlation_id: text(correlation), dhc_id: text(dhcid), vendor: { hex: text(vendorHex), string: text(vendorText) },
        user: { hex: text(userHex), string: text(userText) }, relay_agent_info: text(relayAgent), dns_error_code: text(dnsError),
      },
    },
  };
}

// ID,Date,Time,Description,IPV6 Address,Host Name,Error Code,Duid Length,Duid Bytes(Hex),User Name,Dhcid,Subnet Prefix
function v6Fields(fields: string[]): Fields {
  const [, , , description, ip, hostName, errorCode, duidLength, duid, userName, dhcid, subnetPrefix] = fields;
  return {
    message: text(description),
    source: { ip: ip !== undefined && isIP(ip) ? ip : undefined, domain: text(hostName)?.toLowerCase() },
    microsoft: {
      dhcp: {
        error_code: text(errorCode), duid: { length: text(duidLength), hex: text(duid) }, user: { string: text(userName) },
        dhc_id: text(dhcid), subnet_prefix: text(subnetPrefix),
      },
    },
  };
}

/**
 * Windows DHCP server audit log lines (DhcpSrvLog-*.log and DhcpV6SrvLog-*.log), mapped as Elastic's
 * microsoft_dhcp integration maps them. The server writes its local time without a zone: it is read
 * in `context.timeZone`, else in the zone this process runs in (Elastic's default, the agent's zone).
 */
export function parseMicrosoftDhcp(line: string, context: ParseContext): ParseResult {
  const record = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (record.trim() === '') return 'empty line';
  if (LEGEND.test(record)) return 'preamble of the DHCP audit log (title, event ID legend or QResult key), not an event';
  if (/^ID,Date,Time,/i.test(record)) return 'column header of the DHCP audit log, not an event';
  const fields = csvFields(record, MAX_FIELDS);
  const [code, dateText, timeText] = fields;
  if (code === undefined || !EVENT_ID.test(code)) return 'not a DHCP audit log line (no numeric event ID before the first comma)';
  const date = DATE.exec(dateText ?? '');
  const time = TIME.exec(timeText ?? '');
  if (!date || !time) return 'not a DHCP audit log line (no MM/dd/yy date and HH:mm:ss time after the event ID)';
  const timeZone = context.timeZone ?? processTimeZone();
  const millis = zonedMillis({ year: 2000 + Number(date[3]), month: Number(date[1]), day: Number(date[2]), hour: Number(time[1]), minute: Number(time[2]), second: Number(time[3]) }, timeZone);
  if (millis === undefined) return `impossible date ${dateText} ${timeText} or unknown time zone "${timeZone}"`;
  // DHCPv4 event IDs have two digits, DHCPv6 ones four or five (11000-11032, 1103 for authorisation).
  const v6 = code.length > 2;
  const event: ParsedEvent = {
    '@timestamp': new Date(millis).toISOString(),
    event: { kind: 'event', module: 'microsoft_dhcp', dataset: 'microsoft_dhcp.log', timezone: timeZone },
  };
  mergeFields(event, { event: categorisation(code, v6 ? DHCP_V6_EVENTS[code] : DHCP_V4_EVENTS[code]) });
  return mergeFields(event, v6 ? v6Fields(fields) : v4Fields(fields));
}

export const microsoftDhcpParser = defineParser('microsoft-dhcp', parseMicrosoftDhcp);
