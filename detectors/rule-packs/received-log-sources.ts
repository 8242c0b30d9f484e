import type { Logsource } from '../sigma/types.js';

/**
 * The Windows channels Winlogbeat and Elastic Agent collect in their default configuration
 * (Application, System, Security, Sysmon, both PowerShell logs), as Sigma services.
 */
const WINDOWS_SERVICES = new Set(['security', 'system', 'application', 'sysmon', 'powershell', 'powershell-classic']);

/**
 * The Sigma categories of those channels: Sysmon's event types (its event ids 1–29) and the
 * PowerShell script, module and classic events.
 */
const WINDOWS_CATEGORIES = new Set([
  'process_creation', 'process_termination', 'process_access', 'process_tampering', 'create_remote_thread', 'raw_access_thread',
  'image_load', 'driver_load', 'network_connection', 'dns_query', 'pipe_created', 'wmi_event', 'create_stream_hash',
  'file_event', 'file_change', 'file_delete', 'file_rename', 'file_access', 'file_executable_detected', 'file_block_executable', 'file_block_shredding',
  'registry_add', 'registry_delete', 'registry_event', 'registry_rename', 'registry_set',
  'clipboard_capture', 'sysmon_error', 'sysmon_status',
  'ps_script', 'ps_module', 'ps_classic_start', 'ps_classic_provider_start', 'ps_classic_script',
]);

/** Product-independent categories and services of the network and web sources Lagebild parses. */
const NETWORK_CATEGORIES = new Set(['webserver', 'proxy', 'dns', 'firewall']);
const NETWORK_SERVICES = new Set(['apache', 'nginx', 'squid']);

/**
 * Whether Lagebild receives events a rule of this log source is written for: Windows Security,
 * System, Application, Sysmon and PowerShell as Winlogbeat ships them, Linux (syslog, auth, auditd),
 * and web servers, proxies, DNS servers and firewalls whatever their product. Cloud services,
 * macOS and application logs (Azure, AWS, Okta, Java, …) do not reach Lagebild.
 */
export function isReceived(logsource: Logsource): boolean {
  const { product, category, service } = logsource;
  if (product === 'windows') {
    if (service !== undefined) return WINDOWS_SERVICES.has(service);
    return category !== undefined && WINDOWS_CATEGORIES.has(category);
  }
  if (product === 'linux') return true;
  if (category !== undefined && NETWORK_CATEGORIES.has(category)) return true;
  return product === undefined && service !== undefined && NETWORK_SERVICES.has(service);
}
