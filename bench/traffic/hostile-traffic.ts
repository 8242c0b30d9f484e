import { createConstituency, type BenchOrganisation } from './constituency.js';
import { backgroundLine } from './background-traffic.js';
import { RandomSource } from '../../cli/demo/random-source.js';

/**
 * Hostile traffic for the fuzz suite (`npm run bench -- fuzz`) and `tests/security/hostile-fuzz.test.ts`:
 * seeded, so a failing run can be replayed, and every unit carries how many messages the collector
 * must account for (as an event or a dead letter). The accounting rules are those of docs/collectors.md:
 *
 * - UDP: one datagram is one message (trailing CR/LF/NUL trimmed). Datagrams never exceed 65,507 bytes.
 * - TCP newline framing: one line is one message; a line longer than `maxLineBytes` is one dead letter.
 * - TCP octet counting: one frame is one message; a broken count dead-letters the rest of the connection
 *   as one entry, so the frames sent after the break expect nothing (they are counted as swallowed).
 *   A connection is octet counted only when it starts with `MSG-LEN SP <`; lines starting with digits stay lines.
 * - HTTP ingest: one NDJSON line is one record, i.e. one message.
 *
 * No unit is empty after trimming (an empty line or datagram is not a message and is not counted).
 */
export const HOSTILE_CLASSES = ['deep-nesting', 'dotted-keys', 'huge-keys', 'many-keys', 'owned-field-types', 'address-types', 'invalid-utf8', 'control-chars', 'over-long', 'syslog-pri', 'cef-leef-kv', 'framing', 'prototype-keys'] as const;
export type HostileClass = (typeof HOSTILE_CLASSES)[number];
export type UnitClass = HostileClass | 'valid';
export type FuzzTransport = 'udp' | 'tcp' | 'http';

export interface HostileUnit {
  cls: UnitClass;
  /** Exactly the bytes to send: the datagram, the line with its terminator or the frame with its count, or the NDJSON record without its newline. */
  bytes: Buffer;
  /** Messages the collector must turn into an event or a dead letter because of this unit. */
  expected: number;
}

/** Share of each class among the units (per cent of all units); big classes are kept rare so that a million units stay a few hundred MB. */
const WEIGHTS: Record<UnitClass, number> = {
  valid: 40,
  'deep-nesting': 1,
  'dotted-keys': 1,
  'huge-keys': 0.5,
  'many-keys': 0.3,
  'owned-field-types': 11,
  'address-types': 3,
  'invalid-utf8': 8,
  'control-chars': 8,
  'over-long': 0.1,
  'syslog-pri': 9,
  'cef-leef-kv': 9,
  framing: 5,
  'prototype-keys': 5,
};

/** The largest UDP payload over IPv4. */
export const MAX_DATAGRAM_BYTES = 65_507;
/** Lines meant to fit stay below both the line limit and the datagram limit. */
const FITTING_BYTES = 60_000;
/** An HTTP record may be far longer than a syslog line; the request body limit is 10 MB. */
const HTTP_RECORD_BYTES = 3_000_000;

const DUPLICATE_EVENT_ID = 'fuzz-duplicate-event-id';

/** Which hostile classes a run sends; `weights` replace the default shares, e.g. to isolate one class at half the units. */
export interface TrafficMix {
  classes: readonly HostileClass[];
  weights?: Partial<Record<UnitClass, number>>;
}

/** Picks classes by weight among those enabled; `valid` is always mixed in. */
export class ClassPicker {
  private readonly classes: UnitClass[];
  private readonly weights: number[];
  private readonly cumulative: number[] = [];

  constructor(mix: TrafficMix, exclude: readonly UnitClass[] = []) {
    this.classes = (['valid', ...mix.classes] as UnitClass[]).filter((cls) => !exclude.includes(cls));
    this.weights = this.classes.map((cls) => mix.weights?.[cls] ?? WEIGHTS[cls]);
    let sum = 0;
    for (const weight of this.weights) this.cumulative.push((sum += weight));
  }

  /** The share of units a class gets among the enabled ones. */
  share(cls: UnitClass): number {
    const index = this.classes.indexOf(cls);
    return index < 0 ? 0 : this.weights[index]! / this.cumulative[this.cumulative.length - 1]!;
  }

  pick(random: RandomSource): UnitClass {
    const roll = random.next() * this.cumulative[this.cumulative.length - 1]!;
    const index = this.cumulative.findIndex((limit) => roll < limit);
    return this.classes[index < 0 ? this.classes.length - 1 : index]!;
  }
}

/** Writes lines of every class for one transport; one instance per sender, each with its own seed. */
export class HostileLineWriter {
  private readonly organisations: BenchOrganisation[] = createConstituency(8);
  private sequence = 0;

  constructor(
    readonly random: RandomSource,
    private readonly transport: FuzzTransport,
    private readonly maxLineBytes: number,
  ) {}

  /** One message body of the class, sized for the transport (over-long on purpose only in `over-long`). */
  line(cls: UnitClass): Buffer {
    const r = this.random;
    const fit = this.transport === 'http' ? HTTP_RECORD_BYTES : FITTING_BYTES;
    switch (cls) {
      case 'valid':
        return text(this.valid());
      case 'deep-nesting':
        return text(deepNesting(r, fit));
      case 'dotted-keys':
        return text(dottedKeys(r, fit));
      case 'huge-keys':
        return text(hugeKeys(r, this.transport === 'http' ? 200_000 : fit));
      case 'many-keys':
        return text(manyKeys(r, this.transport === 'http' ? 300_000 : fit));
      case 'owned-field-types':
        return text(ownedFieldTypes(r, this.valid(), this.sequence));
      case 'address-types':
        return text(addressTypes(r, this.valid()));
      case 'invalid-utf8':
        return invalidUtf8(r, this.valid());
      case 'control-chars':
        return text(controlChars(r, this.valid()));
      case 'over-long':
        return text(overLong(r, this.transport, this.maxLineBytes));
      case 'syslog-pri':
        return text(syslogPri(r));
      case 'cef-leef-kv':
        return text(cefLeefKv(r));
      case 'framing':
        return text(framingLine(r, this.transport, this.valid()));
      case 'prototype-keys':
        return text(r.pick(PROTOTYPE_LINES)(r));
    }
  }

  /** A real-looking line of the benchmark constituency (firewall, DNS, proxy, Windows, sshd, web, AV). */
  valid(): string {
    const org = this.random.pick(this.organisations);
    return backgroundLine(org, Date.now() - this.random.int(0, 3_600_000), this.random, this.sequence++).text;
  }
}

/** Datagrams for UDP: one unit per datagram. */
export function* udpUnits(seed: number, count: number, mix: TrafficMix, maxLineBytes: number): Generator<HostileUnit> {
  const writer = new HostileLineWriter(new RandomSource(seed), 'udp', maxLineBytes);
  const picker = new ClassPicker(mix);
  for (let sent = 0; sent < count; sent++) {
    const cls = picker.pick(writer.random);
    yield { cls, bytes: nonEmpty(writer.line(cls), false).subarray(0, MAX_DATAGRAM_BYTES), expected: 1 };
  }
}

const LINE_ENDINGS = ['\n', '\n', '\n', '\r\n', '\r\n', '\r\r\n', '\0\n'];

/**
 * One long-lived newline-framed TCP connection: `count` lines with LF, CRLF or stray CR/NUL before
 * the LF, and the last line with no terminator at all (it is cut by the end of the connection). The
 * first line starts with `<` so that the connection is not taken for octet counting.
 */
export function* tcpLineUnits(seed: number, count: number, mix: TrafficMix, maxLineBytes: number): Generator<HostileUnit> {
  const writer = new HostileLineWriter(new RandomSource(seed), 'tcp', maxLineBytes);
  const picker = new ClassPicker(mix, ['framing']);
  for (let sent = 0; sent < count; sent++) {
    const cls = sent === 0 ? 'valid' : picker.pick(writer.random);
    let line = nonEmpty(writer.line(cls), true);
    if (sent === 0) line = Buffer.concat([Buffer.from(`<13>1 - fuzz-tcp - - - - connection start `), line]);
    const ending = sent === count - 1 ? '' : writer.random.pick(LINE_ENDINGS);
    yield { cls, bytes: Buffer.concat([line, Buffer.from(ending, 'latin1')]), expected: 1 };
  }
}

/**
 * Short TCP connections of the `framing` class, each a list of units in order: octet-counted frames
 * with good and wrong lengths, counts that are not numbers, too large or without a space, a frame cut
 * by the end of the connection, and newline-framed lines whose first byte is a digit.
 */
export function tcpFramingConnection(random: RandomSource, maxLineBytes: number): HostileUnit[] {
  const writer = new HostileLineWriter(random, 'tcp', maxLineBytes);
  const frame = (body: Buffer | string, count?: number) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    return Buffer.concat([Buffer.from(`${count ?? bytes.length} `), bytes]);
  };
  const goodFrames = (n: number, expected = 1): HostileUnit[] =>
    Array.from({ length: n }, () => {
      const line = `<14>1 ${new Date().toISOString()} fuzz-octet app - - - ${writer.valid()}${random.chance(0.3) ? '\n' : ''}`;
      return { cls: 'framing' as const, bytes: frame(line), expected };
    });
  const units = goodFrames(random.int(1, 5));
  const broken = (bytes: Buffer, expected: number) => [{ cls: 'framing' as const, bytes, expected }, ...goodFrames(random.int(0, 3), 0)];
  switch (random.int(0, 7)) {
    case 0:
      return units;
    case 1: {
      // Count a few bytes short: the frame is cut, the rest ("aaaa…") is a count that is not a number.
      const body = `<14>1 - fuzz-octet app - - - short count ${'a'.repeat(40)}`;
      return [...units, ...broken(frame(body, Buffer.byteLength(body) - random.int(1, 30)), 2)];
    }
    case 2:
      return [...units, ...broken(Buffer.from(`${random.pick(['abc', '0', '-5', '0x10', '1e3', '٣'])} <13>1 - - - - - - x`), 1)];
    case 3:
      return [...units, ...broken(Buffer.from(`${maxLineBytes + random.int(1, 1_000_000)} <13>1 - - - - - - x`), 1)];
    case 4:
      return [...units, ...broken(Buffer.from(`${'9'.repeat(random.int(10, 40))}`), 1)];
    case 5: {
      // The last frame claims more bytes than come before the connection ends.
      const body = `<14>1 - fuzz-octet app - - - cut by the end of the connection`;
      return [...units, { cls: 'framing', bytes: frame(body, Buffer.byteLength(body) + random.int(1, 5000)), expected: 1 }];
    }
    case 6: {
      // A sender meaning newline framing whose first line starts with a digit (headerless BIND or
      // Squid): octet counting needs `MSG-LEN SP <`, so these stay lines, one message each.
      const lines = Array.from({ length: random.int(2, 8) }, (_, index) => ({ cls: 'framing' as const, bytes: Buffer.from(`${index === 0 ? `${random.int(10, 31)}-Dec-2026 10:00:00.000 queries: info: client` : writer.valid()}\n`), expected: 1 }));
      return lines;
    }
    default:
      // Frames whose content has its own newlines and NULs: one frame is still one message.
      return [...units, { cls: 'framing', bytes: frame(`<13>1 - h app - - - first\nsecond\r\nthird\0\0`), expected: 1 }];
  }
}

/** NDJSON records for HTTP ingest (no newline inside): raw-line carriers, bare JSON strings, ECS documents and junk. */
export function* httpRecordUnits(seed: number, count: number, mix: TrafficMix, maxLineBytes: number): Generator<HostileUnit> {
  const writer = new HostileLineWriter(new RandomSource(seed), 'http', maxLineBytes);
  const picker = new ClassPicker(mix);
  for (let sent = 0; sent < count; sent++) {
    const cls = picker.pick(writer.random);
    const line = writer.line(cls);
    let record: Buffer;
    if (line[0] === 0x7b /* { */ || cls === 'framing') record = line;
    else if (writer.random.chance(0.2)) record = Buffer.from(JSON.stringify(line.toString('utf8')));
    else if (writer.random.chance(0.7)) record = Buffer.from(JSON.stringify({ message: line.toString('utf8'), host: { name: 'fuzz-http' } }));
    // The line's own bytes inside a JSON string: invalid UTF-8 and raw controls reach the decoder as sent.
    else record = Buffer.concat([Buffer.from('{"log":"'), escapeQuotes(line), Buffer.from('"}')]);
    yield { cls, bytes: nonEmpty(record, true), expected: 1 };
  }
}

/** Only `"` and `\\` are escaped, so that a valid line stays a valid record while raw bytes stay raw. */
function escapeQuotes(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (const byte of bytes) {
    if (byte === 0x22 || byte === 0x5c) out.push(0x5c);
    out.push(byte);
  }
  return Buffer.from(out);
}

function text(value: string): Buffer {
  return Buffer.from(value, 'utf8');
}

/**
 * No newline inside a line or record (it would split it), and a visible first byte, so that trimming
 * never leaves an empty message that the framers skip without counting.
 */
function nonEmpty(bytes: Buffer, noNewline: boolean): Buffer {
  if (noNewline) for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) bytes[i] = 0x20;
  const first = bytes[0];
  return first === undefined || first <= 0x20 || first === 0x7f ? Buffer.concat([Buffer.from('x'), bytes]) : bytes;
}

function ecsBase(random: RandomSource, line: string): Record<string, unknown> {
  return {
    '@timestamp': new Date().toISOString(),
    event: { kind: 'event', category: ['network'], action: 'fuzz' },
    source: { ip: `10.51.${random.int(0, 255)}.${random.int(1, 254)}` },
    host: { name: 'fuzz-host' },
    message: line,
  };
}

function deepNesting(random: RandomSource, fit: number): string {
  const depth = Math.min(random.pick([64, 1000, 2500, 4000, 6000, 9000, 20_000, 50_000]), Math.floor(fit / 6) - 20);
  switch (random.int(0, 5)) {
    case 0:
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 1:
      return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    case 2:
      return `{"@timestamp":"${new Date().toISOString()}","message":"deep","labels":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    case 3:
      return `{"event":{"kind":"event"},"winlog":{"event_id":4624,"event_data":${'{"x":['.repeat(Math.floor(depth / 2))}0${']}'.repeat(Math.floor(depth / 2))}}}`;
    case 4:
      // Unbalanced: never valid JSON, but the scanner still has to walk it.
      return `${random.chance(0.5) ? '{"a":' : '['}`.repeat(depth);
    default:
      return `<13>1 ${new Date().toISOString()} h app - - - {"msg":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  }
}

function dottedKeys(random: RandomSource, fit: number): string {
  const parts = Math.min(random.pick([100, 1000, 3000, 5000, 12_000, 20_000]), Math.floor(fit / 2) - 40);
  switch (random.int(0, 4)) {
    case 0:
      return JSON.stringify({ [Array(parts).fill('a').join('.')]: 1, message: 'dotted' });
    case 1:
      return JSON.stringify({ ['.'.repeat(parts)]: 'dots only', message: 'dotted' });
    case 2:
      // The same path as a value and as a parent: later keys fight over the node.
      return JSON.stringify({ 'source.ip': '10.51.0.1', 'source.ip.x': 1, 'source.ip.x.y': [1], 'event.id': 'x', 'event.id.z': {}, 'organization.id': 'radebeul', 'organization.id.x': 1 });
    case 3:
      return JSON.stringify(Object.fromEntries(Array.from({ length: Math.min(2000, parts) }, (_, i) => [`l${i % 7}.m${i % 13}.n${i}`, i])));
    default:
      return JSON.stringify({ [`${'x.'.repeat(parts >> 1)}__proto__.polluted`]: true });
  }
}

function hugeKeys(random: RandomSource, fit: number): string {
  const size = random.int(2_000, fit - 200);
  const key = random.chance(0.5) ? 'k'.repeat(size) : 'ä€'.repeat(Math.floor(size / 5));
  switch (random.int(0, 2)) {
    case 0:
      return JSON.stringify({ [key]: 1, message: 'huge key' });
    case 1:
      return JSON.stringify({ event: { [key]: 'x', kind: 'event' }, '@timestamp': new Date().toISOString() });
    default:
      return `CEF:0|v|p|1|sig|name|5|${key.slice(0, fit - 100)}=value src=10.51.0.1`;
  }
}

function manyKeys(random: RandomSource, fit: number): string {
  const keys = Math.min(random.pick([2_000, 5_000, 10_000, 50_000, 100_000]), Math.floor(fit / 12));
  const entries: string[] = [];
  const same = random.chance(0.3);
  for (let i = 0; i < keys; i++) entries.push(`"${same ? 'a' : `k${i}`}":${i}`);
  return random.chance(0.5) ? `{${entries.join(',')}}` : `{"message":"many keys","labels":{${entries.join(',')}}}`;
}

const WRONG_VALUES: (() => unknown)[] = [
  () => ({}),
  () => [],
  () => ['radebeul', 'smi'],
  () => ({ id: 'radebeul' }),
  () => 42,
  () => -0.5,
  () => 1e308,
  () => true,
  () => null,
  () => '',
  () => 'x'.repeat(5_000),
  () => 'radebeul',
  () => '__proto__',
];

function ownedFieldTypes(random: RandomSource, line: string, sequence: number): string {
  const event = ecsBase(random, line) as Record<string, unknown> & { event: Record<string, unknown> };
  const wrong = () => random.pick(WRONG_VALUES)();
  let eventReplacement: { value: unknown } | undefined;
  for (let mutations = random.int(1, 3); mutations > 0; mutations--) {
    switch (random.int(0, 12)) {
      case 0:
        event.organization = { id: wrong(), name: wrong() };
        break;
      case 1:
        event.organization = wrong();
        break;
      case 2:
        event['organization.id'] = wrong();
        break;
      case 3:
        event.event.id = wrong();
        break;
      case 4:
        // Another event's id: the same id on many events.
        event.event.id = random.chance(0.5) ? DUPLICATE_EVENT_ID : `fuzz-${sequence % 10}`;
        break;
      case 5:
        // Applied last, so that the other mutations still find the event object.
        eventReplacement = { value: wrong() };
        break;
      case 6:
        event.event.ingested = random.pick([{}, [], 1, 'yesterday', { $date: 1 }]);
        break;
      case 7:
        event['@timestamp'] = random.pick([{}, [], 1e308, -1, 'garbage', '2026-13-45T99:99:99Z', '+275760-09-13T00:00:00.001Z', '', '9'.repeat(400), null, '0000-00-00T00:00:00Z']);
        break;
      case 8:
        event.event.original = wrong();
        break;
      case 9:
        event.message = wrong();
        break;
      case 11:
        event.log = random.pick([{ source: { address: {} } }, 'x', [], { level: {} }]);
        break;
      case 12:
        event.network = random.pick([{ direction: {} }, 'x', [], { direction: 'inbound', protocol: [] }]);
        event.labels = wrong();
        break;
      default:
        // Winlogbeat and NXLog documents with their own owned fields broken.
        return random.chance(0.5)
          ? JSON.stringify({ '@timestamp': new Date().toISOString(), winlog: { event_id: wrong(), channel: wrong(), event_data: wrong() }, event: { id: wrong() } })
          : JSON.stringify({ EventID: wrong(), Channel: 'Security', EventData: random.pick([[], 'x', null, { SubjectUserName: {} }]), EventTime: wrong(), Hostname: wrong(), RecordNumber: wrong() });
    }
  }
  if (eventReplacement) (event as Record<string, unknown>).event = eventReplacement.value;
  // Without an address of the constituency the event is attributed by its sender, which is no
  // member either: then nothing overwrites the organisation the line claims.
  if (random.chance(0.5)) delete event.source;
  return JSON.stringify(event);
}

const BAD_ADDRESSES: unknown[] = [{}, [], ['10.51.0.1', '10.52.0.1'], { ip: '10.51.0.1' }, 1e10, 167_981_825, true, null, '', '999.1.1.1', '10.51.0.1/8', '10.51.0.1\u0000', 'fe80::1%eth0', '::ffff:10.51.0.1', '::::', '1.2.3', '0x0a.0x33.0.1', '10.51.0.01', ' 10.51.0.1', 'a'.repeat(3000)];

/** Where attribution and the network direction read addresses: the source and destination of an event, of every type. */
function addressTypes(random: RandomSource, line: string): string {
  const event = ecsBase(random, line);
  const bad = () => random.pick(BAD_ADDRESSES);
  switch (random.int(0, 4)) {
    case 0:
      event.source = { ip: bad() };
      break;
    case 1:
      event.destination = { ip: bad() };
      event.source = { ip: random.chance(0.5) ? '10.51.0.1' : bad() };
      break;
    case 2:
      event.source = random.pick<unknown>(['10.51.0.1', [], 5, null]);
      event.destination = random.pick<unknown>(['10.52.0.1', {}, 'x']);
      break;
    case 3:
      event['source.ip'] = bad();
      event['client.ip'] = bad();
      event['host.ip'] = [bad(), bad()];
      event['related.ip'] = bad();
      break;
    default:
      // Text lines whose parsers fill source.ip from what the attacker wrote.
      return random.pick([
        `<38>Dec  2 10:00:00 h sshd[1]: Failed password for root from ${String(bad())} port 22 ssh2`,
        `<4>Dec  2 10:00:00 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=${String(bad())} DST=${String(bad())} PROTO=TCP SPT=1 DPT=22`,
        `CEF:0|V|P|1|100|n|5|src=${String(bad())} dst=${String(bad())}`,
      ]);
  }
  return JSON.stringify(event);
}

const INVALID_SEQUENCES = [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xfe], [0xc3], [0xe2, 0x82], [0x80], [0xbf], [0xf0, 0x9f, 0x98], [0xc0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xef, 0xbb, 0xbf]];

function invalidUtf8(random: RandomSource, line: string): Buffer {
  const junk = () => Buffer.from(random.pick(INVALID_SEQUENCES));
  const spliced = (base: string) => {
    const bytes = Buffer.from(base);
    const parts: Buffer[] = [];
    let at = 0;
    for (let n = random.int(1, 6); n > 0; n--) {
      const next = random.int(at, bytes.length);
      parts.push(bytes.subarray(at, next), junk());
      at = next;
    }
    parts.push(bytes.subarray(at));
    return Buffer.concat(parts);
  };
  switch (random.int(0, 4)) {
    case 0:
      return spliced(line);
    case 1:
      return Buffer.concat([Buffer.from('{"message":"'), junk(), Buffer.from('","'), junk(), Buffer.from('":1,"source":{"ip":"10.51.0.'), junk(), Buffer.from('"}}')]);
    case 2:
      return Buffer.concat([Buffer.from('<'), junk(), Buffer.from('13>1 '), junk(), Buffer.from(' host app - - - '), junk()]);
    case 3:
      return Buffer.from(Array.from({ length: random.int(1, 2000) }, () => random.int(1, 255)));
    default:
      return spliced(`CEF:0|Vendor|Product|1.0|100|name|5|src=10.51.0.1 msg=text suser=user`);
  }
}

const CONTROLS = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).filter((c) => c !== '\n').concat(['\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '\u202e', '\ufeff', '\u200b', '\u001b[31m', '\ud800', '\udfff']);

function controlChars(random: RandomSource, line: string): string {
  const sprinkle = (base: string) => {
    let out = '';
    for (const char of base) out += random.chance(0.1) ? random.pick(CONTROLS) : char;
    return out;
  };
  switch (random.int(0, 4)) {
    case 0:
      return sprinkle(line);
    case 1:
      return `${line}${'\0'.repeat(random.int(1, 5))}${random.chance(0.5) ? '\r\r' : ''}`;
    case 2:
      return JSON.stringify({ '\u0000': '\u0000', message: sprinkle(line), [`k\u0000${random.int(0, 9)}`]: '\u0001\u0002', host: { name: '\u001b]0;pwned\u0007' } });
    case 3:
      return `<13>1 - host\u0000name app\u0007 - - - ${sprinkle(line)}`;
    default:
      return Array.from({ length: random.int(1, 300) }, () => random.pick(CONTROLS)).join('') + 'x';
  }
}

function overLong(random: RandomSource, transport: FuzzTransport, maxLineBytes: number): string {
  const pad = (prefix: string, size: number, suffix = '') => prefix + 'A'.repeat(Math.max(0, size - Buffer.byteLength(prefix) - Buffer.byteLength(suffix))) + suffix;
  if (transport === 'udp') return pad('<13>1 - h app - - - ', random.pick([MAX_DATAGRAM_BYTES, MAX_DATAGRAM_BYTES, 65_000, 61_000]));
  if (transport === 'http') return pad('{"message":"', random.pick([maxLineBytes + 1, 200_000, 500_000, 2_000_000]), '"}');
  // Exactly the limit is still a line; one byte more is a dead letter.
  const size = random.pick([maxLineBytes, maxLineBytes + 1, maxLineBytes + 1, 2 * maxLineBytes, 300_000, 1_000_000]);
  return random.chance(0.5) ? pad('<13>1 - h app - - - ', size) : pad('{"message":"', size, '"}');
}

const PRI_GARBAGE = ['<999>', '<-1>', '<>', '<13', '<0013>', '<2147483648>', '<1a>', '<<13>>', '<13>>', '<\u0000>', '<١٣>', '< 13>', '<13><13>', '<192>', '<13>99999999999999 ', '<13>0 ', '<13>1', '<13>1 '];

function syslogPri(random: RandomSource): string {
  const pri = random.pick(PRI_GARBAGE);
  switch (random.int(0, 6)) {
    case 0:
      return `${pri}1 ${new Date().toISOString()} host app 1 - - message`;
    case 1:
      return `${pri}Feb 30 25:61:61 host sshd[1]: Failed password for root from 10.51.0.1 port 1 ssh2`;
    case 2:
      return `<13>1 ${random.pick(['2026-02-30T25:61:61Z', '-', '0', '2026-12-02T10:00:00.0000000000000001Z', '9999-99-99'])} ${'h'.repeat(random.chance(0.1) ? 3000 : random.int(1, 200))} ${'a'.repeat(random.int(0, 100))} - - - x`;
    case 3:
      return `<13>1 - h app - - ${'['.repeat(random.int(1, 500))}${random.pick(['', ']', 'id x="', 'id x="\\'])}`;
    case 4:
      return `<13>1 - h app - - [id ${Array.from({ length: random.int(20, 600) }, (_, i) => `p${i}="${i}"`).join(' ')}] m`;
    case 5:
      return `<13>${random.pick(['Mar  1', 'Mar 1', 'XXX 99', '2026-12-02T10:00:00Z', ''])} 10:00:00 ${random.pick(['', 'host', 'host:'])} ${random.pick(['sshd[]:', 'sshd[-1]:', 'sshd[99999999999999]:', ':', 'sshd'])} ${random.pick(['Accepted password for  from  port  ssh2', 'Failed password for invalid user from from 1.2.3.4 port x ssh2', 'pam_unix(sshd:session): session opened for user'])}`;
    default:
      return `${pri}`;
  }
}

function cefLeefKv(random: RandomSource): string {
  switch (random.int(0, 8)) {
    case 0:
      return `CEF:${random.pick(['0', '1', '99', '', '-1'])}|${'|'.repeat(random.int(0, 10))}`;
    case 1:
      return `CEF:0|a|b|c|d|e|f|${'k=\\= '.repeat(random.int(20, 1500))}`;
    case 2:
      return `CEF:0|V|P|1|100|n|10|${Array.from({ length: random.int(10, 800) }, () => `src=10.51.0.${random.int(0, 300)}`).join(' ')}`;
    case 3:
      return `CEF:0|${'\\|'.repeat(random.int(10, 1500))}`;
    case 4:
      return `LEEF:${random.pick(['1.0', '2.0', '2.0|x|y|z|w|^', '0'])}|Vendor|Product|1.0|EventID|${random.pick(['src=10.51.0.1\tdst=10.52.0.1', 'src=^dst=', '=\t=\t=', 'devTime=garbage\tsev=999999999999'])}`;
    case 5:
      return `date=${random.pick(['2026-12-02', 'x', ''])} time=${random.pick(['10:00:00', '99:99:99'])} devname="${'"'.repeat(random.int(1, 500))} logid=${random.pick(['0000000013', '', 'x'.repeat(300)])} srcip=${random.pick(['10.51.0.1', '::', 'bad', ''])}`;
    case 6:
      return `devname=fw1 ${Array.from({ length: random.int(20, 800) }, (_, i) => `k${i % 50}=${random.pick(['v', '"unterminated', '=', '""', "'"])}`).join(' ')}`;
    case 7:
      return `<134>1 ${new Date().toISOString()} fw CEF - - - CEF:0|Fortinet|FortiGate|7|1|x|${random.pick(['0', '11', 'Very-High', ''])}|src=${'1'.repeat(random.int(1, 400))}`;
    default:
      return `logver=1 ${'='.repeat(random.int(1, 1000))}`;
  }
}

function framingLine(random: RandomSource, transport: FuzzTransport, line: string): string {
  if (transport === 'http') {
    // A record is any JSON value: non-objects are refused, CR before the newline is whitespace.
    return random.pick([`${JSON.stringify({ message: line })}\r`, '42', 'null', 'true', '[1,2,3]', '[{"message":"in an array"}]', '"a bare string record"', `${JSON.stringify(line)} \t `, '{"message":"unterminated', `${JSON.stringify({ message: line })}${JSON.stringify({ message: line })}`]);
  }
  // UDP: the whole datagram is one message, whatever framing it seems to carry.
  return random.pick([`${Buffer.byteLength(line)} ${line}`, `${line}\n${line}`, `${line}\r\n\0\0`, `${line}\n\n\n`, `57 <13>1 - h a - - - x\n58 <13>1 - h a - - - y`, `${line}\r`, `0 ${line}`]);
}

type PrototypeLine = (random: RandomSource) => string;
const PROTOTYPE_LINES: PrototypeLine[] = [
  () => '{"__proto__":{"polluted":true,"id":"x"},"message":"proto"}',
  () => '{"constructor":{"prototype":{"polluted":true}},"message":"proto"}',
  () => '{"__proto__.polluted":true,"constructor.prototype.polluted":true}',
  () => '{"event":{"__proto__":{"id":"x"}},"organization":{"__proto__":{"id":"radebeul"}}}',
  () => '{"toString":1,"hasOwnProperty":{},"valueOf":[],"message":"shadowing"}',
  () => '<13>1 - h a p m [__proto__ __proto__="polluted" constructor="x"] m',
  () => 'devname=fw __proto__=x constructor=y prototype=z srcip=10.51.0.1',
  () => 'CEF:0|a|b|c|d|e|f|__proto__=x constructor=y',
  (random) => `{"event":{"kind":"event","id":"${random.pick(['__proto__', 'constructor', 'hasOwnProperty'])}"},"@timestamp":"${new Date().toISOString()}"}`,
];
