import { mergeFields } from '../messages/merge-fields.js';
import type { ParsedEvent } from '../parser.js';
import { splitWindowsCommandLine } from './windows-command-line.js';
import { executableName, windowsFileFields } from './windows-file-path.js';
import { dataIp, dataNumber, dataText } from './windows-values.js';

type Fields = Record<string, unknown>;

// Which event data names the user an event is about, by event id, as Elastic's Security pipeline reads it.
/** The account that logged on, asked for a ticket or had its credentials checked. */
const TARGET_IS_USER = new Set(['4624', '4625', '4634', '4647', '4648', '4768', '4769', '4770', '4771', '4776', '4964']);
/** The account that acted (created the process, changed the account, cleared the log...). */
const SUBJECT_IS_USER = new Set([
  '4648', '4657', '4670', '4672', '4673', '4674', '4688', '4689', '4697', '4698', '4699', '4700', '4701', '4702', '4706', '4707',
  '4713', '4716', '4717', '4718', '4719', '4720', '4722', '4723', '4724', '4725', '4726', '4727', '4728', '4729', '4730', '4731',
  '4732', '4733', '4734', '4735', '4737', '4738', '4739', '4740', '4741', '4742', '4743', '4744', '4745', '4746', '4747', '4748',
  '4749', '4750', '4751', '4752', '4753', '4754', '4755', '4756', '4757', '4758', '4759', '4760', '4761', '4762', '4763', '4764',
  '4767', '4781', '4798', '4799', '4817', '4904', '4905', '4907', '4912', '5140', '5145',
]);
/** The account acted upon: user.target. */
const TARGET_ACCOUNT = new Set(['4670', '4720', '4722', '4723', '4724', '4725', '4726', '4738', '4740', '4767', '4798', '4817', '4907']);
/** The account whose credentials the new logon or process uses: user.effective. */
const EFFECTIVE_ACCOUNT = new Set(['4648', '4688']);
/** Group changes: the group in Target*, the member in MemberName. */
const GROUP_EVENTS = new Set([
  '4727', '4728', '4729', '4730', '4731', '4732', '4733', '4734', '4735', '4737', '4744', '4745', '4746', '4747', '4748', '4749',
  '4750', '4751', '4752', '4753', '4754', '4755', '4756', '4757', '4758', '4759', '4760', '4761', '4762', '4763', '4764', '4799',
]);
/** Events whose ProcessId/ProcessName and IpAddress/IpPort/WorkstationName name the process and the peer. */
const PROCESS_AND_SOURCE = new Set([
  '1100', '1102', '1104', '1105', '1108', '4624', '4648', '4625', '4670', '4673', '4674', '4689', '4697', '4719', '4720', '4722',
  '4723', '4724', '4725', '4726', '4727', '4728', '4729', '4730', '4731', '4732', '4733', '4734', '4735', '4737', '4738', '4740',
  '4741', '4742', '4743', '4744', '4745', '4746', '4747', '4748', '4749', '4750', '4751', '4752', '4753', '4754', '4755', '4756',
  '4757', '4758', '4759', '4760', '4761', '4762', '4763', '4764', '4767', '4768', '4769', '4770', '4771', '4798', '4799', '4817',
  '4904', '4905', '4907', '4912', '5140', '5145',
]);
const SESSION_EVENTS = new Set(['4778', '4779']);
const SHARE_EVENTS = new Set(['5140', '5145']);
const LOG_CLEARED = '1102';
const PROCESS_CREATED = '4688';
const SERVICE_INSTALLED = '7045';

/** Service types of 4697 (Microsoft's event 4697 reference). */
const SERVICE_TYPES: Readonly<Record<string, string>> = {
  '0x1': 'Kernel Driver', '0x2': 'File System Driver', '0x8': 'Recognizer Driver', '0x10': 'Win32 Own Process',
  '0x20': 'Win32 Share Process', '0x110': 'Interactive Own Process', '0x120': 'Interactive Share Process',
};

/** Kerberos and UPN-style names (`user@REALM`) name the account by the part before the `@`. */
function accountName(value: unknown): string | undefined {
  return dataText(value)?.split('@')[0] || undefined;
}

function account(id: unknown, name: unknown, domain: unknown): Fields {
  return { id: dataText(id), name: accountName(name), domain: dataText(domain) };
}

/** `CN=Eve,OU=Users,DC=corp,DC=example`: the member's name and, as Elastic reads it, the fourth part as domain. */
function memberFields(memberName: unknown, memberSid: unknown): Fields {
  const parts = dataText(memberName)?.split(',');
  const first = parts?.[0]?.replace(/^CN=/i, '');
  const fourth = parts !== undefined && parts.length >= 4 ? parts[3]!.replace(/^DC=/i, '') : undefined;
  return { id: dataText(memberSid), name: dataText(first), domain: dataText(fourth) };
}

/** The group a group change is about: Target* names the group, not an account. */
function changedGroup(data: Fields): Fields {
  return { id: dataText(data.TargetSid) ?? dataText(data.TargetUserSid), name: dataText(data.TargetUserName), domain: dataText(data.TargetDomainName) };
}

function userFields(code: string, data: Fields, userData: Fields): Fields {
  const user: Fields = {};
  if (TARGET_IS_USER.has(code)) mergeFields(user, account(data.TargetUserSid ?? data.TargetSid, data.TargetUserName, data.TargetDomainName));
  if (SUBJECT_IS_USER.has(code)) mergeFields(user, account(data.SubjectUserSid, data.SubjectUserName, data.SubjectDomainName));
  // 1102 keeps its subject in UserData; NXLog flattens UserData into the record, so it arrives as event data.
  if (code === LOG_CLEARED) {
    const subject = userData.SubjectUserName === undefined ? data : userData;
    mergeFields(user, account(subject.SubjectUserSid, subject.SubjectUserName, subject.SubjectDomainName));
  }
  if (SESSION_EVENTS.has(code)) mergeFields(user, { name: dataText(data.AccountName), domain: dataText(data.AccountDomain) });
  if (TARGET_ACCOUNT.has(code)) mergeFields(user, { target: account(data.TargetSid, data.TargetUserName, data.TargetDomainName) });
  if (EFFECTIVE_ACCOUNT.has(code)) mergeFields(user, { effective: account(data.TargetUserSid, data.TargetUserName, data.TargetDomainName) });
  mergeFields(user, { target: { name: dataText(data.OldTargetUserName) }, changes: { name: dataText(data.NewTargetUserName) } });
  if (GROUP_EVENTS.has(code)) {
    const member = memberFields(data.MemberName, data.MemberSid);
    if (Object.values(member).some((value) => value !== undefined)) mergeFields(user, { target: { ...member, group: changedGroup(data) } });
  }
  return user;
}

function processFields(code: string, data: Fields): Fields | undefined {
  if (code === PROCESS_CREATED) {
    const commandLine = dataText(data.CommandLine);
    return {
      pid: dataNumber(data.NewProcessId), executable: dataText(data.NewProcessName), name: executableName(data.NewProcessName),
      command_line: commandLine, args: commandLine === undefined ? undefined : splitWindowsCommandLine(commandLine),
      parent: { pid: dataNumber(data.ProcessId), executable: dataText(data.ParentProcessName), name: executableName(data.ParentProcessName) },
    };
  }
  if (!PROCESS_AND_SOURCE.has(code)) return undefined;
  return { pid: dataNumber(data.ProcessId), executable: dataText(data.ProcessName), name: executableName(data.ProcessName) };
}

function sourceFields(code: string, data: Fields): Fields | undefined {
  if (SESSION_EVENTS.has(code)) return { ip: dataIp(data.ClientAddress), domain: dataText(data.ClientName) };
  if (!PROCESS_AND_SOURCE.has(code)) return undefined;
  return { ip: dataIp(data.IpAddress), port: dataNumber(data.IpPort), domain: dataText(data.WorkstationName) };
}

/**
 * 5140/5145: what was accessed, as a local path (the share's local path joined with the name relative
 * to it) and as the share path a client used.
 */
function shareFileFields(code: string, data: Fields): Fields | undefined {
  if (!SHARE_EVENTS.has(code)) return undefined;
  const relative = dataText(data.RelativeTargetName)?.replace(/^\\+/, '');
  const localRoot = dataText(data.ShareLocalPath)?.replace(/\\+$/, '');
  const share = dataText(data.ShareName)?.replace(/\\+$/, '');
  if (localRoot === undefined) return undefined;
  return {
    ...windowsFileFields(relative ? `${localRoot}\\${relative}` : localRoot),
    target_path: relative && share !== undefined ? `${share}\\${relative}` : undefined,
  };
}

function serviceFields(data: Fields): Fields {
  const type = dataText(data.ServiceType);
  return { name: dataText(data.ServiceName), type: type === undefined ? undefined : (SERVICE_TYPES[type.toLowerCase()] ?? type) };
}

/**
 * Adds the ECS fields Elastic's Windows Security pipeline derives from an event's data: user (and
 * user.target, user.effective, group), the process, the peer, share files and services. The event data
 * stays in winlog.event_data, where Sigma rules read it.
 */
export function mapSecurityFields(event: ParsedEvent, code: string, winlog: Fields): void {
  const data = (winlog.event_data ?? {}) as Fields;
  const userData = (winlog.user_data ?? {}) as Fields;
  mergeFields(event, {
    user: userFields(code, data, userData),
    group: GROUP_EVENTS.has(code) ? changedGroup(data) : undefined,
    process: processFields(code, data),
    source: sourceFields(code, data),
    file: shareFileFields(code, data),
    service: serviceFields(data),
    winlog: { logon: { id: dataText(data.SubjectLogonId) ?? dataText(userData.SubjectLogonId) ?? dataText(data.TargetLogonId) } },
  });
  if (code === SERVICE_INSTALLED) mergeFields(event, { file: { path: dataText(data.ImagePath) } });
}
