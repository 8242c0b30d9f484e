/** A cheap look at the start of a line: `<PRI>` followed by a version digit and a space means RFC 5424. */
export function isRfc5424(line: string): boolean {
  const close = line.indexOf('>');
  if (line.charCodeAt(0) !== 60 || close < 2 || close > 4) return false;
  const version = line.charCodeAt(close + 1);
  return version >= 49 && version <= 57 && line.charCodeAt(close + 2) === 32;
}
