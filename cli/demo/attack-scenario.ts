import type { IngestSink, MessageMeta } from '../../collectors/ingest-sink.js';
import type { Logger } from '../../core/logging.js';
import { planDelivery, type DeliveryProfile } from './delivery-order.js';

/**
 * The built-in attack scenario of `--demo`: a morning in the demo constituency, replayed through the
 * real collector pipeline as the syslog lines the authorities' systems would send, in the order
 * forwarders really deliver them (see delivery-order.ts): some lines overtake others, the
 * Landesdirektion ships in blocks, Moritzburg's firewall clock runs three hours ahead, and the spool
 * of Radebeul's portal delivers an earlier burst two hours late, beyond what the engine waits for:
 * its root login still raises an alert, its password guessing no longer correlates. Addresses are
 * from the documentation ranges (RFC 5737), hosts and names are invented.
 */
interface ScenarioLine {
  line: string;
  peer: string;
}

/** A line as its host writes it: rendered at the time its clock shows. */
interface WrittenLine {
  time: number;
  source: string;
  peer: string;
  render: (at: Date) => string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const rfc5424 = (at: Date, host: string, app: string, pid: number, message: string) => `<38>1 ${at.toISOString()} ${host} ${app} ${pid} - - ${message}`;
const rfc3164 = (at: Date, host: string, tag: string, message: string) => {
  const month = at.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const time = at.toISOString().slice(11, 19);
  return `<4>${month} ${String(at.getUTCDate()).padStart(2, ' ')} ${time} ${host} ${tag}: ${message}`;
};

/** The spool of the portal that is replayed late: ten minutes, two hours before the scenario starts. */
const PORTAL_SPOOL = { fromSeconds: -2 * 3600 - 60, toSeconds: -2 * 3600 + 9 * 60 };

/** Who delivers how; a fixed story rather than a seeded draw, so that the demo tells the same one every time. */
function demoProfile(start: number): DeliveryProfile {
  return {
    batched: new Map([['fs01.lds.example', { periodMs: 15 * MINUTE, phaseMs: (start + 5 * MINUTE) % (15 * MINUTE) }]]),
    clockAhead: new Map([['fw.moritzburg.example', 3 * HOUR]]),
    beyondLateness: { source: 'portal.radebeul.example', fromMs: start + PORTAL_SPOOL.fromSeconds * 1000, toMs: start + PORTAL_SPOOL.toSeconds * 1000, delayMs: 2 * HOUR },
  };
}

/** The scenario's lines in the order the collector receives them, each stamped by its host's clock. */
export function attackScenario(start: Date): ScenarioLine[] {
  const written = writtenLines(start).sort((a, b) => a.time - b.time);
  // Seconds of jitter, not minutes: the whole scenario spans two minutes.
  const plan = planDelivery(written, demoProfile(start.getTime()), { seed: 2025, transportMs: 200, jitterShare: 0.3, jitterMs: [1_000, 20_000] });
  return plan.map((delivery) => {
    const line = written[delivery.index]!;
    return { peer: line.peer, line: line.render(new Date(delivery.stampedMs)) };
  });
}

function writtenLines(start: Date): WrittenLine[] {
  const lines: WrittenLine[] = [];
  const write = (seconds: number, peer: string, source: string, render: (at: Date) => string) => lines.push({ time: start.getTime() + seconds * 1000, source, peer, render });

  // 1. Password guessing against the SSH server of Radebeul's web portal.
  for (let attempt = 0; attempt < 25; attempt += 1) {
    const user = ['root', 'admin', 'oracle', 'test', 'postgres'][attempt % 5]!;
    write(attempt * 2, '10.51.0.10', 'portal.radebeul.example', (at) => rfc5424(at, 'portal.radebeul.example', 'sshd', 4242 + attempt, `Failed password for ${user === 'root' ? '' : 'invalid user '}${user} from 203.0.113.45 port ${50000 + attempt} ssh2`));
  }

  // 2. Password spraying: one source, a few tries each at several municipalities.
  const sprayed = [
    { peer: '10.51.0.11', host: 'vpn.radebeul.example' },
    { peer: '10.52.0.11', host: 'vpn.moritzburg.example' },
    { peer: '10.53.0.11', host: 'vpn.grossenhain.example' },
    { peer: '10.50.0.11', host: 'vpn.kreis-meissen.example' },
  ];
  sprayed.forEach((target, index) => {
    for (const user of ['m.mueller', 's.schmidt', 'verwaltung']) {
      write(60 + index * 5, target.peer, target.host, (at) => rfc5424(at, target.host, 'sshd', 7000 + index, `Failed password for invalid user ${user} from 198.51.100.23 port ${41000 + index} ssh2`));
    }
  });

  // 3. A port scan from outside against Moritzburg's firewall.
  for (let port = 20; port < 50; port += 1) {
    write(90 + port / 10, '10.52.0.1', 'fw.moritzburg.example', (at) => rfc3164(at, 'fw.moritzburg.example', 'kernel', `[UFW BLOCK] IN=eth0 OUT= MAC= SRC=203.0.113.99 DST=10.52.0.5 LEN=44 TOS=0x00 PREC=0x00 TTL=51 ID=4242 PROTO=TCP SPT=61000 DPT=${port} WINDOW=1024 RES=0x00 SYN URGP=0`));
  }

  // 4. Root login and privilege use on a server of the Landesdirektion.
  write(120, '10.21.0.20', 'fs01.lds.example', (at) => rfc5424(at, 'fs01.lds.example', 'sshd', 9100, 'Accepted password for root from 203.0.113.77 port 52211 ssh2'));
  write(125, '10.21.0.20', 'fs01.lds.example', (at) => rfc3164(at, 'fs01.lds.example', 'sudo', '   backup : TTY=pts/0 ; PWD=/home/backup ; USER=root ; COMMAND=/bin/bash'));

  // 5. A workstation of the ministry resolves a known command-and-control domain.
  write(130, '10.20.0.53', 'dns01.smi.example', (at) => rfc3164(at, 'dns01.smi.example', 'named[812]', 'client @0x7f3a2c 10.20.4.17#53211 (cdn.evil-c2.example): query: cdn.evil-c2.example IN A +E(0) (10.20.0.53)'));

  // 6. Two hours earlier on Radebeul's portal, in the spool delivered late: a burst of guessing and a root login.
  for (let attempt = 0; attempt < 12; attempt += 1) {
    write(PORTAL_SPOOL.fromSeconds + 120 + attempt * 3, '10.51.0.10', 'portal.radebeul.example', (at) => rfc5424(at, 'portal.radebeul.example', 'sshd', 3100 + attempt, `Failed password for root from 192.0.2.201 port ${45000 + attempt} ssh2`));
  }
  write(PORTAL_SPOOL.fromSeconds + 180, '10.51.0.10', 'portal.radebeul.example', (at) => rfc5424(at, 'portal.radebeul.example', 'sshd', 3200, 'Accepted password for root from 192.0.2.201 port 45100 ssh2'));
  return lines;
}

/**
 * Sends the lines in arrival order, `pauseMs` apart: the minutes between a block and the next are not
 * waited for, so that the whole story is on screen within seconds of the start.
 */
export async function replayAttackScenario(sink: IngestSink, logger: Logger, pauseMs = 20): Promise<void> {
  const lines = attackScenario(new Date());
  for (const { line, peer } of lines) {
    const meta: MessageMeta = { transport: 'udp', peerAddress: peer };
    sink.accept(line, meta);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  logger.info({ lines: lines.length }, 'Demo attack scenario replayed');
}
