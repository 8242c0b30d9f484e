import { mergeFields } from '../messages/merge-fields.js';
import type { ParsedEvent } from '../parser.js';
import { windowsSecurityEvents } from './windows-security-events.js';

type Fields = Record<string, unknown>;

const LOGON_TYPES: Record<string, string> = {
  '2': 'Interactive', '3': 'Network', '4': 'Batch', '5': 'Service', '7': 'Unlock', '8': 'NetworkCleartext',
  '9': 'NewCredentials', '10': 'RemoteInteractive', '11': 'CachedInteractive',
};

const DATASETS: Record<string, string> = { Security: 'windows.security', System: 'windows.system' };

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' && value !== '-' ? value : undefined;
}

/** Windows writes process ids in event data as hex ("0x1a2c"). */
function processId(value: unknown): number | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const parsed = raw.startsWith('0x') ? parseInt(raw.slice(2), 16) : Number(raw);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

function basename(path: string | undefined): string | undefined {
  return path?.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

/**
 * Adds the ECS meaning of a Windows event (already normalised to `winlog.*`) to the event: category,
 * type, outcome and action from the event id, and user, source, process and group from its event data.
 */
export function mapWindowsEvent(event: ParsedEvent, winlog: Fields): void {
  const code = text(winlog.event_id);
  if (code === undefined) return;
  const data = (winlog.event_data ?? {}) as Fields;
  const mapping = windowsSecurityEvents.get(code);
  const ip = text(data.IpAddress);
  const port = processId(data.IpPort);
  const logonType = text(data.LogonType);
  mergeFields(event, {
    event: { code, provider: text(winlog.provider_name), kind: 'event', module: 'windows', dataset: DATASETS[String(winlog.channel)] ?? 'windows.eventlog' },
    host: { name: text(winlog.computer_name) },
    winlog: { logon: logonType === undefined ? undefined : { type: LOGON_TYPES[logonType] ?? logonType, id: text(data.TargetLogonId) } },
  });
  if (mapping === undefined) return;
  mergeFields(event, {
    event: { action: mapping.action, category: mapping.category, type: mapping.type, outcome: mapping.outcome },
    user: { name: text(data[mapping.user]), domain: text(data[mapping.user === 'TargetUserName' ? 'TargetDomainName' : 'SubjectDomainName']) },
    source: { ip: ip === undefined || ip === '-' ? undefined : ip, port: port === 0 ? undefined : port, domain: text(data.WorkstationName) },
  });
  if (mapping.group) {
    mergeFields(event, {
      group: { name: text(data.TargetUserName), domain: text(data.TargetDomainName), id: text(data.TargetSid) },
      user: { target: { name: text(data.MemberName), id: text(data.MemberSid) } },
    });
  }
  if (code === '4688') {
    const executable = text(data.NewProcessName);
    const parent = text(data.ParentProcessName);
    mergeFields(event, {
      process: {
        pid: processId(data.NewProcessId), executable, name: basename(executable), command_line: text(data.CommandLine),
        parent: { pid: processId(data.ProcessId), executable: parent, name: basename(parent) },
      },
    });
  }
  if (code === '7045') {
    mergeFields(event, { service: { name: text(data.ServiceName) }, file: { path: text(data.ImagePath) } });
  }
}
