/** ECS categorisation of one Sysmon event id. */
export interface SysmonEventMapping {
  action: string;
  category?: string[];
  type?: string[];
  outcome?: 'failure';
}

// Sysmon's event ids (learn.microsoft.com/sysinternals/downloads/sysmon, "Events") with the category,
// type and action Elastic's Windows integration (sysmon_operational pipeline) gives each of them.
export const sysmonEvents: ReadonlyMap<string, SysmonEventMapping> = new Map<string, SysmonEventMapping>([
  ['1', { action: 'Process creation', category: ['process'], type: ['start'] }],
  ['2', { action: 'A process changed a file creation time', category: ['file'], type: ['change'] }],
  ['3', { action: 'Network connection', category: ['network'], type: ['start', 'connection', 'protocol'] }],
  ['4', { action: 'Sysmon service state changed', category: ['process'], type: ['change'] }],
  ['5', { action: 'Process terminated', category: ['process'], type: ['end'] }],
  ['6', { action: 'Driver loaded', category: ['driver'], type: ['start'] }],
  ['7', { action: 'Image loaded', category: ['process'], type: ['change'] }],
  ['8', { action: 'CreateRemoteThread', category: ['process'], type: ['change'] }],
  ['9', { action: 'RawAccessRead', category: ['process'], type: ['access'] }],
  ['10', { action: 'ProcessAccess', category: ['process'], type: ['access'] }],
  ['11', { action: 'FileCreate', category: ['file'], type: ['creation'] }],
  ['12', { action: 'RegistryEvent (Object create and delete)', category: ['configuration', 'registry'], type: ['change'] }],
  ['13', { action: 'RegistryEvent (Value Set)', category: ['configuration', 'registry'], type: ['change'] }],
  ['14', { action: 'RegistryEvent (Key and Value Rename)', category: ['configuration', 'registry'], type: ['change'] }],
  ['15', { action: 'FileCreateStreamHash', category: ['file'], type: ['access'] }],
  ['16', { action: 'ServiceConfigurationChange', category: ['configuration'], type: ['change'] }],
  ['17', { action: 'PipeEvent (Pipe Created)', category: ['file'], type: ['creation'] }],
  ['18', { action: 'PipeEvent (Pipe Connected)', category: ['file'], type: ['access'] }],
  ['19', { action: 'WmiEvent (WmiEventFilter activity detected)', category: ['process'], type: ['info'] }],
  ['20', { action: 'WmiEvent (WmiEventConsumer activity detected)', category: ['process'], type: ['change'] }],
  ['21', { action: 'WmiEvent (WmiEventConsumerToFilter activity detected)', category: ['process'], type: ['access'] }],
  ['22', { action: 'DNSEvent (DNS query)', category: ['network'], type: ['connection', 'protocol', 'info'] }],
  ['23', { action: 'FileDelete (File Delete archived)', category: ['file'], type: ['deletion'] }],
  ['24', { action: 'ClipboardChange (New content in the clipboard)', type: ['change'] }],
  ['25', { action: 'ProcessTampering (Process image change)', category: ['process'], type: ['change'] }],
  ['26', { action: 'FileDeleteDetected (File Delete logged)', category: ['file'], type: ['deletion'] }],
  ['27', { action: 'FileBlockExecutable', category: ['file'], type: ['creation'], outcome: 'failure' }],
  ['28', { action: 'FileBlockShredding', category: ['file'], type: ['deletion'] }],
  ['29', { action: 'FileExecutableDetected', category: ['file'], type: ['creation'] }],
  ['255', { action: 'Error', category: ['process'], outcome: 'failure' }],
]);

/** Sysmon writes to its own channel under its own provider name; either identifies its events. */
export function isSysmonEvent(winlog: Record<string, unknown>): boolean {
  return winlog.provider_name === 'Microsoft-Windows-Sysmon' || winlog.channel === 'Microsoft-Windows-Sysmon/Operational';
}
