import type { BenchOrganisation } from '../constituency.js';
import type { GeneratedLine } from '../generated-line.js';
import { ecsJsonLine, winlogbeatLine } from '../log-line-formats.js';
import { stageLine, type IntrusionContext } from './intrusion-stage.js';

export const RANSOMWARE_INTRUSION_STAGES = ['malware-not-removed', 'shadow-copy-deletion', 'mass-rename', 'ransom-note'] as const;

const USERS = ['mueller', 'schneider', 'fischer', 'wagner', 'hoffmann'];
const SHARES = ['Bauamt', 'Kaemmerei', 'Personal', 'Ordnungsamt'];
const EXTENSIONS = ['lockbit', 'akira', 'royal'];
const NOTES = ['README_DECRYPT.txt', 'HOW_TO_DECRYPT.html', 'RESTORE_FILES.txt'];

/**
 * The ransomware chain of issue 17 on one file server, under the account the attacker runs as: the
 * anti-virus finds the payload but cannot quarantine it (a Defender detection shipped as ECS JSON),
 * the payload deletes the shadow copies with vssadmin (4688 with command line auditing), renames the
 * files of a share as it encrypts them (file events of the endpoint agent, ECS JSON as Elastic Defend
 * ships them) and writes its ransom note (Sysmon 11).
 */
export function ransomwareIntrusion(org: BenchOrganisation, context: IntrusionContext): GeneratedLine[] {
  const { random } = context;
  const host = `FS0${random.int(2, 4)}.${org.domain}`;
  const user = random.pick(USERS);
  const share = random.pick(SHARES);
  const extension = random.pick(EXTENSIONS);
  const payload = `C:\\Users\\${user}\\AppData\\Local\\Temp\\svchosts.exe`;
  const payloadPid = random.int(2000, 9000);
  const record = random.int(100_000, 900_000);
  const at = (stage: string, offsetMs: number, text: (ms: number) => string) => stageLine(org, context, stage, offsetMs, text(context.start + offsetMs));
  const out: GeneratedLine[] = [];
  out.push(at('malware-not-removed', 0, (ms) => ecsJsonLine(ms, {
    event: { kind: 'alert', module: 'defender', dataset: 'defender.detection', category: ['malware'], type: ['info'], outcome: 'failure', action: 'quarantine-failed' },
    rule: { name: 'Ransom:Win32/LockBit.MK!MTB' },
    host: { name: host, ip: [`${org.internalPrefix}.${random.int(5, 15)}`] },
    file: { path: payload, hash: { sha256: random.int(0x10000000, 0x7fffffff).toString(16).padStart(64, 'a') } },
    user: { name: user },
  })));
  const deletion = random.int(5, 40) * 60_000;
  out.push(at('shadow-copy-deletion', deletion, (ms) => winlogbeatLine(ms, host, 4688, 'Security', {
    SubjectUserName: user,
    SubjectDomainName: 'KOMMUNE',
    SubjectLogonId: '0x8a1f2',
    NewProcessId: '0x1a2c',
    NewProcessName: 'C:\\Windows\\System32\\vssadmin.exe',
    TokenElevationType: '%%1937',
    ProcessId: `0x${payloadPid.toString(16)}`,
    CommandLine: 'vssadmin.exe delete shadows /all /quiet',
    ParentProcessName: payload,
    MandatoryLabel: 'S-1-16-12288',
  }, record)));
  const renames = deletion + random.int(1, 5) * 60_000;
  for (let i = 0; i < 120; i++) {
    const name = `Akte_${String(i).padStart(4, '0')}.docx`;
    out.push(at('mass-rename', renames + i * 250, (ms) => ecsJsonLine(ms, {
      event: { kind: 'event', module: 'endpoint', dataset: 'endpoint.events.file', category: ['file'], type: ['change'], action: 'rename' },
      host: { name: host },
      user: { name: user },
      file: { path: `D:\\Freigaben\\${share}\\${name}.${extension}`, name: `${name}.${extension}`, extension, Ext: { original: { path: `D:\\Freigaben\\${share}\\${name}`, name } } },
      process: { name: 'svchosts.exe', executable: payload, pid: payloadPid },
    })));
  }
  const note = renames + 40_000;
  out.push(at('ransom-note', note, (ms) => winlogbeatLine(ms, host, 11, 'Microsoft-Windows-Sysmon/Operational', {
    RuleName: '-',
    ProcessGuid: `{5f2a${random.int(0x1000, 0xffff).toString(16)}-1c2d-4a1b-9c2d-000000000b01}`,
    ProcessId: String(payloadPid),
    Image: payload,
    TargetFilename: `D:\\Freigaben\\${share}\\${random.pick(NOTES)}`,
    User: `KOMMUNE\\${user}`,
  }, record + 1)));
  return out;
}
