import { defineParser, type ParseResult } from './define-parser.js';
import { splitCsvFields } from './panos/csv-fields.js';
import { panosEvent, panosFields } from './panos/panos-event.js';
import { panosTime } from './panos/panos-time.js';

const SERIAL = /^[0-9A-Za-z-]{0,32}$/;
const TYPE = /^[A-Z-]{3,20}$/;
/** A syslog header before the CSV row is at most this long; the row's first field follows its last space. */
const HEADER_LIMIT = 256;

/**
 * PAN-OS syslog in its default CSV format (TRAFFIC, THREAT, SYSTEM, GLOBALPROTECT, USERID), with or without a
 * syslog header, mapped to the ECS fields of Elastic's panw.panos integration; `@timestamp` is the
 * generated time, `event.created` the receive time on the management plane.
 */
export function parsePanos(line: string): ParseResult {
  const firstComma = line.indexOf(',');
  if (firstComma < 0 || firstComma > HEADER_LIMIT) return 'no PAN-OS CSV row';
  const rowStart = line.lastIndexOf(' ', firstComma) + 1;
  const fields = splitCsvFields(line.slice(rowStart));
  if (fields === undefined) return 'unbalanced quotes or too many CSV fields';
  const [, received, serial, type, subtype, , generated, ...rest] = fields;
  if (type === undefined || !TYPE.test(type) || serial === undefined || !SERIAL.test(serial)) return 'no PAN-OS log type and serial number';
  const timestamp = panosTime(generated);
  if (timestamp === undefined) return 'PAN-OS generated time unreadable';
  const typed = panosFields(type, subtype ?? '', rest);
  if (typed === undefined) return `PAN-OS log type ${type} not supported`;
  return panosEvent(timestamp, panosTime(received), serial, type, subtype ?? '', typed);
}

export const panosParser = defineParser('pan-os', parsePanos);
