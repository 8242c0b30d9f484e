/** Hash routes: the server serves one page, and a reload or a shared link lands on the same view. */
export type Route =
  | { page: 'login' }
  | { page: 'dashboard' }
  | { page: 'incidents' }
  | { page: 'incident'; id: string }
  | { page: 'entity'; entity: string }
  | { page: 'warnings' }
  | { page: 'warning'; id: string }
  | { page: 'warning-new' }
  | { page: 'warning-edit'; id: string }
  | { page: 'obligations' }
  | { page: 'reports' }
  | { page: 'report'; id: string }
  | { page: 'organisations' }
  | { page: 'organisation'; id: string | null }
  | { page: 'users' }
  | { page: 'log-sources' }
  | { page: 'suppressions' }
  | { page: 'rules' }
  | { page: 'rule'; id: string }
  | { page: 'rule-test' }
  | { page: 'home' }
  | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/login') return { page: 'login' };
  if (path === '/dashboard') return { page: 'dashboard' };
  if (path === '/incidents') return { page: 'incidents' };
  if (path === '/warnings') return { page: 'warnings' };
  if (path === '/warnings/new') return { page: 'warning-new' };
  if (path === '/obligations') return { page: 'obligations' };
  if (path === '/reports') return { page: 'reports' };
  if (path === '/admin/organisations') return { page: 'organisations' };
  if (path === '/admin/organisations/new') return { page: 'organisation', id: null };
  if (path === '/admin/users') return { page: 'users' };
  if (path === '/admin/log-sources') return { page: 'log-sources' };
  if (path === '/suppressions') return { page: 'suppressions' };
  if (path === '/rules') return { page: 'rules' };
  if (path === '/rules/test') return { page: 'rule-test' };
  const organisation = /^\/admin\/organisations\/([^/]+)$/.exec(path);
  if (organisation) return { page: 'organisation', id: decodeURIComponent(organisation[1]!) };
  const rule = /^\/rules\/([^/]+)$/.exec(path);
  if (rule) return { page: 'rule', id: decodeURIComponent(rule[1]!) };
  const report = /^\/reports\/([^/]+)$/.exec(path);
  if (report) return { page: 'report', id: decodeURIComponent(report[1]!) };
  const warningEdit = /^\/warnings\/([^/]+)\/edit$/.exec(path);
  if (warningEdit) return { page: 'warning-edit', id: decodeURIComponent(warningEdit[1]!) };
  const warning = /^\/warnings\/([^/]+)$/.exec(path);
  if (warning) return { page: 'warning', id: decodeURIComponent(warning[1]!) };
  const entity = /^\/entities\/([^/]+)$/.exec(path);
  if (entity) return { page: 'entity', entity: decodeURIComponent(entity[1]!) };
  const incident = /^\/incidents\/([^/]+)$/.exec(path);
  if (incident) return { page: 'incident', id: decodeURIComponent(incident[1]!) };
  return { page: 'not-found' };
}

export function incidentHref(id: string): string {
  return `#/incidents/${encodeURIComponent(id)}`;
}

export function entityHref(entity: string): string {
  return `#/entities/${encodeURIComponent(entity)}`;
}

export function warningHref(id: string): string {
  return `#/warnings/${encodeURIComponent(id)}`;
}

export function warningEditHref(id: string): string {
  return `#/warnings/${encodeURIComponent(id)}/edit`;
}

export function reportHref(id: string): string {
  return `#/reports/${encodeURIComponent(id)}`;
}

export function organisationHref(id: string): string {
  return `#/admin/organisations/${encodeURIComponent(id)}`;
}

export function ruleHref(id: string): string {
  return `#/rules/${encodeURIComponent(id)}`;
}

export function navigate(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
