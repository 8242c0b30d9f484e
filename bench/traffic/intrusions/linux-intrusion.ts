import { resolverAddress, type BenchOrganisation } from '../constituency.js';
import type { GeneratedLine } from '../generated-line.js';
import { authLogLine, bindQueryLine, sshdLine, sudoLine, ufwLine } from '../log-line-formats.js';
import { attackerAddress, stageLine, type IntrusionContext } from './intrusion-stage.js';

export const LINUX_INTRUSION_STAGES = ['port-scan', 'password-guessing', 'login', 'root', 'sudo-account', 'c2-dns'] as const;

const SCANNED_PORTS = [21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 389, 443, 445, 465, 587, 631, 873, 993, 995, 1433, 2049, 3128, 3306, 3389, 5432, 5900, 6379, 8000, 8080, 8443, 9000, 9090, 9200, 10000, 27017];
/** Local accounts of a Samba file server that a guesser tries; the first one is taken. */
const LOCAL_ACCOUNTS = ['verwaltung', 'scanner', 'kasse', 'bauamt'];
const NEW_ACCOUNTS = ['sysupd', 'svc-mon', 'backup2'];
/** Entries of rules/ioc/c2-domains.txt (a listed domain also matches its subdomains). */
const C2_DOMAINS = ['evil-c2.example', 'cdn.evil-c2.example', 'beacon.example.net', 'exfil.invalid'];

/**
 * The Linux chain of issue 17: one attacker address scans a municipality's file server (its own ufw
 * logs the drops), guesses SSH passwords, logs in with the account that worked, becomes root with
 * sudo, creates an account and adds it to the sudo group, and the server then resolves a C2 domain
 * through the organisation's BIND resolver. The server sits behind the perimeter's address
 * translation, so its ufw and the resolver see its internal address; servers get addresses below the
 * clients' (.20–.250) range.
 */
export function linuxIntrusion(org: BenchOrganisation, context: IntrusionContext): GeneratedLine[] {
  const { random } = context;
  const attacker = attackerAddress(random);
  const server = `nas0${random.int(1, 3)}.${org.domain}`;
  const serverAddress = `${org.internalPrefix}.${random.int(5, 15)}`;
  const account = random.pick(LOCAL_ACCOUNTS);
  const created = random.pick(NEW_ACCOUNTS);
  const at = (stage: string, offsetMs: number, text: (ms: number) => string) => stageLine(org, context, stage, offsetMs, text(context.start + offsetMs));
  const out: GeneratedLine[] = [];
  SCANNED_PORTS.forEach((port, i) => out.push(at('port-scan', i * 250, (ms) => ufwLine(ms, server, 'BLOCK', attacker, serverAddress, 'TCP', 44000 + i, port))));
  const guessing = random.int(5, 15) * 60_000;
  for (let i = 0; i < 16; i++) {
    const user = [account, 'admin', 'root', 'test'][i % 4]!;
    out.push(at('password-guessing', guessing + i * 4000, (ms) => sshdLine(ms, server, 30100 + i, `Failed password for ${user} from ${attacker} port ${45000 + i} ssh2`)));
  }
  const login = guessing + random.int(2, 6) * 60_000;
  out.push(at('login', login, (ms) => sshdLine(ms, server, 30200, `Accepted password for ${account} from ${attacker} port 45100 ssh2`)));
  const root = login + random.int(1, 4) * 60_000;
  out.push(at('root', root, (ms) => sudoLine(ms, server, `${account} : TTY=pts/0 ; PWD=/home/${account} ; USER=root ; COMMAND=/bin/bash`)));
  const accountAt = root + random.int(1, 5) * 60_000;
  // What `useradd -m sysupd` and then `usermod -aG sudo sysupd` write (shadow-utils, src/useradd.c and usermod.c).
  out.push(at('sudo-account', accountAt, (ms) => authLogLine(ms, server, 'useradd', 30300, `new group: name=${created}, GID=1005`)));
  out.push(at('sudo-account', accountAt, (ms) => authLogLine(ms, server, 'useradd', 30300, `new user: name=${created}, UID=1005, GID=1005, home=/home/${created}, shell=/bin/bash, from=/dev/pts/0`)));
  out.push(at('sudo-account', accountAt + 20_000, (ms) => authLogLine(ms, server, 'usermod', 30301, `add '${created}' to group 'sudo'`)));
  out.push(at('sudo-account', accountAt + 20_000, (ms) => authLogLine(ms, server, 'usermod', 30301, `add '${created}' to shadow group 'sudo'`)));
  const c2 = accountAt + random.int(5, 30) * 60_000;
  const domain = random.pick(C2_DOMAINS);
  out.push(at('c2-dns', c2, (ms) => bindQueryLine(ms, serverAddress, 53100, domain, 'A', resolverAddress(org))));
  return out;
}
