import type { BenchOrganisation } from './constituency.js';
import { publicAddress, resolverAddress } from './constituency.js';
import type { GeneratedLine } from './generated-line.js';
import { bindQueryLine, ecsJsonLine, squidLine, sshdLine, ufwLine, winlogbeatLine } from './log-line-formats.js';
import type { RandomSource } from '../../cli/demo/random-source.js';

/**
 * The situations of DOMAIN.md as labelled attacks, each with the rules (by `name`, IOC lists by id)
 * whose incidents count as finding it. IOC values come from the shipped lists in rules/ioc/.
 */
export const SCENARIOS = {
  'ssh-password-guessing': ['ssh_password_guessing', 'ssh_guessing_then_success'],
  'windows-password-guessing': ['windows_password_guessing', 'windows_account_guessing'],
  'spraying-campaign': ['password_spraying_across_organisations'],
  'port-scan': ['port_scan_external', 'scan_across_organisations'],
  'c2-contact': ['ioc-c2-addresses', 'ioc-c2-domains', 'c2_contact_across_organisations'],
  'av-not-removed': ['av_malware_not_removed', 'malware_not_removed_then_c2'],
  'new-admin-account': ['new_account_made_admin', 'win_user_account_created_off_hours', 'win_member_added_admin_group'],
  'ransomware-renames': ['ransomware_mass_rename', 'ransomware_file_renamed', 'ransom_note_created'],
  'phishing-click': ['ioc-phishing-urls', 'proxy_credential_phishing_path'],
} as const satisfies Record<string, readonly string[]>;

export type ScenarioName = keyof typeof SCENARIOS;

export interface AttackInstance {
  scenario: ScenarioName;
  label: string;
  organizationIds: string[];
}

interface AttackContext {
  random: RandomSource;
  /** Start of the attack (event time, epoch ms). */
  start: number;
  label: string;
}

const attackerAddress = (random: RandomSource): string => `185.${random.int(100, 230)}.${random.int(0, 255)}.${random.int(1, 254)}`;
const USERS = ['admin', 'administrator', 'root', 'test', 'user', 'scanner', 'backup', 'guest', 'oracle', 'postgres', 'info', 'support'];

function line(org: BenchOrganisation, context: AttackContext, offsetMs: number, text: string): GeneratedLine {
  return { time: context.start + offsetMs, text, organizationId: org.organisation.id, label: context.label };
}

export function sshPasswordGuessing(org: BenchOrganisation, context: AttackContext): GeneratedLine[] {
  const source = attackerAddress(context.random);
  const out: GeneratedLine[] = [];
  for (let i = 0; i < 40; i++) out.push(line(org, context, i * 3000, sshdLine(context.start + i * 3000, 'srv01', 20000 + i, `Failed password for ${USERS[i % 4]} from ${source} port ${40000 + i} ssh2`)));
  return out;
}

export function windowsPasswordGuessing(org: BenchOrganisation, context: AttackContext): GeneratedLine[] {
  const source = attackerAddress(context.random);
  const out: GeneratedLine[] = [];
  for (let i = 0; i < 30; i++) {
    const time = context.start + i * 5000;
    out.push(line(org, context, i * 5000, winlogbeatLine(time, `DC01.${org.domain}`, 4625, 'Security', { TargetUserName: 'administrator', TargetDomainName: 'KOMMUNE', LogonType: '3', IpAddress: source, IpPort: '0', Status: '0xc000006d', SubStatus: '0xc000006a' }, 900_000 + i)));
  }
  return out;
}

/** One source tries three accounts at each of many municipalities within the hour: the campaign only the CERT sees. */
export function sprayingCampaign(orgs: BenchOrganisation[], context: AttackContext): GeneratedLine[] {
  const source = attackerAddress(context.random);
  const out: GeneratedLine[] = [];
  orgs.forEach((org, index) => {
    for (let i = 0; i < 3; i++) {
      const offset = index * 120_000 + i * 10_000;
      out.push(line(org, context, offset, sshdLine(context.start + offset, `vpn01`, 30000 + i, `Failed password for ${USERS[i]} from ${source} port ${50000 + index} ssh2`)));
    }
  });
  return out;
}

export function portScan(org: BenchOrganisation, context: AttackContext): GeneratedLine[] {
  const source = attackerAddress(context.random);
  const out: GeneratedLine[] = [];
  for (let port = 1; port <= 200; port++) {
    const offset = port * 100;
    out.push(line(org, context, offset, ufwLine(context.start + offset, `fw01.${org.domain}`, 'BLOCK', source, publicAddress(org, 3), 'TCP', 61000, port)));
  }
  return out;
}

export function c2Contact(org: BenchOrganisation, context: AttackContext): GeneratedLine[] {
  const host = `${org.internalPrefix}.${context.random.int(20, 250)}`;
  const out: GeneratedLine[] = [];
  for (let i = 0; i < 5; i++) {
    const offset = i * 60_000;
    out.push(line(org, context, offset, bindQueryLine(context.start + offset, host, 53000 + i, 'beacon.example.net', 'A', resolverAddress(org))));
    out.push(line(org, context, offset + 50, ufwLine(context.start + offset + 50, `fw01.${org.domain}`, 'ALLOW', host, '203.0.113.66', 'TCP', 51000 + i, 443)));
  }
  return out;
}

export function avNotRemoved(org: BenchOrganisation, context: AttackContext): GeneratedLine[] {
  const user = context.random.pick(['mueller', 'weber', 'koch']);
  return [
    line(org, context, 0, ecsJsonLine(context.start, {
      event: { kind: 'alert', module: 'defender', dataset: 'defender.detection', category: ['malware'], type: ['info'], outcome: 'failure', action: 'quarantine-failed' },
      rule: { name: 'Trojan:Win32/Emotet.PVD!MTB' },
      host: { name: `pc-${context.random.int(500, 900)}.${org.domain}`, ip: [`${org.internalPrefix}.${context.random.int(20, 250)}`] },
      file: { path: `C:\\Users\\${user}\\Downloads\\Rechnung_2025_03.exe`, hash: { sha256: 'f1d2d2f924e986ac86fdf7b36c94bcdf32beec15d2a4b5e8f1b1b3c0e5b0a7c1' } },
      user: { name: user },
    })),
  ];
}

/** An account created at night and made a domain admin minutes later (4720 then 4728). */
export function newAdminAccount(org: BenchOrganisation, context: AttackContext): GeneratedLine[] {
  const sid = `S-1-5-21-3623811015-3361044348-30300820-${context.random.int(2000, 9000)}`;
  const name = `svc_${context.random.int(100, 999)}`;
  const dc = `DC01.${org.domain}`;
  return [
    line(org, context, 0, winlogbeatLine(context.start, dc, 4720, 'Security', { TargetUserName: name, TargetDomainName: 'KOMMUNE', TargetSid: sid, SubjectUserName: 'admin2', SubjectDomainName: 'KOMMUNE' }, 800_001)),
    line(org, context, 240_000, winlogbeatLine(context.start + 240_000, dc, 4728, 'Security', { TargetUserName: 'Domain Admins', TargetDomainName: 'KOMMUNE', TargetSid: 'S-1-5-21-3623811015-3361044348-30300820-512', MemberName: `CN=${name},OU=Users,DC=kommune,DC=example`, MemberSid: sid, SubjectUserName: 'admin2', SubjectDomainName: 'KOMMUNE' }, 800_002)),
  ];
}

export function ransomwareRenames(org: BenchOrganisation, context: AttackContext): GeneratedLine[] {
  const host = `fs01.${org.domain}`;
  const user = context.random.pick(['mueller', 'weber', 'koch']);
  const out: GeneratedLine[] = [];
  for (let i = 0; i < 150; i++) {
    const offset = i * 200;
    out.push(line(org, context, offset, ecsJsonLine(context.start + offset, {
      event: { kind: 'event', module: 'sysmon', category: ['file'], type: ['change'], action: 'rename' },
      host: { name: host },
      user: { name: user },
      file: { path: `D:\\Freigaben\\Bauamt\\Akte_${i}.docx.lockbit`, extension: 'lockbit', name: `Akte_${i}.docx.lockbit` },
      process: { name: 'svchosts.exe', executable: 'C:\\Users\\Public\\svchosts.exe' },
    })));
  }
  return out;
}

export function phishingClick(org: BenchOrganisation, context: AttackContext): GeneratedLine[] {
  const client = `${org.internalPrefix}.${context.random.int(20, 250)}`;
  const user = context.random.pick(['mueller', 'weber', 'koch']);
  return [line(org, context, 0, squidLine(context.start, 210, client, 'TCP_MISS/200', 18_211, 'GET', 'https://rathaus-login.example.com/owa/auth/logon.aspx', user, 'HIER_DIRECT/203.0.113.44', 'text/html'))];
}
