import type { BenchOrganisation } from './constituency.js';
import { publicAddress, resolverAddress } from './constituency.js';
import type { GeneratedLine } from './generated-line.js';
import { bindQueryLine, cronLine, ecsJsonLine, nginxLine, squidLine, sshdLine, sudoLine, ufwLine } from './log-line-formats.js';
import { windowsBackgroundLine } from './windows-background.js';
import type { RandomSource } from '../../cli/demo/random-source.js';

const USERS = ['mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'schulz', 'hoffmann', 'koch', 'richter', 'klein', 'wolf', 'neumann', 'braun'];
const ADMINS = ['admin', 'deploy', 'ansible'];
const DOMAINS = ['www.sachsen.de', 'www.google.com', 'outlook.office365.com', 'login.microsoftonline.com', 'www.wikipedia.org', 'update.microsoft.com', 'www.tagesschau.de', 'www.mdr.de', 'cdn.jsdelivr.net', 'www.bund.de', 'fonts.googleapis.com', 'www.elster.de'];
const WEB_PATHS = ['/', '/index.html', '/buergerservice/', '/aktuelles/', '/css/main.css', '/js/app.js', '/formulare/antrag.pdf', '/kontakt/', '/favicon.ico'];
const AGENTS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148', 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0'];
const PROBED_PORTS = [22, 23, 80, 443, 445, 1433, 3306, 3389, 5900, 8080, 8443];

/** Ordinary public addresses (never in the IOC lists) for clients on the internet and web destinations. */
function internetAddress(random: RandomSource): string {
  return `${random.pick([31, 37, 46, 62, 77, 79, 80, 84, 87, 91, 93, 94, 95])}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
}

/**
 * Everyday traffic of one organisation: firewall allow and block lines, DNS queries, proxy requests,
 * Windows logons and process starts, sshd/sudo/cron, web server hits, and AV scans that cleaned what
 * they found. Mistyped passwords and internet background probes are part of it, as in reality.
 */
export function backgroundLine(org: BenchOrganisation, time: number, random: RandomSource, sequence: number): GeneratedLine {
  const client = `${org.internalPrefix}.${random.int(20, 250)}`;
  const user = random.pick(USERS);
  const roll = random.next();
  const organizationId = org.organisation.id;
  let text: string;
  if (roll < 0.2) {
    text = ufwLine(time, `fw01.${org.domain}`, 'ALLOW', client, internetAddress(random), 'TCP', random.int(32768, 60999), random.pick([443, 443, 443, 80, 993]));
  } else if (roll < 0.3) {
    text = ufwLine(time, `fw01.${org.domain}`, 'BLOCK', internetAddress(random), publicAddress(org, random.int(0, 13)), 'TCP', random.int(1024, 65535), random.pick(PROBED_PORTS));
  } else if (roll < 0.5) {
    text = bindQueryLine(time, client, random.int(1024, 65535), random.pick(DOMAINS), random.pick(['A', 'AAAA', 'A', 'HTTPS']), resolverAddress(org));
  } else if (roll < 0.67) {
    const domain = random.pick(DOMAINS);
    text = squidLine(time, random.int(5, 900), client, 'TCP_TUNNEL/200', random.int(500, 200_000), 'CONNECT', `${domain}:443`, user, `HIER_DIRECT/${internetAddress(random)}`, '-');
  } else if (roll < 0.82) {
    text = windowsBackgroundLine(org, time, random, client, user, sequence);
  } else if (roll < 0.9) {
    text = linuxLine(org, time, random, client, user);
  } else if (roll < 0.99) {
    text = nginxLine(time, internetAddress(random), 'GET', random.pick(WEB_PATHS), random.pick([200, 200, 200, 304, 404]), random.int(200, 40_000), random.pick(AGENTS));
  } else {
    text = ecsJsonLine(time, {
      event: { kind: 'alert', module: 'defender', dataset: 'defender.detection', category: ['malware'], type: ['info'], outcome: 'success', action: 'quarantined' },
      rule: { name: 'PUA:Win32/Presenoker' },
      host: { name: `pc-${random.int(100, 400)}.${org.domain}`, ip: [client] },
      file: { path: `C:\\Users\\${user}\\Downloads\\setup_free.exe` },
      user: { name: user },
    });
  }
  return { time, text, organizationId };
}

function linuxLine(org: BenchOrganisation, time: number, random: RandomSource, client: string, user: string): string {
  const host = `srv0${random.int(1, 6)}.${org.domain}`;
  const roll = random.next();
  const pid = random.int(1000, 60000);
  if (roll < 0.6) return sshdLine(time, host, pid, `Accepted publickey for ${random.pick(ADMINS)} from ${client} port ${random.int(32768, 60999)} ssh2: ED25519 SHA256:Kk0eYmS4pyXbL9B0Y3ZQ1a9xTnJbqk7x0vO1w5Gk8ZQ`);
  if (roll < 0.66) return sshdLine(time, host, pid, `Failed password for ${user} from ${client} port ${random.int(32768, 60999)} ssh2`);
  if (roll < 0.8) return sudoLine(time, host, `${random.pick(ADMINS)} : TTY=pts/0 ; PWD=/home/admin ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx`);
  return cronLine(time, host, pid, 'root');
}
