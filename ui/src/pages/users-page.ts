import { ROLES, type OrganisationSummary, type Role, type User } from '../api-types.js';
import { errorMessage, errorText } from '../components/error-message.js';
import { problemList } from '../components/problem-list.js';
import { h, replaceChildren, type Child } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import type { Page, PageContext } from '../page.js';

/** The admin's user list: create with role and organisation, disable and enable, set a one-time password. */
export function usersPage(context: PageContext): Page {
  const feedback = h('div', { class: 'feedback', 'aria-live': 'polite' });
  const list = h('div', {}, h('p', { class: 'loading' }, t('app.loading')));
  let organisations: OrganisationSummary[] = [];

  const say = (content: Child) => replaceChildren(feedback, content);
  const failed = (error: unknown) => say(h('div', { class: 'notice notice-error', role: 'alert' }, errorText(error), problemList(error)));
  /** A generated password is shown once, like a token: the server keeps only its hash. */
  const oneTimePassword = (username: string, password: string) =>
    say(h('div', { class: 'notice notice-ok', id: 'one-time-password' }, t('users.oneTimePassword', { username }), ' ', h('code', { class: 'secret' }, password), h('p', { class: 'small' }, t('users.oneTimePasswordHint'))));

  async function load(): Promise<void> {
    try {
      const users = await context.api.listUsers();
      replaceChildren(list, table(users));
    } catch (error) {
      replaceChildren(list, errorMessage(error, () => void load()));
    }
  }

  async function act(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      failed(error);
    }
    await load();
  }

  function table(users: readonly User[]): HTMLElement {
    return h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'plain-table stack-table', id: 'user-table' },
        h('thead', {}, h('tr', {}, (['users.username', 'users.displayName', 'users.role', 'users.organisation', 'users.state', 'users.actions'] as const).map((key) => h('th', { scope: 'col' }, t(key))))),
        h(
          'tbody',
          {},
          users.map((user) => {
            const password = h('input', { type: 'password', id: `password-${user.id}`, minlength: 12, autocomplete: 'new-password', 'aria-describedby': `password-${user.id}-hint` });
            const passwordForm = h(
              'details',
              { class: 'inline-details' },
              h('summary', {}, t('users.setPassword')),
              h(
                'form',
                {
                  class: 'inline-form',
                  on: {
                    submit: (event) => {
                      event.preventDefault();
                      void act(async () => {
                        const result = await context.api.resetPassword(user.id, password.value || undefined);
                        if (result.oneTimePassword) oneTimePassword(user.username, result.oneTimePassword);
                        else say(h('p', { class: 'notice notice-ok' }, t('users.passwordSet', { username: user.username })));
                      });
                    },
                  },
                },
                h('div', { class: 'field' }, h('label', { for: password.id }, t('users.newPassword')), password, h('span', { class: 'hint', id: `password-${user.id}-hint` }, t('users.passwordHint'))),
                h('button', { type: 'submit', class: 'button button-secondary', id: `password-save-${user.id}` }, t('users.setPassword')),
              ),
            );
            const self = user.id === context.me.id;
            const toggle = self
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'button button-secondary',
                    id: `user-toggle-${user.id}`,
                    on: {
                      click: () =>
                        void act(async () => {
                          await context.api.updateUser(user.id, { disabled: !user.disabled });
                          say(h('p', { class: 'notice notice-ok' }, t(user.disabled ? 'users.enabled' : 'users.disabledDone', { username: user.username })));
                        }),
                    },
                  },
                  user.disabled ? t('users.enable') : t('users.disable'),
                );
            return h(
              'tr',
              { id: `user-row-${user.id}`, class: user.disabled ? 'row-disabled' : undefined },
              h('td', { 'data-label': t('users.username') }, h('code', {}, user.username)),
              h('td', { 'data-label': t('users.displayName') }, user.displayName, h('br', {}), h('span', { class: 'muted small' }, user.email)),
              h('td', { 'data-label': t('users.role') }, t(`role.${user.role}`)),
              h('td', { 'data-label': t('users.organisation') }, user.organizationId ? context.organisationName(user.organizationId) : t('users.cert')),
              h('td', { 'data-label': t('users.state'), class: 'user-state' }, user.disabled ? t('users.stateDisabled') : user.mustChangePassword ? t('users.stateMustChange') : t('users.stateActive'), h('br', {}), h('span', { class: 'muted small' }, formatDateTime(user.createdAt))),
              h('td', { 'data-label': t('users.actions') }, h('div', { class: 'button-row' }, toggle, passwordForm)),
            );
          }),
        ),
      ),
    );
  }

  function createForm(): HTMLElement {
    const field = (id: string, label: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
    const username = h('input', { id: 'user-username', required: true, pattern: '[A-Za-z0-9._\\-]{2,64}', autocomplete: 'off' });
    const displayName = h('input', { id: 'user-display-name', required: true, maxlength: 200, autocomplete: 'off' });
    const email = h('input', { id: 'user-email', type: 'email', required: true, autocomplete: 'off' });
    const role = h('select', { id: 'user-role' }, ROLES.map((value) => h('option', { value }, t(`role.${value}`))));
    role.value = 'officer';
    const organisation = h('select', { id: 'user-organisation' });
    const fillOrganisations = () => replaceChildren(organisation, h('option', { value: '' }, t('users.cert')), organisations.map((entry) => h('option', { value: entry.id }, entry.name)));
    fillOrganisations();
    void context.api.listOrganisations().then((list) => {
      organisations = list;
      fillOrganisations();
    });
    const password = h('input', { id: 'user-password', type: 'password', minlength: 12, autocomplete: 'new-password', 'aria-describedby': 'user-password-hint' });
    return h(
      'form',
      {
        class: 'panel admin-form',
        id: 'user-form',
        on: {
          submit: (event) => {
            event.preventDefault();
            void act(async () => {
              const result = await context.api.createUser(
                { username: username.value.trim(), displayName: displayName.value.trim(), email: email.value.trim(), role: role.value as Role, organizationId: organisation.value || null },
                password.value || undefined,
              );
              if (result.oneTimePassword) oneTimePassword(result.user.username, result.oneTimePassword);
              else say(h('p', { class: 'notice notice-ok' }, t('users.created', { username: result.user.username })));
              (event.target as HTMLFormElement).reset();
            });
          },
        },
      },
      h('h2', {}, t('users.create')),
      h(
        'div',
        { class: 'form-grid' },
        field('user-username', t('users.username'), username),
        field('user-display-name', t('users.displayName'), displayName),
        field('user-email', t('users.email'), email),
        field('user-role', t('users.role'), role),
        field('user-organisation', t('users.organisation'), organisation),
        h('div', { class: 'field' }, h('label', { for: 'user-password' }, t('users.initialPassword')), password, h('span', { class: 'hint', id: 'user-password-hint' }, t('users.passwordHint'))),
      ),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button', id: 'user-create' }, t('users.create'))),
    );
  }

  const element = h(
    'section',
    { class: 'page page-admin', 'aria-labelledby': 'users-title' },
    h('header', { class: 'page-header' }, h('h1', { id: 'users-title' }, t('users.title'))),
    feedback,
    createForm(),
    h('section', { class: 'panel' }, list),
  );
  void load();
  return { title: t('users.title'), element };
}
