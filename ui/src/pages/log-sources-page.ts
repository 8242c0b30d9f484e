import type { LogSource, OrganisationSummary } from '../api-types.js';
import { copyButton } from '../components/copy-button.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { problemList } from '../components/problem-list.js';
import { h, replaceChildren, type Child } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';

/** The shell command an authority's log shipper can copy; the token stays a placeholder here. */
export function ingestExample(origin: string, token = '<token>'): string {
  return `curl -H 'Authorization: Bearer ${token}' --data-binary @events.ndjson ${origin}/api/v1/ingest`;
}

/** The admin's log sources: create one (its token is shown once), revoke it, and how to send events. */
export function logSourcesPage(context: PageContext): Page {
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const list = h('div', {}, h('p', { class: 'loading' }, t('app.loading')));
  let organisations: OrganisationSummary[] = [];
  const say = (content: Child) => replaceChildren(feedback, content);

  async function load(): Promise<void> {
    try {
      replaceChildren(list, table(await context.api.listLogSources()));
    } catch (error) {
      replaceChildren(list, errorMessage(error, () => void load()));
    }
  }

  /** The only moment the token exists outside the shipper's config: the server keeps only its hash. */
  function showToken(source: LogSource, token: string): void {
    const tokenInput = h('input', { id: 'new-token', readonly: true, value: token, class: 'token-input', spellcheck: 'false', 'aria-describedby': 'new-token-warning' });
    say(
      h(
        'div',
        { class: 'notice token-notice', id: 'token-panel', tabindex: '-1' },
        h('h2', {}, t('logSources.tokenTitle', { name: source.name })),
        h('p', { id: 'new-token-warning', class: 'token-warning' }, h('strong', {}, t('logSources.tokenWarning'))),
        h('div', { class: 'field' }, h('label', { for: 'new-token' }, t('logSources.token')), h('div', { class: 'copy-row' }, tokenInput, copyButton('copy-token', tokenInput))),
        h('p', { class: 'small' }, t('logSources.tokenUse')),
        h('pre', { class: 'command' }, ingestExample(location.origin, token)),
      ),
    );
    document.getElementById('token-panel')?.focus();
  }

  function table(sources: readonly LogSource[]): HTMLElement {
    if (sources.length === 0) return h('p', { class: 'empty' }, t('logSources.none'));
    return h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'plain-table stack-table', id: 'log-source-table' },
        h('thead', {}, h('tr', {}, (['logSources.name', 'logSources.organisation', 'logSources.parser', 'logSources.created', 'logSources.state', 'users.actions'] as const).map((key) => h('th', { scope: 'col' }, t(key))))),
        h(
          'tbody',
          {},
          sources.map((source) =>
            h(
              'tr',
              { id: `log-source-${source.id}`, class: source.revokedAt ? 'row-disabled' : undefined },
              h('td', { 'data-label': t('logSources.name') }, source.name),
              h('td', { 'data-label': t('logSources.organisation') }, context.organisationName(source.organizationId)),
              h('td', { 'data-label': t('logSources.parser') }, h('code', {}, source.parser ?? 'auto')),
              h('td', { 'data-label': t('logSources.created') }, formatDateTime(source.createdAt)),
              h('td', { 'data-label': t('logSources.state'), class: 'source-state' }, source.revokedAt ? t('logSources.revokedAt', { time: formatDateTime(source.revokedAt) }) : t('logSources.active')),
              h(
                'td',
                { 'data-label': t('users.actions') },
                source.revokedAt
                  ? null
                  : h(
                      'button',
                      {
                        type: 'button',
                        class: 'button button-secondary',
                        id: `revoke-${source.id}`,
                        on: {
                          click: () => {
                            if (!window.confirm(t('logSources.revokeConfirm', { name: source.name }))) return;
                            void context.api
                              .revokeLogSource(source.id)
                              .then(() => say(h('p', { class: 'notice notice-ok' }, t('logSources.revoked', { name: source.name }))))
                              .catch((error: unknown) => say(h('p', { class: 'notice notice-error', role: 'alert' }, errorText(error))))
                              .then(() => load());
                          },
                        },
                      },
                      t('logSources.revoke'),
                    ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function createForm(): HTMLElement {
    const organisation = h('select', { id: 'source-organisation', required: true });
    void context.api.listOrganisations().then((list) => {
      organisations = list;
      replaceChildren(organisation, organisations.map((entry) => h('option', { value: entry.id }, entry.name)));
    });
    const name = h('input', { id: 'source-name', required: true, maxlength: 200, autocomplete: 'off' });
    // The parsers a source may pin come from the service (the collectors' registry); "auto" recognises each record.
    const parser = h('select', { id: 'source-parser' }, h('option', { value: 'auto' }, 'auto'));
    void context.api.listParsers().then((names) => {
      replaceChildren(parser, names.map((value) => h('option', { value }, value)));
      parser.value = 'auto';
    });
    return h(
      'form',
      {
        class: 'panel admin-form',
        id: 'log-source-form',
        on: {
          submit: (event) => {
            event.preventDefault();
            const form = event.target as HTMLFormElement;
            void context.api
              .createLogSource(organisation.value, name.value.trim(), parser.value === 'auto' ? undefined : parser.value)
              .then(({ source, token }) => {
                form.reset();
                showToken(source, token);
              })
              .catch((error: unknown) => say(h('div', { class: 'notice notice-error', role: 'alert' }, errorText(error), problemList(error))))
              .then(() => load());
          },
        },
      },
      h('h2', {}, t('logSources.create')),
      h(
        'div',
        { class: 'form-grid' },
        h('div', { class: 'field' }, h('label', { for: 'source-organisation' }, t('logSources.organisation')), organisation),
        h('div', { class: 'field' }, h('label', { for: 'source-name' }, t('logSources.name')), name),
        h('div', { class: 'field' }, h('label', { for: 'source-parser' }, t('logSources.parser')), parser),
      ),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button', id: 'log-source-create' }, t('logSources.create'))),
    );
  }

  const element = h(
    'section',
    { class: 'page page-admin', 'aria-labelledby': 'log-sources-title' },
    h('header', { class: 'page-header' }, h('h1', { id: 'log-sources-title' }, t('logSources.title'))),
    feedback,
    createForm(),
    h('section', { class: 'panel' }, h('h2', {}, t('logSources.list')), list),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'ingest-title' },
      h('h2', { id: 'ingest-title' }, t('logSources.ingestTitle')),
      h('p', {}, t('logSources.ingestText')),
      h('pre', { class: 'command', id: 'ingest-example' }, ingestExample(location.origin)),
    ),
  );
  void load();
  return { title: t('logSources.title'), element };
}
