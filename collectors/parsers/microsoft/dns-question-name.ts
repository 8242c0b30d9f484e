const MAX_LABELS = 128;

/**
 * The question name as a dotted domain. The debug log writes each label behind its length,
 * `(3)www(7)example(3)com(0)`; Windows Server 2003 wrote `.www.example.com.` instead. The root
 * name (`(0)`) and a malformed name give undefined.
 */
export function questionName(written: string): string | undefined {
  if (!written.startsWith('(')) {
    const dotted = written.replace(/^\.+|\.+$/g, '');
    return dotted === '' ? undefined : dotted;
  }
  const labels: string[] = [];
  let index = 0;
  while (index < written.length && labels.length < MAX_LABELS) {
    const close = written.indexOf(')', index);
    if (written[index] !== '(' || close < 0) return undefined;
    const length = Number(written.slice(index + 1, close));
    if (!Number.isInteger(length)) return undefined;
    if (length === 0) break;
    labels.push(written.slice(close + 1, close + 1 + length));
    index = close + 1 + length;
  }
  return labels.length === 0 ? undefined : labels.join('.');
}
