import { dataText } from './windows-values.js';

/** Registry hive names in Sysmon's TargetObject, long and short, to ECS's short form. */
const HIVES: Readonly<Record<string, string>> = {
  HKEY_CLASSES_ROOT: 'HKCR', HKCR: 'HKCR', HKEY_CURRENT_CONFIG: 'HKCC', HKCC: 'HKCC', HKEY_CURRENT_USER: 'HKCU', HKCU: 'HKCU',
  HKEY_DYN_DATA: 'HKDD', HKDD: 'HKDD', HKEY_LOCAL_MACHINE: 'HKLM', HKLM: 'HKLM', HKEY_PERFORMANCE_DATA: 'HKPD', HKPD: 'HKPD',
  HKEY_USERS: 'HKU', HKU: 'HKU',
};

const DWORD = /^DWORD \((0x[0-9a-f]{8})\)$/i;
const QWORD = /^QWORD \((0x[0-9a-f]{8})-(0x[0-9a-f]{8})\)$/i;

/** Sysmon's `Details` ("DWORD (0x00000001)", "Binary Data", text) as ECS registry data. */
function registryData(details: string): { strings: string[]; type: string } {
  const dword = DWORD.exec(details);
  if (dword) return { strings: [String(parseInt(dword[1]!.slice(2), 16))], type: 'SZ_DWORD' };
  const qword = QWORD.exec(details);
  if (qword) {
    // The high and low halves of a 64-bit value; BigInt keeps values past 2^53 exact.
    const value = (BigInt(qword[1]!) << 32n) + BigInt(qword[2]!);
    return { strings: [value.toString()], type: 'SZ_QWORD' };
  }
  if (details === 'Binary Data') return { strings: [details], type: 'REG_BINARY' };
  return { strings: [details], type: 'REG_SZ' };
}

/**
 * ECS registry fields of a Sysmon registry event: the whole TargetObject as path, the hive in short
 * form, the key below the hive (ending in the value name, as Elastic writes it), the value name,
 * and the data.
 */
export function sysmonRegistryFields(targetObject: unknown, details: unknown): Record<string, unknown> | undefined {
  const path = dataText(targetObject);
  if (path === undefined) return undefined;
  const tokens = path.split('\\');
  const hive = Object.hasOwn(HIVES, tokens[0]!) ? HIVES[tokens[0]!] : undefined;
  const data = dataText(details);
  return {
    path,
    hive,
    key: hive !== undefined && tokens.length > 1 ? tokens.slice(1).join('\\') : undefined,
    value: tokens[tokens.length - 1],
    data: data === undefined ? undefined : registryData(data),
  };
}
