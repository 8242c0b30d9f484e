/**
 * Reads SigmaHQ regression event files: Windows XML events rendered as JSON, several objects
 * concatenated in one file, flattened the way the regression README describes (EventData and
 * UserData fields at top level with spaces removed; EventID, Channel, Computer and Provider_Name
 * from System).
 */
export function splitJsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth++ === 0) start = i;
    } else if (ch === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

function copyData(data: unknown, into: Record<string, unknown>): void {
  if (!data || typeof data !== 'object') return;
  for (const [key, value] of Object.entries(data)) {
    if (key === '#attributes') continue;
    into[key.replace(/\s+/g, '')] = value;
  }
}

export function flattenWindowsEvent(json: unknown): Record<string, unknown> {
  const event = (json as { Event: Record<string, Record<string, unknown>> }).Event;
  const system = event.System ?? {};
  const flat: Record<string, unknown> = {};
  copyData(event.EventData, flat);
  // UserData holds one element named after the event's template; its children are the fields.
  for (const [key, inner] of Object.entries(event.UserData ?? {})) if (key !== '#attributes') copyData(inner, flat);
  flat.EventID = system.EventID;
  flat.Channel = system.Channel;
  flat.Computer = system.Computer;
  const provider = system.Provider as { '#attributes'?: { Name?: string } } | undefined;
  flat.Provider_Name = provider?.['#attributes']?.Name;
  return flat;
}
