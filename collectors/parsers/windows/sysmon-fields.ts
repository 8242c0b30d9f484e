import { mergeFields } from '../messages/merge-fields.js';
import type { ParsedEvent } from '../parser.js';
import { parseDnsResults } from './sysmon-dns-results.js';
import { sysmonRegistryFields } from './sysmon-registry.js';
import { splitWindowsCommandLine } from './windows-command-line.js';
import { executableName, windowsFileFields } from './windows-file-path.js';
import { parseWindowsHashes } from './windows-hashes.js';
import { dataIp, dataNumber, dataText } from './windows-values.js';

type Fields = Record<string, unknown>;

// Which object Sysmon's Hashes describe: the process for process events, the file for file and image events.
const PROCESS_HASH_EVENTS = new Set(['1', '23', '24', '25']);
const FILE_HASH_EVENTS = new Set(['6', '7', '15', '26', '29']);
const REGISTRY_EVENTS = new Set(['12', '13', '14']);
const IMAGE_LOADED = '7';
const DNS_QUERY = '22';

function commandLine(value: unknown): Fields {
  const line = dataText(value);
  if (line === undefined) return {};
  const args = splitWindowsCommandLine(line);
  return { command_line: line, args, args_count: args.length };
}

/** Version information Sysmon reads from the PE header: the process's, or for image loads the DLL's. */
function peFields(data: Fields): Fields {
  return {
    original_file_name: dataText(data.OriginalFileName), company: dataText(data.Company), description: dataText(data.Description),
    file_version: dataText(data.FileVersion), product: dataText(data.Product),
  };
}

/** `DOMAIN\name`, as Sysmon writes its User field. */
function userFields(value: unknown): Fields {
  const parts = dataText(value)?.split('\\');
  return parts?.length === 2 ? { domain: dataText(parts[0]), name: dataText(parts[1]) } : {};
}

function processFields(code: string, data: Fields): Fields {
  const executable = dataText(data.Image) ?? dataText(data.SourceImage) ?? dataText(data.Destination);
  const parentExecutable = dataText(data.ParentImage);
  return {
    entity_id: dataText(data.ProcessGuid) ?? dataText(data.SourceProcessGuid) ?? dataText(data.SourceProcessGUID),
    pid: dataNumber(data.ProcessId) ?? dataNumber(data.SourceProcessId),
    thread: { id: dataNumber(data.SourceThreadId) },
    executable,
    name: executableName(executable),
    working_directory: dataText(data.CurrentDirectory),
    ...commandLine(data.CommandLine),
    pe: code === IMAGE_LOADED ? undefined : peFields(data),
    parent: {
      entity_id: dataText(data.ParentProcessGuid), pid: dataNumber(data.ParentProcessId), executable: parentExecutable,
      name: executableName(parentExecutable), ...commandLine(data.ParentCommandLine),
    },
  };
}

function fileFields(code: string, data: Fields): Fields {
  const path = data.TargetFilename ?? data.Device ?? data.ImageLoaded;
  const status = dataText(data.SignatureStatus);
  return {
    ...windowsFileFields(path),
    name: dataText(data.PipeName) ?? windowsFileFields(path).name,
    code_signature: { subject_name: dataText(data.Signature), status, valid: status === 'Valid' ? true : undefined },
    pe: code === IMAGE_LOADED ? peFields(data) : undefined,
  };
}

function networkFields(code: string, data: Fields): Fields {
  const initiated = dataText(data.Initiated);
  const sourceIsIpv6 = dataText(data.SourceIsIpv6);
  return {
    network: {
      transport: dataText(data.Protocol),
      protocol: code === DNS_QUERY ? 'dns' : dataText(data.SourcePortName) ?? dataText(data.DestinationPortName),
      direction: initiated === 'true' ? 'egress' : initiated === 'false' ? 'ingress' : undefined,
      type: sourceIsIpv6 === 'true' ? 'ipv6' : sourceIsIpv6 === 'false' ? 'ipv4' : undefined,
    },
    source: { ip: dataIp(data.SourceIp), domain: dataText(data.SourceHostname), port: dataNumber(data.SourcePort) },
    destination: { ip: dataIp(data.DestinationIp), domain: dataText(data.DestinationHostname), port: dataNumber(data.DestinationPort) },
  };
}

/**
 * Adds the ECS fields Elastic's sysmon pipeline derives from a Sysmon event's data: the acting process
 * (and its parent), file, registry, network and DNS fields, hashes, and the user. The event data itself
 * stays in winlog.event_data, where Sigma rules read Sysmon's own field names.
 */
export function mapSysmonFields(event: ParsedEvent, code: string, data: Fields): void {
  const hashes = parseWindowsHashes(data.Hashes ?? data.Hash);
  const hashFields = hashes === undefined ? undefined : { hash: hashes.hash, pe: { imphash: hashes.imphash } };
  mergeFields(event, {
    process: processFields(code, data),
    file: fileFields(code, data),
    ...networkFields(code, data),
    dns: { question: { name: dataText(data.QueryName) }, ...parseDnsResults(data.QueryResults) },
    user: userFields(data.User),
    rule: { name: dataText(data.RuleName) },
    registry: REGISTRY_EVENTS.has(code) ? sysmonRegistryFields(data.TargetObject, data.Details) : undefined,
  });
  if (hashFields !== undefined && PROCESS_HASH_EVENTS.has(code)) mergeFields(event, { process: hashFields });
  if (hashFields !== undefined && FILE_HASH_EVENTS.has(code)) mergeFields(event, { file: hashFields });
}
