type Fields = Record<string, unknown>;

const ABSOLUTE = /^[a-z][a-z0-9+.-]{0,15}:\/\//i;

function parts(raw: string): Fields {
  if (!ABSOLUTE.test(raw)) {
    const question = raw.indexOf('?');
    return question < 0 ? { path: raw } : { path: raw.slice(0, question), query: raw.slice(question + 1) };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {};
  }
  return {
    scheme: url.protocol.slice(0, -1), domain: url.hostname === '' ? undefined : url.hostname,
    port: url.port === '' ? undefined : Number(url.port), path: url.pathname, query: url.search === '' ? undefined : url.search.slice(1),
  };
}

/**
 * `url` of UTM and event logs is an absolute URL or a path with a query; FortiOS's `hostname` (the
 * Host header or SNI) names the domain when present, as in Elastic's mapping.
 */
export function fortigateUrl(raw: string | undefined, hostname: string | undefined): Fields {
  const fields: Fields = raw === undefined ? {} : { original: raw, ...parts(raw) };
  if (hostname !== undefined) fields.domain = hostname;
  return fields;
}
