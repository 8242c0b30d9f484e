import type { IngestSink, MessageMeta } from '../../collectors/ingest-sink.js';
import type { Logger } from '../../core/logging.js';

/**
 * The built-in attack scenario of `--demo`: a morning in the demo constituency, replayed through the
 * real collector pipeline as the syslog lines the authorities' systems would send. Addresses are
 * from the documentation ranges (RFC 5737), hosts and names are invented.
 */
interface ScenarioLine {
  line: string;
  peer: string;
}

const rfc5424 = (at: Date, host: string, app: string, pid: number, message: string) => `<38>1 ${at.toISOString()} ${host} ${app} ${pid} - - ${message}`;
const rfc3164 = (at: Date, host: string, tag: string, message: string) => {
  const month = at.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const time = at.toISOString().slice(11, 19);
  return `<4>${month} ${String(at.getUTCDate()).padStart(2, ' ')} ${time} ${host} ${tag}: ${message}`;
};

export function attackScenario(start: Date): ScenarioLine[] {
  const lines: ScenarioLine[] = [];
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

  // 1. Password guessing against the SSH server of Radebeul's web portal.
  for (let attempt = 0; attempt < 25; attempt += 1) {
    const user = ['root', 'admin', 'oracle', 'test', 'postgres'][attempt % 5]!;
    lines.push({ peer: '10.51.0.10', line: rfc5424(at(attempt * 2), 'portal.radebeul.example', 'sshd', 4242 + attempt, `Failed password for ${user === 'root' ? '' : 'invalid user '}${user} from 203.0.113.45 port ${50000 + attempt} ssh2`) });
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
      lines.push({ peer: target.peer, line: rfc5424(at(60 + index * 5), target.host, 'sshd', 7000 + index, `Failed password for invalid user ${user} from 198.51.100.23 port ${41000 + index} ssh2`) });
    }
  });

  // 3. A port scan from outside against Moritzburg's firewall.
  for (let port = 20; port < 50; port += 1) {
    lines.push({ peer: '10.52.0.1', line: rfc3164(at(90 + port / 10), 'fw.moritzburg.example', 'kernel', `[UFW BLOCK] IN=eth0 OUT= MAC= SRC=203.0.113.99 DST=10.52.0.5 LEN=44 TOS=0x00 PREC=0x00 TTL=51 ID=4242 PROTO=TCP SPT=61000 DPT=${port} WINDOW=1024 RES=0x00 SYN URGP=0`) });
  }

  // 4. Root login and privilege use on a server of the Landesdirektion.
  lines.push({ peer: '10.21.0.20', line: rfc5424(at(120), 'fs01.lds.example', 'sshd', 9100, 'Accepted password for root from 203.0.113.77 port 52211 ssh2') });
  lines.push({ peer: '10.21.0.20', line: rfc3164(at(125), 'fs01.lds.example', 'sudo', '   backup : TTY=pts/0 ; PWD=/home/backup ; USER=root ; COMMAND=/bin/bash') });

  // 5. A workstation of the ministry resolves a known command-and-control domain.
  lines.push({ peer: '10.20.0.53', line: rfc3164(at(130), 'dns01.smi.example', 'named[812]', 'client @0x7f3a2c 10.20.4.17#53211 (cdn.evil-c2.example): query: cdn.evil-c2.example IN A +E(0) (10.20.0.53)') });
  return lines;
}

export async function replayAttackScenario(sink: IngestSink, logger: Logger, pauseMs = 20): Promise<void> {
  const lines = attackScenario(new Date());
  for (const { line, peer } of lines) {
    const meta: MessageMeta = { transport: 'udp', peerAddress: peer };
    sink.accept(line, meta);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  logger.info({ lines: lines.length }, 'Demo attack scenario replayed');
}
