// scheme://[userinfo@]host[:port]path[?query][#fragment], each part as written (no decoding).
const ABSOLUTE_URL = /^([A-Za-z][A-Za-z0-9+.-]{0,31}):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[^:]*)(?::(\d{1,5}))?$/;

/** ECS `url.*` parts of an absolute URL, as Elastic's `uri_parts` processor gives them; undefined when it is not one. */
export function urlParts(original: string): Record<string, string | number | undefined> | undefined {
  const match = ABSOLUTE_URL.exec(original);
  if (!match) return undefined;
  const [, scheme, authority, path, query, fragment] = match;
  const at = authority!.lastIndexOf('@');
  const hostPort = HOST_PORT.exec(at < 0 ? authority! : authority!.slice(at + 1));
  if (!hostPort) return undefined;
  const host = hostPort[1]!.replace(/^\[|\]$/g, '');
  const lastSegment = path!.slice(path!.lastIndexOf('/') + 1);
  const dot = lastSegment.lastIndexOf('.');
  return {
    original, scheme: scheme!.toLowerCase(), domain: host === '' ? undefined : host, port: hostPort[2] === undefined ? undefined : Number(hostPort[2]),
    path: path === '' ? undefined : path, query, fragment, extension: dot < 0 || dot === lastSegment.length - 1 ? undefined : lastSegment.slice(dot + 1),
  };
}
