/** More columns than any PAN-OS log type has (TRAFFIC has about 120); a longer row is not PAN-OS. */
export const MAX_CSV_FIELDS = 256;

/**
 * Splits one CSV row as PAN-OS writes it: comma-separated, a field containing commas or quotes is
 * wrapped in double quotes, and a quote inside one is doubled. One pass over the text; undefined for a
 * row with more than `MAX_CSV_FIELDS` fields or an unterminated quote.
 */
export function splitCsvFields(row: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (fields.length >= MAX_CSV_FIELDS) return undefined;
    if (row[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = row.indexOf('"', j);
        if (close < 0) return undefined;
        value += row.slice(j, close);
        if (row[close + 1] === '"') {
          value += '"';
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      // Anything between the closing quote and the next comma belongs to the same field.
      const comma = row.indexOf(',', i);
      fields.push(value + row.slice(i, comma < 0 ? row.length : comma));
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = row.indexOf(',', i);
      fields.push(row.slice(i, comma < 0 ? row.length : comma));
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}
