import { ApiClient } from './api-client.js';
import type { Me, Role } from './api-types.js';
import { errorMessage } from './components/error-message.js';
import { h, replaceChildren } from './h.js';
import { language, setLanguage, t } from './i18n.js';
import type { MessageKey } from './i18n/de.js';
import type { Page, PageContext } from './page.js';
import { dashboardPage } from './pages/dashboard-page.js';
import { entityPage } from './pages/entity-page.js';
import { incidentDetailPage } from './pages/incident-detail-page.js';
import { incidentQueuePage } from './pages/incident-queue-page.js';
import { loginPage } from './pages/login-page.js';
import { messagePage } from './pages/message-page.js';
import { logSourcesPage } from './pages/log-sources-page.js';
import { suppressionsPage } from './pages/suppressions-page.js';
import { organisationFormPage } from './pages/organisation-form-page.js';
import { organisationsPage } from './pages/organisations-page.js';
import { ruleDetailPage } from './pages/rule-detail-page.js';
import { ruleTestPage } from './pages/rule-test-page.js';
import { rulesPage } from './pages/rules-page.js';
import { usersPage } from './pages/users-page.js';
import { obligationsPage } from './pages/obligations-page.js';
import { reportInboxPage } from './pages/report-inbox-page.js';
import { reportPage } from './pages/report-page.js';
import { warningComposePage } from './pages/warning-compose-page.js';
import { warningDetailPage } from './pages/warning-detail-page.js';
import { warningInboxPage } from './pages/warning-inbox-page.js';
import { navigate, parseRoute, type Route } from './router.js';

const CERT_ROLES: readonly Role[] = ['admin', 'analyst'];

/**
 * The shell: who is signed in, which menu entries their role gets, and which page the hash names.
 * Pages are rebuilt on every route change and language switch; they own nothing that outlives them.
 */
export class App {
  private readonly api = new ApiClient(() => this.sessionEnded());
  private me: Me | null = null;
  private organisations = new Map<string, string>();
  private warningsAvailable = false;
  /** An officer's open obligations: the menu shows the count, and an officer with any lands on them. */
  private openObligations = 0;
  private page: Page | null = null;
  private notice: string | undefined;
  /** Where to go after logging in, when a link was opened without a session. */
  private returnTo: string | null = null;

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    setLanguage(language());
    window.addEventListener('hashchange', () => void this.route());
    this.render(h('p', { class: 'loading' }, t('app.loading')), null);
    if (await this.api.restoreSession()) await this.loadProfile();
    await this.route();
  }

  private async loadProfile(): Promise<void> {
    this.me = await this.api.me();
    const [organisations, warnings] = await Promise.all([this.api.listOrganisations().catch(() => []), this.api.hasWarnings()]);
    this.organisations = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
    this.warningsAvailable = warnings;
    await this.countOpenObligations();
  }

  private async countOpenObligations(): Promise<void> {
    if (this.me?.role !== 'officer') return;
    this.openObligations = await this.api
      .listObligations({ open: true })
      .then((page) => page.total)
      .catch(() => this.openObligations);
  }

  private sessionEnded(): void {
    if (!this.me) return;
    this.me = null;
    this.notice = t('login.sessionEnded');
    this.returnTo = location.hash;
    navigate('#/login');
  }

  private async route(): Promise<void> {
    const route = parseRoute(location.hash);
    if (!this.me || !this.api.signedIn) {
      if (route.page !== 'login') {
        this.returnTo = location.hash;
        navigate('#/login');
        return;
      }
      this.show(
        loginPage({
          api: this.api,
          ...(this.notice ? { notice: this.notice } : {}),
          onLoggedIn: () => void this.afterLogin(),
        }),
        null,
      );
      return;
    }
    if (route.page === 'login' || route.page === 'home') {
      navigate(this.homeOf(this.me.role));
      return;
    }
    this.show(this.pageFor(route, this.me), route);
    // Reports filed on the way change the count; the badge follows on the next page.
    if (this.me.role === 'officer') void this.countOpenObligations().then(() => this.updateObligationCount());
  }

  private async afterLogin(): Promise<void> {
    this.notice = undefined;
    try {
      await this.loadProfile();
    } catch (error) {
      this.render(errorMessage(error, () => void this.afterLogin()), null);
      return;
    }
    const target = this.returnTo && this.returnTo !== '#/login' ? this.returnTo : '#/';
    this.returnTo = null;
    navigate(target);
  }

  private homeOf(role: Role): string {
    if (CERT_ROLES.includes(role)) return '#/dashboard';
    if (role === 'officer') return this.openObligations > 0 ? '#/obligations' : '#/incidents';
    return this.warningsAvailable ? '#/warnings' : '#/welcome';
  }

  private pageFor(route: Route, me: Me): Page {
    const context: PageContext = { api: this.api, me, organisationName: (id) => this.organisations.get(id) ?? id };
    const seesIncidents = me.role !== 'recipient';
    switch (route.page) {
      case 'dashboard':
        return CERT_ROLES.includes(me.role) ? dashboardPage(context) : messagePage(t('nav.dashboard'), t('app.noAccess'));
      case 'incidents':
        return seesIncidents ? incidentQueuePage(context) : messagePage(t('nav.incidents'), t('app.noAccess'));
      case 'incident':
        return seesIncidents ? incidentDetailPage(context, route.id) : messagePage(t('nav.incidents'), t('app.noAccess'));
      case 'entity':
        return seesIncidents ? entityPage(context, route.entity) : messagePage(t('nav.incidents'), t('app.noAccess'));
      case 'warnings':
        return this.warningsAvailable ? warningInboxPage(context) : messagePage(t('nav.warnings'), t('app.notFound'));
      case 'warning':
        return this.warningsAvailable ? warningDetailPage(context, route.id) : messagePage(t('nav.warnings'), t('app.notFound'));
      case 'warning-new':
        return CERT_ROLES.includes(me.role) ? warningComposePage(context) : messagePage(t('nav.warnings'), t('app.noAccess'));
      case 'warning-edit':
        return CERT_ROLES.includes(me.role) ? warningComposePage(context, route.id) : messagePage(t('nav.warnings'), t('app.noAccess'));
      case 'obligations':
        return me.role === 'officer' ? obligationsPage(context) : messagePage(t('nav.obligations'), t('app.noAccess'));
      case 'reports':
        return CERT_ROLES.includes(me.role) ? reportInboxPage(context) : messagePage(t('nav.reports'), t('app.noAccess'));
      case 'report':
        return seesIncidents ? reportPage(context, route.id) : messagePage(t('nav.reports'), t('app.noAccess'));
      case 'organisations':
        return me.role === 'admin' ? organisationsPage(context) : messagePage(t('nav.organisations'), t('app.noAccess'));
      case 'organisation':
        return me.role === 'admin' ? organisationFormPage(context, route.id) : messagePage(t('nav.organisations'), t('app.noAccess'));
      case 'users':
        return me.role === 'admin' ? usersPage(context) : messagePage(t('nav.users'), t('app.noAccess'));
      case 'log-sources':
        return me.role === 'admin' ? logSourcesPage(context) : messagePage(t('nav.logSources'), t('app.noAccess'));
      case 'suppressions':
        return seesIncidents ? suppressionsPage(context) : messagePage(t('nav.suppressions'), t('app.noAccess'));
      case 'rules':
        return CERT_ROLES.includes(me.role) ? rulesPage(context) : messagePage(t('nav.rules'), t('app.noAccess'));
      case 'rule':
        return CERT_ROLES.includes(me.role) ? ruleDetailPage(context, route.id) : messagePage(t('nav.rules'), t('app.noAccess'));
      case 'rule-test':
        return CERT_ROLES.includes(me.role) ? ruleTestPage(context) : messagePage(t('nav.rules'), t('app.noAccess'));
      default:
        return me.role === 'recipient' ? messagePage(t('app.name'), t('app.noAccess')) : messagePage(t('app.name'), t('app.notFound'));
    }
  }

  private show(page: Page, route: Route | null): void {
    this.page?.dispose?.();
    this.page = page;
    document.title = `${page.title} · ${t('app.name')}`;
    this.render(page.element, route);
  }

  private render(content: HTMLElement, route: Route | null): void {
    const main = h('main', { id: 'main', tabindex: '-1' }, content);
    replaceChildren(this.root, h('a', { class: 'skip-link', href: '#main', on: { click: skipToMain } }, t('app.skipToContent')), this.header(route), main);
    if (route) main.focus({ preventScroll: true });
  }

  private header(route: Route | null): HTMLElement {
    const languageButton = h(
      'button',
      { type: 'button', class: 'button button-ghost', id: 'language-switch', lang: language() === 'de' ? 'en' : 'de', 'aria-label': t('app.switchLanguageLabel'), on: { click: () => this.switchLanguage() } },
      t('app.switchLanguage'),
    );
    const brand = h('div', { class: 'brand' }, h('span', { class: 'brand-name' }, t('app.name')), h('span', { class: 'brand-tagline' }, t('app.tagline')));
    if (!this.me) return h('header', { class: 'app-header' }, brand, h('div', { class: 'header-tools' }, languageButton));

    const entries: { href: string; label: MessageKey; active: boolean }[] = [];
    const page = route?.page;
    if (CERT_ROLES.includes(this.me.role)) entries.push({ href: '#/dashboard', label: 'nav.dashboard', active: page === 'dashboard' });
    if (this.me.role !== 'recipient') entries.push({ href: '#/incidents', label: 'nav.incidents', active: page === 'incidents' || page === 'incident' || page === 'entity' });
    if (this.me.role === 'officer') entries.push({ href: '#/obligations', label: 'nav.obligations', active: page === 'obligations' || page === 'report' });
    if (CERT_ROLES.includes(this.me.role)) entries.push({ href: '#/reports', label: 'nav.reports', active: page === 'reports' || page === 'report' });
    if (this.warningsAvailable) entries.push({ href: '#/warnings', label: 'nav.warnings', active: page === 'warnings' || page === 'warning' || page === 'warning-new' || page === 'warning-edit' });
    if (this.me.role !== 'recipient') entries.push({ href: '#/suppressions', label: 'nav.suppressions', active: page === 'suppressions' });
    if (CERT_ROLES.includes(this.me.role)) entries.push({ href: '#/rules', label: 'nav.rules', active: page === 'rules' || page === 'rule' || page === 'rule-test' });
    if (this.me.role === 'admin') {
      entries.push({ href: '#/admin/organisations', label: 'nav.organisations', active: page === 'organisations' || page === 'organisation' });
      entries.push({ href: '#/admin/users', label: 'nav.users', active: page === 'users' });
      entries.push({ href: '#/admin/log-sources', label: 'nav.logSources', active: page === 'log-sources' });
    }
    const nav = h(
      'nav',
      { class: 'app-nav', 'aria-label': t('nav.main') },
      h(
        'ul',
        {},
        entries.map((entry) =>
          h('li', {}, h('a', { href: entry.href, 'aria-current': entry.active ? 'page' : undefined }, t(entry.label), entry.href === '#/obligations' ? this.obligationCount() : null)),
        ),
      ),
    );
    const user = h('span', { class: 'user-info' }, t('nav.signedInAs', { name: this.me.displayName || this.me.username, role: t(`role.${this.me.role}`) }));
    const logout = h('button', { type: 'button', class: 'button button-ghost', id: 'logout', on: { click: () => void this.logout() } }, t('nav.logout'));
    return h('header', { class: 'app-header' }, brand, nav, h('div', { class: 'header-tools' }, user, languageButton, logout));
  }

  private obligationCount(): HTMLElement {
    const badge = h('span', { class: 'nav-count', id: 'open-obligations-count' });
    this.fillObligationCount(badge);
    return badge;
  }

  private updateObligationCount(): void {
    const badge = document.getElementById('open-obligations-count');
    if (badge) this.fillObligationCount(badge);
  }

  private fillObligationCount(badge: HTMLElement): void {
    badge.textContent = String(this.openObligations);
    badge.hidden = this.openObligations === 0;
    badge.setAttribute('aria-label', t('nav.openObligations', { count: this.openObligations }));
  }

  private switchLanguage(): void {
    setLanguage(language() === 'de' ? 'en' : 'de');
    void this.route().then(() => document.getElementById('language-switch')?.focus());
  }

  private async logout(): Promise<void> {
    try {
      await this.api.logout();
    } finally {
      this.me = null;
      this.returnTo = null;
      navigate('#/login');
    }
  }
}

function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
