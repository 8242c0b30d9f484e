/** Hashes from Sysmon's `Hashes` field, keyed as ECS names them; imphash apart, as ECS keeps it under `pe`. */
export interface WindowsHashes {
  hash: Record<string, string>;
  imphash?: string;
}

const MAX_HASHES = 8;

/**
 * Reads `SHA1=..,MD5=..,SHA256=..,IMPHASH=..`: algorithm names and values lowercased, all-zero
 * values (Sysmon's placeholder when it could not compute a hash) left out.
 */
export function parseWindowsHashes(value: unknown): WindowsHashes | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const result: WindowsHashes = { hash: {} };
  for (const pair of value.split(',').slice(0, MAX_HASHES)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const algorithm = pair.slice(0, equals).trim().toLowerCase();
    const digest = pair.slice(equals + 1).trim().toLowerCase();
    if (!/^[a-z0-9]+$/.test(algorithm) || digest === '' || /^0+$/.test(digest)) continue;
    if (algorithm === 'imphash') result.imphash = digest;
    else result.hash[algorithm] = digest;
  }
  return Object.keys(result.hash).length === 0 && result.imphash === undefined ? undefined : result;
}
