/** One end of a connection as an ASA message names it, before it becomes ECS. */
export interface AsaEndpoint {
  /** An IP address or a host name (ASA prints names when `names` or FQDN objects are used). */
  address?: string;
  port?: number;
  interface?: string;
  /** The address and port after NAT, as ASA prints them in parentheses. */
  mappedAddress?: string;
  mappedPort?: number;
  user?: string;
  bytes?: number;
}

/** What a message body yields; `asa-event.ts` turns it into ECS. */
export interface AsaDraft {
  source: AsaEndpoint;
  destination: AsaEndpoint;
  transport?: string;
  /** An IANA protocol number the message gives instead of a name ("Deny protocol 47"). */
  ianaNumber?: string;
  direction?: string;
  /** `h:mm:ss` (or `0h:32m:16s`) connection duration. */
  duration?: string;
  /** The verdict word of messages that carry one (106100: permitted, denied, est-allowed). */
  verdict?: string;
  /** Further ECS fields and `cisco.asa.*` fields, merged as they are. */
  fields: Record<string, unknown>;
}

export function emptyDraft(): AsaDraft {
  return { source: {}, destination: {}, fields: {} };
}

/** A port number, or undefined for anything that is not one. */
export function port(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 65535 ? value : undefined;
}

/** A user as ASA writes it (`LOCAL\alice`, `DOMAIN\alice, 12:sgt`, `alice`): the name without domain and SGT. */
export function userName(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const withoutTag = text.split(',')[0]!.trim();
  const name = withoutTag.slice(withoutTag.lastIndexOf('\\') + 1).replace(/^["']|["']$/g, '');
  return name === '' ? undefined : name;
}
