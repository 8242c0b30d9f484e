/**
 * Raw line formats as authorities' systems write them (formats from the parser fixtures under
 * tests/fixtures/parsers: BSD syslog with sshd and ufw messages, BIND query log, Squid native log,
 * nginx combined log, Winlogbeat JSON, ECS JSON from an endpoint shipper).
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function bsdTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function sshdLine(ms: number, host: string, pid: number, message: string): string {
  return `<38>${bsdTime(ms)} ${host} sshd[${pid}]: ${message}`;
}

export function sudoLine(ms: number, host: string, message: string): string {
  return `<85>${bsdTime(ms)} ${host} sudo: ${message}`;
}

/** A line of another program that writes the auth log (useradd, usermod, su), facility authpriv. */
export function authLogLine(ms: number, host: string, program: string, pid: number, message: string): string {
  return `<86>${bsdTime(ms)} ${host} ${program}[${pid}]: ${message}`;
}

export function cronLine(ms: number, host: string, pid: number, user: string): string {
  return `<78>${bsdTime(ms)} ${host} CRON[${pid}]: (${user}) CMD (/usr/lib/php/sessionclean)`;
}

export function ufwLine(ms: number, host: string, action: 'BLOCK' | 'ALLOW', src: string, dst: string, protocol: 'TCP' | 'UDP', sport: number, dport: number): string {
  const uptime = (ms / 1000) % 1_000_000;
  return `<4>${bsdTime(ms)} ${host} kernel: [${uptime.toFixed(6).padStart(12, ' ')}] [UFW ${action}] IN=eth0 OUT= MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00 SRC=${src} DST=${dst} LEN=60 TOS=0x00 PREC=0x00 TTL=49 ID=0 DF PROTO=${protocol} SPT=${sport} DPT=${dport} WINDOW=64240 RES=0x00 SYN URGP=0`;
}

function bindTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

const squidTime = (ms: number): string => (ms / 1000).toFixed(3);

function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

const isoTime = (ms: number): string => new Date(ms).toISOString();

export function bindQueryLine(ms: number, client: string, port: number, name: string, type: string, server: string): string {
  return `${bindTime(ms)} queries: info: client @0x7f3a2c0a1b20 ${client}#${port} (${name}): query: ${name} IN ${type} +E(0)K (${server})`;
}

export function squidLine(ms: number, elapsed: number, client: string, status: string, bytes: number, method: string, url: string, user: string, peer: string, mime: string): string {
  return `${squidTime(ms)} ${String(elapsed).padStart(6, ' ')} ${client} ${status} ${bytes} ${method} ${url} ${user} ${peer} ${mime}`;
}

export function nginxLine(ms: number, client: string, method: string, path: string, status: number, bytes: number, agent: string): string {
  return `${client} - - [${nginxTime(ms)}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}"`;
}

/** The provider that writes each channel's events, as Winlogbeat reports it in `winlog.provider_name`. */
const PROVIDERS: Record<string, string> = {
  System: 'Service Control Manager',
  'Microsoft-Windows-Sysmon/Operational': 'Microsoft-Windows-Sysmon',
  'Microsoft-Windows-PowerShell/Operational': 'Microsoft-Windows-PowerShell',
};

export function winlogbeatLine(ms: number, computer: string, eventId: number, channel: string, eventData: Record<string, string>, recordId: number): string {
  const provider = PROVIDERS[channel] ?? 'Microsoft-Windows-Security-Auditing';
  return JSON.stringify({
    '@timestamp': isoTime(ms),
    host: { name: computer },
    winlog: { channel, event_id: eventId, computer_name: computer, provider_name: provider, record_id: recordId, event_data: eventData },
  });
}

/** What an endpoint protection shipper (Defender through Winlogbeat/Elastic Agent) sends: ECS already. */
export function ecsJsonLine(ms: number, fields: Record<string, unknown>): string {
  return JSON.stringify({ '@timestamp': isoTime(ms), ...fields });
}

export function rfc5424Line(ms: number, host: string, app: string, procId: number, msgId: string, structuredData: string, message: string): string {
  return `<134>1 ${isoTime(ms)} ${host} ${app} ${procId} ${msgId} ${structuredData} ${message}`;
}

/** Every way the formats above write an instant; each line holds exactly one of them. */
const TIME_FORMATS = [isoTime, bindTime, nginxTime, squidTime, bsdTime];

/**
 * The line as a source whose clock showed `toMs` when it was `fromMs` would have written it: the
 * timestamp the device put in is replaced, nothing else (a kernel's uptime stays, as it would).
 */
export function restampLine(text: string, fromMs: number, toMs: number): string {
  for (const format of TIME_FORMATS) {
    const written = format(fromMs);
    const at = text.indexOf(written);
    if (at >= 0) return text.slice(0, at) + format(toMs) + text.slice(at + written.length);
  }
  throw new Error(`no timestamp of ${new Date(fromMs).toISOString()} in the line: ${text.slice(0, 80)}`);
}
