import { mergeFields } from '../messages/merge-fields.js';
import type { ParsedEvent } from '../parser.js';
import { isSysmonEvent, sysmonEvents } from './sysmon-events.js';
import { mapSysmonFields } from './sysmon-fields.js';
import { isoTime } from './windows-event-time.js';
import { mapSecurityFields } from './windows-security-fields.js';
import { windowsSecurityEvents } from './windows-security-events.js';
import { dataNumber, dataText } from './windows-values.js';

type Fields = Record<string, unknown>;

const LOGON_TYPES: Record<string, string> = {
  '2': 'Interactive', '3': 'Network', '4': 'Batch', '5': 'Service', '7': 'Unlock', '8': 'NetworkCleartext',
  '9': 'NewCredentials', '10': 'RemoteInteractive', '11': 'CachedInteractive',
};

const DATASETS: Record<string, string> = {
  security: 'windows.security', system: 'windows.system', 'microsoft-windows-sysmon/operational': 'windows.sysmon_operational',
};

// Keyword bits of the Security log (winmeta.xml): WINEVENT_KEYWORD_AUDIT_FAILURE and _AUDIT_SUCCESS.
const AUDIT_FAILURE = 0x10000000000000n;
const AUDIT_SUCCESS = 0x20000000000000n;

/**
 * The outcome the Security log records: Winlogbeat names its keywords ("Audit Success"), NXLog gives
 * EventType AUDIT_SUCCESS/AUDIT_FAILURE and the keyword mask as a number (decimal, or hex in the OTRF
 * recordings).
 */
function auditOutcome(winlog: Fields, record: Fields): 'success' | 'failure' | undefined {
  const keywords = winlog.keywords;
  const names = Array.isArray(keywords) ? keywords : [keywords];
  if (names.includes('Audit Failure') || record.EventType === 'AUDIT_FAILURE') return 'failure';
  if (names.includes('Audit Success') || record.EventType === 'AUDIT_SUCCESS') return 'success';
  if (typeof keywords !== 'string' || !/^(0x[0-9a-f]{1,16}|[0-9]{1,20})$/i.test(keywords)) return undefined;
  const mask = BigInt(keywords);
  if ((mask & AUDIT_FAILURE) !== 0n) return 'failure';
  return (mask & AUDIT_SUCCESS) !== 0n ? 'success' : undefined;
}

const SECURITY_PROVIDERS = new Set(['Microsoft-Windows-Security-Auditing', 'Microsoft-Windows-Eventlog']);
const SERVICE_CONTROL_MANAGER = 'Service Control Manager';
/** Events that record a failure whatever their keywords say. */
const ALWAYS_FAILED = new Set(['4625', '4771']);
/** Kerberos and NTLM checks whose Status says whether they failed ("0x0": no error). */
const STATUS_DECIDES = new Set(['4768', '4769', '4776']);

function isSecurityEvent(winlog: Fields): boolean {
  return String(winlog.channel).toLowerCase() === 'security' || SECURITY_PROVIDERS.has(String(winlog.provider_name));
}

/** Without keywords (NXLog records reshaped by other shippers), the event id and Status tell the outcome. */
function outcomeWithoutKeywords(code: string, data: Fields): 'success' | 'failure' {
  if (ALWAYS_FAILED.has(code)) return 'failure';
  if (STATUS_DECIDES.has(code) && data.Status !== undefined) return dataNumber(data.Status) === 0 ? 'success' : 'failure';
  return 'success';
}

/**
 * Adds the ECS meaning of a Windows event (already normalised to `winlog.*`) to the event, as Elastic's
 * Windows integration gives it: event code, category, type, action and outcome from the event id, and
 * for Sysmon and Security events the ECS fields of their event data. `record` is the record as the
 * shipper sent it (NXLog's EventType lives there).
 */
export function mapWindowsEvent(event: ParsedEvent, winlog: Fields, record: Fields = {}): void {
  const code = dataText(winlog.event_id);
  if (code === undefined) return;
  const data = (winlog.event_data ?? {}) as Fields;
  const logonType = dataText(data.LogonType);
  const sysmon = isSysmonEvent(winlog);
  const existingHost = (event.host ?? {}) as Fields;
  mergeFields(event, {
    event: {
      code, provider: dataText(winlog.provider_name), kind: 'event', module: 'windows',
      dataset: DATASETS[String(winlog.channel).toLowerCase()] ?? 'windows.eventlog', created: sysmon ? isoTime(winlog.time_created) : undefined,
    },
    // The agent's host name wins: it is how the fleet names the machine; the event's computer name is the fallback.
    host: { name: dataText(existingHost.name) ?? dataText(winlog.computer_name) },
    winlog: { logon: { type: logonType === undefined ? undefined : (LOGON_TYPES[logonType] ?? logonType) } },
  });
  if (sysmon) {
    const mapping = sysmonEvents.get(code);
    mergeFields(event, {
      event: { action: mapping?.action, category: mapping?.category, type: mapping?.type, outcome: mapping?.outcome },
      user: { id: dataText((winlog.user as Fields | undefined)?.identifier) },
    });
    mapSysmonFields(event, code, data);
    return;
  }
  const security = isSecurityEvent(winlog);
  if (!security && winlog.provider_name !== SERVICE_CONTROL_MANAGER) return;
  const mapping = windowsSecurityEvents.get(code);
  mergeFields(event, {
    event: {
      action: mapping?.action, category: mapping?.category, type: mapping?.type,
      outcome: security ? (auditOutcome(winlog, record) ?? outcomeWithoutKeywords(code, data)) : undefined,
    },
  });
  mapSecurityFields(event, code, winlog);
}
