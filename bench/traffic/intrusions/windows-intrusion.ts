import type { BenchOrganisation } from '../constituency.js';
import type { GeneratedLine } from '../generated-line.js';
import { squidLine, winlogbeatLine } from '../log-line-formats.js';
import { stageLine, type IntrusionContext } from './intrusion-stage.js';

export const WINDOWS_INTRUSION_STAGES = ['phishing-click', 'office-script', 'credential-dump', 'lateral-logon', 'domain-admin'] as const;

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
/** Entries of rules/ioc/phishing-urls.txt. */
const PHISHING_URLS = [
  { url: 'https://rathaus-login.example.com/owa/auth/logon.aspx', server: '203.0.113.44' },
  { url: 'http://paket-zustellung.example.org/track?id=DE4711', server: '203.0.113.45' },
];
const VICTIMS = ['mueller', 'schmidt', 'weber', 'koch', 'becker'];
const ADMINS = ['adm-richter', 'adm-wolf', 'adm-braun'];
const WORD = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE';
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/**
 * The Windows chain of issue 17, phishing to domain admin: a user opens a phishing link (Squid), the
 * document they fetched makes Word start PowerShell (Sysmon 1), the attacker dumps LSASS with
 * comsvcs.dll (Sysmon 1 and the process access Sysmon 10 reports), logs on to the file server with
 * an administrator's stolen credentials (4648 on the workstation, 4624 type 3 on the server) and adds
 * the victim's account to Domain Admins on the domain controller (4728). The victim's account and
 * workstation, and then the administrator's account, tie the stages together.
 */
export function windowsIntrusion(org: BenchOrganisation, context: IntrusionContext): GeneratedLine[] {
  const { random } = context;
  const victim = random.pick(VICTIMS);
  const admin = random.pick(ADMINS);
  const pcName = `PC-${random.int(100, 400)}`;
  const pc = `${pcName}.${org.domain}`;
  const pcAddress = `${org.internalPrefix}.${random.int(20, 250)}`;
  const fileServer = `FS01.${org.domain}`;
  const dc = `DC01.${org.domain}`;
  const phishing = random.pick(PHISHING_URLS);
  const guid = (n: number) => `{${(0x5f2a0000 + n).toString(16)}-${random.int(0x1000, 0xffff).toString(16)}-4a1b-9c2d-${random.int(0x100000, 0xffffff).toString(16)}000000}`;
  const at = (stage: string, offsetMs: number, text: (ms: number) => string) => stageLine(org, context, stage, offsetMs, text(context.start + offsetMs));
  const record = random.int(100_000, 900_000);
  const wordPid = random.int(2000, 9000);
  const shellPid = wordPid + 412;
  const dumpPid = wordPid + 977;
  const out: GeneratedLine[] = [];
  out.push(at('phishing-click', 0, (ms) => squidLine(ms, 312, pcAddress, 'TCP_MISS/200', 24_870, 'GET', phishing.url, victim, `HIER_DIRECT/${phishing.server}`, 'text/html')));
  const script = random.int(2, 8) * 60_000;
  out.push(at('office-script', script, (ms) => winlogbeatLine(ms, pc, 1, SYSMON, {
    Image: POWERSHELL,
    OriginalFileName: 'PowerShell.EXE',
    CommandLine: 'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA',
    CurrentDirectory: `C:\\Users\\${victim}\\Documents\\`,
    User: `KOMMUNE\\${victim}`,
    IntegrityLevel: 'Medium',
    ParentImage: WORD,
    ParentCommandLine: `"${WORD}" /n "C:\\Users\\${victim}\\Downloads\\Sendungsverfolgung.docm"`,
    ProcessGuid: guid(1),
    ProcessId: String(shellPid),
    ParentProcessGuid: guid(0),
    ParentProcessId: String(wordPid),
  }, record)));
  const dump = script + random.int(10, 30) * 60_000;
  out.push(at('credential-dump', dump, (ms) => winlogbeatLine(ms, pc, 1, SYSMON, {
    Image: 'C:\\Windows\\System32\\rundll32.exe',
    OriginalFileName: 'RUNDLL32.EXE',
    CommandLine: 'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 724 C:\\Users\\Public\\debug.bin full',
    CurrentDirectory: `C:\\Users\\${victim}\\`,
    User: `KOMMUNE\\${victim}`,
    IntegrityLevel: 'High',
    ParentImage: POWERSHELL,
    ParentCommandLine: 'powershell.exe -nop -w hidden',
    ProcessGuid: guid(2),
    ProcessId: String(dumpPid),
    ParentProcessGuid: guid(1),
    ParentProcessId: String(shellPid),
  }, record + 1)));
  out.push(at('credential-dump', dump + 800, (ms) => winlogbeatLine(ms, pc, 10, SYSMON, {
    RuleName: '-',
    SourceProcessGUID: guid(2),
    SourceProcessId: String(dumpPid),
    SourceThreadId: String(dumpPid + 12),
    SourceImage: 'C:\\Windows\\System32\\rundll32.exe',
    TargetProcessGUID: guid(3),
    TargetProcessId: '724',
    TargetImage: 'C:\\Windows\\system32\\lsass.exe',
    GrantedAccess: '0x1fffff',
    CallTrace: 'C:\\Windows\\SYSTEM32\\ntdll.dll+9d234|C:\\Windows\\System32\\KERNELBASE.dll+2c0fe|C:\\Windows\\System32\\comsvcs.dll+8f2d|C:\\Windows\\System32\\rundll32.exe+3bc4|C:\\Windows\\System32\\KERNEL32.DLL+17034|C:\\Windows\\SYSTEM32\\ntdll.dll+52651',
    SourceUser: `KOMMUNE\\${victim}`,
    TargetUser: 'NT AUTHORITY\\SYSTEM',
  }, record + 2)));
  const lateral = dump + random.int(10, 40) * 60_000;
  out.push(at('lateral-logon', lateral, (ms) => winlogbeatLine(ms, pc, 4648, 'Security', {
    SubjectUserName: victim,
    SubjectDomainName: 'KOMMUNE',
    SubjectLogonId: '0x3e7a1',
    TargetUserName: admin,
    TargetDomainName: 'KOMMUNE',
    TargetServerName: fileServer,
    TargetInfo: fileServer,
    ProcessId: `0x${shellPid.toString(16)}`,
    ProcessName: POWERSHELL,
    IpAddress: '-',
    IpPort: '-',
  }, record + 3)));
  out.push(at('lateral-logon', lateral + 1000, (ms) => winlogbeatLine(ms, fileServer, 4624, 'Security', {
    TargetUserName: admin,
    TargetDomainName: 'KOMMUNE',
    LogonType: '3',
    IpAddress: pcAddress,
    IpPort: String(random.int(49152, 65535)),
    WorkstationName: pcName,
    TargetLogonId: '0x8a1f2',
    LogonProcessName: 'NtLmSsp',
    AuthenticationPackageName: 'NTLM',
  }, record + 4)));
  const escalation = lateral + random.int(5, 20) * 60_000;
  out.push(at('domain-admin', escalation, (ms) => winlogbeatLine(ms, dc, 4728, 'Security', {
    TargetUserName: 'Domain Admins',
    TargetDomainName: 'KOMMUNE',
    TargetSid: 'S-1-5-21-3623811015-3361044348-30300820-512',
    MemberName: `CN=${victim},OU=Users,DC=kommune,DC=example`,
    MemberSid: `S-1-5-21-3623811015-3361044348-30300820-${random.int(1100, 1999)}`,
    SubjectUserName: admin,
    SubjectDomainName: 'KOMMUNE',
    SubjectLogonId: '0x8a1f2',
  }, record + 5)));
  return out;
}
