// Column names of the PAN-OS syslog formats in the order of Palo Alto Networks' "Syslog Field
// Descriptions" (PAN-OS 10.2), counted from the 8th column; the first seven are common to all types:
// FUTURE_USE, receive time, serial number, type, subtype, FUTURE_USE (config version), generated time.
// Names are those of Elastic's panw.panos fields where it has one; `_` marks columns not read.
const SHARED_SESSION = [
  'source_ip', 'destination_ip', 'source_nat_ip', 'destination_nat_ip', 'rule', 'source_user', 'destination_user',
  'application', 'virtual_sys', 'source_zone', 'destination_zone', 'inbound_interface', 'outbound_interface',
  'log_profile', '_', 'session_id', 'repeat_count', 'source_port', 'destination_port', 'source_nat_port',
  'destination_nat_port', 'flags', 'protocol', 'action',
];

export const TRAFFIC_COLUMNS = [
  ...SHARED_SESSION,
  'bytes', 'bytes_sent', 'bytes_received', 'packets', 'start_time', 'elapsed_time', 'url_category', '_',
  'sequence_number', 'action_flags', 'source_location', 'destination_location', '_', 'packets_sent',
  'packets_received', 'session_end_reason', '_', '_', '_', '_', 'vsys_name', 'device_name', 'action_source',
];

export const THREAT_COLUMNS = [
  ...SHARED_SESSION,
  'misc', 'threat_id', 'url_category', 'severity', 'direction', 'sequence_number', 'action_flags',
  'source_location', 'destination_location', '_', 'content_type', 'pcap_id', 'file_hash', 'cloud', 'url_index',
  'user_agent', 'file_type', 'x_forwarded_for', 'referer', 'sender', 'subject', 'recipient', 'report_id',
  '_', '_', '_', '_', 'vsys_name', 'device_name', '_', 'source_vm_uuid', 'destination_vm_uuid', 'http_method',
  'imsi', 'imei', 'parent_session_id', 'parent_start_time', 'tunnel_type', 'threat_category', 'content_version',
];

export const SYSTEM_COLUMNS = [
  'virtual_sys', 'event_id', 'object', '_', '_', 'module', 'severity', 'description', 'sequence_number',
  'action_flags', '_', '_', '_', '_', 'vsys_name', 'device_name',
];

export const GLOBALPROTECT_COLUMNS = [
  'virtual_sys', 'event_id', 'stage', 'auth_method', 'tunnel_type', 'source_user', 'source_region',
  'machine_name', 'public_ip', 'public_ipv6', 'private_ip', 'private_ipv6', 'host_id', 'serial_number',
  'client_version', 'client_os', 'client_os_version', 'repeat_count', 'reason', 'error', 'description',
  'status', 'location', 'login_duration', 'connect_method', 'error_code', 'portal', 'sequence_number',
  'action_flags', 'high_res_timestamp', 'selection_type', 'response_time', 'priority', 'attempted_gateways',
  'gateway', '_', '_', '_', '_', 'vsys_name', 'device_name', 'vsys_id',
];

export const USERID_COLUMNS = [
  'virtual_sys', 'source_ip', 'source_user', 'data_source_name', 'event_id', 'repeat_count', 'timeout',
  'source_port', 'destination_port', 'data_source', 'data_source_type', 'sequence_number', 'action_flags',
  '_', '_', '_', '_', 'vsys_name', 'device_name', 'vsys_id', 'factor_type', 'factor_completion_time',
  'factor_number', 'ugflags', 'user_by_source',
];

/** Names the columns of a row from the 8th on; columns past the known ones are ignored. */
export function nameColumns(names: readonly string[], values: readonly string[]): Record<string, string> {
  const named: Record<string, string> = {};
  names.forEach((name, index) => {
    const value = values[index];
    if (name !== '_' && value !== undefined && value !== '') named[name] = value;
  });
  return named;
}
