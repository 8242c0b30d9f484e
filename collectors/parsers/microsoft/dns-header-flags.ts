// The debug log's flag letters, in its own order, and the ECS dns.header_flags value of each.
const LETTERS: [string, string][] = [['A', 'AA'], ['T', 'TC'], ['D', 'RD'], ['R', 'RA']];

/** ECS `dns.header_flags` from the DNS debug log's flag letters (`A DR`); undefined when none is set. */
export function dnsHeaderFlags(letters: string): string[] | undefined {
  const flags = LETTERS.filter(([letter]) => letters.includes(letter)).map(([, flag]) => flag);
  return flags.length === 0 ? undefined : flags;
}
