import type { RandomSource } from '../../cli/demo/random-source.js';
import type { BenchOrganisation } from './constituency.js';
import { winlogbeatLine } from './log-line-formats.js';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const POWERSHELL = 'Microsoft-Windows-PowerShell/Operational';

/** A process start as Sysmon reports it: image, command line, parent, and the account it ran as. */
interface ProcessStart {
  image: string;
  commandLine: string;
  parentImage: string;
  parentCommandLine: string;
  user: 'user' | 'system' | 'admin';
}

/**
 * What runs on a municipal Windows fleet on an ordinary day, the benign counterpart the noise of
 * SigmaHQ's rules is measured against: users' applications, Office and browser updaters, software
 * distribution (SCCM client, msiexec), Group Policy, Defender, and administrators' everyday
 * commands. The command lines follow what these products are documented to run; the mix is ours.
 */
const PROCESS_STARTS: ProcessStart[] = [
  { image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', commandLine: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=de --field-trial-handle=1812', parentImage: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', parentCommandLine: '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"', user: 'user' },
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', commandLine: '"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"', parentImage: 'C:\\Windows\\explorer.exe', parentCommandLine: 'C:\\Windows\\Explorer.EXE', user: 'user' },
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', commandLine: '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "\\\\fs01\\ablage\\Bauamt\\Antrag.docx"', parentImage: 'C:\\Windows\\explorer.exe', parentCommandLine: 'C:\\Windows\\Explorer.EXE', user: 'user' },
  { image: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', commandLine: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --type=utility --utility-sub-type=network.mojom.NetworkService', parentImage: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', parentCommandLine: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe"', user: 'user' },
  { image: 'C:\\Windows\\System32\\svchost.exe', commandLine: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', parentImage: 'C:\\Windows\\System32\\services.exe', parentCommandLine: 'C:\\Windows\\system32\\services.exe', user: 'system' },
  { image: 'C:\\Windows\\System32\\gpupdate.exe', commandLine: 'gpupdate.exe /target:computer', parentImage: 'C:\\Windows\\System32\\svchost.exe', parentCommandLine: 'C:\\Windows\\system32\\svchost.exe -k GPSvcGroup', user: 'system' },
  { image: 'C:\\Windows\\System32\\msiexec.exe', commandLine: 'C:\\Windows\\system32\\msiexec.exe /V', parentImage: 'C:\\Windows\\System32\\services.exe', parentCommandLine: 'C:\\Windows\\system32\\services.exe', user: 'system' },
  { image: 'C:\\Windows\\System32\\msiexec.exe', commandLine: 'msiexec.exe /i "C:\\Windows\\ccmcache\\3f\\AcroRead.msi" /qn /norestart', parentImage: 'C:\\Windows\\CCM\\CcmExec.exe', parentCommandLine: 'C:\\Windows\\CCM\\CcmExec.exe', user: 'system' },
  { image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: 'powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "C:\\Windows\\CCM\\SystemTemp\\compliance.ps1"', parentImage: 'C:\\Windows\\CCM\\CcmExec.exe', parentCommandLine: 'C:\\Windows\\CCM\\CcmExec.exe', user: 'system' },
  { image: 'C:\\Program Files\\Windows Defender\\MpCmdRun.exe', commandLine: '"C:\\Program Files\\Windows Defender\\MpCmdRun.exe" -SignatureUpdate -MMPC', parentImage: 'C:\\Windows\\System32\\svchost.exe', parentCommandLine: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', user: 'system' },
  { image: 'C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe', commandLine: '"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe" /ua /installsource scheduler', parentImage: 'C:\\Windows\\System32\\svchost.exe', parentCommandLine: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', user: 'system' },
  { image: 'C:\\Windows\\System32\\conhost.exe', commandLine: '\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1', parentImage: 'C:\\Windows\\System32\\cmd.exe', parentCommandLine: '"C:\\Windows\\system32\\cmd.exe"', user: 'user' },
  { image: 'C:\\Windows\\System32\\ipconfig.exe', commandLine: 'ipconfig /all', parentImage: 'C:\\Windows\\System32\\cmd.exe', parentCommandLine: '"C:\\Windows\\system32\\cmd.exe"', user: 'admin' },
  { image: 'C:\\Windows\\System32\\net.exe', commandLine: 'net use H: \\\\fs01\\home$ /persistent:no', parentImage: 'C:\\Windows\\System32\\cmd.exe', parentCommandLine: 'C:\\Windows\\system32\\cmd.exe /c \\\\kommune.local\\NETLOGON\\logon.cmd', user: 'user' },
  { image: 'C:\\Windows\\System32\\taskhostw.exe', commandLine: 'taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}', parentImage: 'C:\\Windows\\System32\\svchost.exe', parentCommandLine: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', user: 'user' },
  { image: 'C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe', commandLine: '"C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe" /reporting', parentImage: 'C:\\Windows\\System32\\svchost.exe', parentCommandLine: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', user: 'user' },
  { image: 'C:\\Windows\\System32\\mmc.exe', commandLine: '"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\dsa.msc"', parentImage: 'C:\\Windows\\explorer.exe', parentCommandLine: 'C:\\Windows\\Explorer.EXE', user: 'admin' },
  { image: 'C:\\Windows\\System32\\schtasks.exe', commandLine: 'schtasks.exe /query /fo LIST /v', parentImage: 'C:\\Windows\\System32\\cmd.exe', parentCommandLine: '"C:\\Windows\\system32\\cmd.exe"', user: 'admin' },
];

/** Values written into Run keys by software that starts with the user's session. */
const RUN_KEY_WRITES = [
  { image: 'C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe', value: 'OneDrive', details: '"C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background' },
  { image: 'C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\Teams\\Update.exe', value: 'com.squirrel.Teams.Teams', details: 'C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\Teams\\Update.exe --processStart "Teams.exe" --process-start-args "--system-initiated"' },
];

const DNS_NAMES = ['outlook.office365.com', 'login.microsoftonline.com', 'www.sachsen.de', 'settings-win.data.microsoft.com', 'fs01.kommune.local', 'wpad.kommune.local', 'edge.microsoft.com', 'www.google.com'];

/**
 * Ordinary Windows events of one organisation: Security logons, logoffs, Kerberos service tickets
 * (AES, as a current domain issues them), privileged logons and directory replication between domain
 * controllers; Sysmon process starts, network connections, DNS queries, file creations, image loads
 * and Run-key writes; PowerShell script blocks of the software-distribution client; and now and then
 * a service an updater installs.
 */
export function windowsBackgroundLine(org: BenchOrganisation, time: number, random: RandomSource, client: string, user: string, sequence: number): string {
  const dc = `DC01.${org.domain}`;
  const pc = `PC-${random.int(100, 400)}.${org.domain}`;
  const roll = random.next();
  if (roll < 0.22) return winlogbeatLine(time, dc, 4624, 'Security', { TargetUserName: user, TargetDomainName: 'KOMMUNE', LogonType: random.pick(['3', '2', '3', '10']), IpAddress: client, IpPort: String(random.int(49152, 65535)), TargetLogonId: `0x${random.int(0x10000, 0xfffff).toString(16)}`, LogonProcessName: 'Kerberos', AuthenticationPackageName: 'Kerberos' }, sequence);
  if (roll < 0.36) return winlogbeatLine(time, dc, 4634, 'Security', { TargetUserName: user, TargetDomainName: 'KOMMUNE', LogonType: '3' }, sequence);
  if (roll < 0.4) return winlogbeatLine(time, pc, 4688, 'Security', { SubjectUserName: user, SubjectDomainName: 'KOMMUNE', NewProcessName: 'C:\\Windows\\System32\\cmd.exe', CommandLine: '"C:\\Windows\\system32\\cmd.exe"', ParentProcessName: 'C:\\Windows\\explorer.exe' }, sequence);
  if (roll < 0.41) return winlogbeatLine(time, dc, 4625, 'Security', { TargetUserName: user, TargetDomainName: 'KOMMUNE', LogonType: '2', IpAddress: client, IpPort: '0', Status: '0xc000006d', SubStatus: '0xc000006a' }, sequence);
  if (roll < 0.47) return winlogbeatLine(time, dc, 4769, 'Security', { TargetUserName: `${user}@KOMMUNE.LOCAL`, ServiceName: random.pick(['FS01$', 'PC-1' + random.int(10, 99) + '$', 'krbtgt', 'SQL01$']), TicketOptions: '0x40810000', TicketEncryptionType: '0x12', IpAddress: `::ffff:${client}`, Status: '0x0' }, sequence);
  if (roll < 0.49) return winlogbeatLine(time, dc, 4672, 'Security', { SubjectUserName: random.pick(['admin', 'DC01$']), SubjectDomainName: 'KOMMUNE', PrivilegeList: 'SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege' }, sequence);
  if (roll < 0.5) return winlogbeatLine(time, dc, 4662, 'Security', { SubjectUserName: 'DC02$', SubjectDomainName: 'KOMMUNE', ObjectServer: 'DS', AccessMask: '0x100', Properties: '%%7688\n\t\t{1131f6aa-9c07-11d1-f79f-00c04fc2dcd2}\n\t\t{19195a5b-6da0-11d0-afd3-00c04fd930c9}' }, sequence);
  if (roll < 0.68) return processStart(pc, time, random, user, sequence);
  if (roll < 0.76) return winlogbeatLine(time, pc, 3, SYSMON, { Image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', User: `KOMMUNE\\${user}`, Protocol: 'tcp', Initiated: 'true', SourceIp: client, SourcePort: String(random.int(49152, 65535)), DestinationIp: `20.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`, DestinationPort: '443', ProcessGuid: guid(random), ProcessId: String(random.int(1000, 20000)) }, sequence);
  if (roll < 0.84) return winlogbeatLine(time, pc, 22, SYSMON, { QueryName: random.pick(DNS_NAMES), QueryStatus: '0', QueryResults: 'type:  5 ', Image: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', ProcessGuid: guid(random), ProcessId: String(random.int(1000, 20000)) }, sequence);
  if (roll < 0.9) return winlogbeatLine(time, pc, 11, SYSMON, { Image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', TargetFilename: `C:\\Users\\${user}\\AppData\\Local\\Temp\\~WRS{${guid(random).slice(1, -1)}}.tmp`, User: `KOMMUNE\\${user}`, ProcessGuid: guid(random), ProcessId: String(random.int(1000, 20000)) }, sequence);
  if (roll < 0.94) return winlogbeatLine(time, pc, 7, SYSMON, { Image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', ImageLoaded: 'C:\\Windows\\System32\\mswsock.dll', Signed: 'true', Signature: 'Microsoft Windows', SignatureStatus: 'Valid', User: `KOMMUNE\\${user}`, ProcessGuid: guid(random), ProcessId: String(random.int(1000, 20000)) }, sequence);
  if (roll < 0.97) {
    const write = random.pick(RUN_KEY_WRITES);
    return winlogbeatLine(time, pc, 13, SYSMON, { EventType: 'SetValue', TargetObject: `HKU\\S-1-5-21-3623811015-3361044348-30300820-${random.int(1100, 1999)}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\${write.value}`, Details: write.details.replaceAll('%USER%', user), Image: write.image.replaceAll('%USER%', user), User: `KOMMUNE\\${user}`, ProcessGuid: guid(random), ProcessId: String(random.int(1000, 20000)) }, sequence);
  }
  if (roll < 0.998) return winlogbeatLine(time, pc, 4104, POWERSHELL, { MessageNumber: '1', MessageTotal: '1', ScriptBlockText: 'Get-CimInstance -Namespace root\\ccm\\dcm -ClassName SMS_DesiredConfiguration | Select-Object -Property DisplayName, LastComplianceStatus', ScriptBlockId: guid(random).slice(1, -1), Path: 'C:\\Windows\\CCM\\SystemTemp\\compliance.ps1' }, sequence);
  return winlogbeatLine(time, pc, 7045, 'System', { ServiceName: 'Google Update Service (gupdate)', ImagePath: '"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe" /svc', ServiceType: 'user mode service', StartType: 'auto start', AccountName: 'LocalSystem' }, sequence);
}

function processStart(pc: string, time: number, random: RandomSource, user: string, sequence: number): string {
  const start = random.pick(PROCESS_STARTS);
  const account = start.user === 'system' ? 'NT AUTHORITY\\SYSTEM' : `KOMMUNE\\${start.user === 'admin' ? 'admin' : user}`;
  const fill = (text: string) => text.replaceAll('%USER%', user);
  return winlogbeatLine(time, pc, 1, SYSMON, {
    Image: fill(start.image),
    CommandLine: fill(start.commandLine),
    CurrentDirectory: 'C:\\Windows\\system32\\',
    User: account,
    IntegrityLevel: start.user === 'system' ? 'System' : 'Medium',
    ParentImage: fill(start.parentImage),
    ParentCommandLine: fill(start.parentCommandLine),
    ProcessGuid: guid(random),
    ProcessId: String(random.int(1000, 20000)),
    ParentProcessGuid: guid(random),
    ParentProcessId: String(random.int(500, 5000)),
    Hashes: `SHA256=${random.int(0x10000000, 0x7fffffff).toString(16).padStart(64, '0')}`,
  }, sequence);
}

function guid(random: RandomSource): string {
  const hex = (digits: number) => Array.from({ length: digits }, () => random.int(0, 15).toString(16)).join('');
  return `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
}
