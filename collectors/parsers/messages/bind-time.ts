import { utcMillis } from '../syslog/iso-timestamp.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// named's own time stamp (print-time): "14-Mar-2025 11:59:00.123 ", milliseconds optional.
const BIND_TIME = /^(\d{2})-([A-Z][a-z]{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))? /;

/** The time stamp named writes at the start of `text`, as UTC epoch milliseconds, and its length. */
export function scanBindTime(text: string): { millis: number | undefined; length: number } | undefined {
  const time = BIND_TIME.exec(text);
  if (!time) return undefined;
  const millis = utcMillis(Number(time[3]), MONTHS.indexOf(time[2]!) + 1, Number(time[1]), Number(time[4]), Number(time[5]), Number(time[6]), Number(time[7] ?? 0));
  return { millis, length: time[0].length };
}
