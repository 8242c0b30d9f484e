/**
 * Splits one CSV record into at most `maxFields` fields (the rest stays in the last one). A field
 * may be quoted, with `""` for a quote inside it; the Windows DHCP server writes no quotes itself,
 * but vendor and user class strings come from clients.
 */
export function csvFields(line: string, maxFields: number): string[] {
  const fields: string[] = [];
  let index = 0;
  while (fields.length < maxFields - 1) {
    if (line[index] === '"') {
      let value = '';
      let cursor = index + 1;
      for (;;) {
        const quote = line.indexOf('"', cursor);
        if (quote < 0) return [...fields, line.slice(index)];
        value += line.slice(cursor, quote);
        if (line[quote + 1] !== '"') {
          cursor = quote + 1;
          break;
        }
        value += '"';
        cursor = quote + 2;
      }
      fields.push(value);
      if (cursor >= line.length) return fields;
      if (line[cursor] !== ',') return [...fields.slice(0, -1), line.slice(index)];
      index = cursor + 1;
      continue;
    }
    const comma = line.indexOf(',', index);
    if (comma < 0) break;
    fields.push(line.slice(index, comma));
    index = comma + 1;
  }
  fields.push(line.slice(index));
  return fields;
}
