import { backgroundLine } from './background-traffic.js';
import { createConstituency } from './constituency.js';
import { rfc5424Line } from './log-line-formats.js';
import { RandomSource } from '../../cli/demo/random-source.js';

const STRUCTURED = ['-', '[timeQuality tzKnown="1" isSynced="1" syncAccuracy="2500"]', '[origin ip="10.100.0.5" software="rsyslogd" swVersion="8.2302.0"][meta sequenceId="4711"]'];
const MESSAGES = [
  'Accepted publickey for deploy from 10.100.0.44 port 51234 ssh2: ED25519 SHA256:Kk0eYmS4pyXbL9B0Y3ZQ1a9xTnJbqk7x0vO1w5Gk8ZQ',
  'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)',
  'Started Daily apt upgrade and clean activities.',
  'nginx: worker process 1234 exited on signal 9',
  'Connection closed by authenticating user mueller 10.100.3.17 port 40022 [preauth]',
];

/**
 * Realistic lines per parser name, drawn from the background traffic (which the auto parser routes
 * to rfc3164, iptables, bind, squid, access-log and json) or written directly (RFC 5424 as rsyslog
 * forwards it). Parsers without a generator here are measured on their fixture lines only.
 */
export function linesPerParser(count: number): Map<string, string[]> {
  const random = new RandomSource(11);
  const orgs = createConstituency(20);
  const start = Date.UTC(2025, 2, 10);
  const byShape = new Map<string, string[]>();
  const add = (name: string, line: string): void => {
    const list = byShape.get(name) ?? [];
    if (list.length < count) list.push(line);
    byShape.set(name, list);
  };
  for (let i = 0; i < count; i++) {
    add('rfc5424', rfc5424Line(start + i * 10, `srv0${i % 9}.gemeinde-001.sachsen.example`, random.pick(['sshd', 'CRON', 'systemd', 'nginx']), random.int(100, 60000), '-', random.pick(STRUCTURED), random.pick(MESSAGES)));
  }
  for (let i = 0; byShape.size < 9 || [...byShape.values()].some((lines) => lines.length < count); i++) {
    const line = backgroundLine(random.pick(orgs), start + i * 10, random, i).text;
    add('auto', line);
    if (line.startsWith('{')) add('json', line);
    else if (line.includes('[UFW ')) add('iptables', line);
    else if (line.startsWith('<')) {
      add('rfc3164', line);
      // The Linux auth parser reads the file form (no priority) of sshd and sudo lines.
      if (line.includes(' sshd[') || line.includes(' sudo:')) add('linux-auth', line.replace(/^<\d+>/, ''));
    } else if (/^\d{2}-[A-Z]/.test(line)) add('bind', line);
    else if (/^\d{9,}\./.test(line)) add('squid', line);
    else {
      add('access-log', line);
      add('nginx', line);
    }
    if (i > count * 400) break;
  }
  return byShape;
}
