import { ApiError, type ApiClient } from '../api-client.js';
import { errorText } from '../components/error-message.js';
import { h, replaceChildren } from '../h.js';
import { t, tCount } from '../i18n.js';
import type { Page } from '../page.js';

export interface LoginPageOptions {
  api: ApiClient;
  /** Shown above the form, e.g. that the session ended. */
  notice?: string;
  onLoggedIn(): void;
}

export function loginPage(options: LoginPageOptions): Page {
  const username = h('input', { id: 'login-username', name: 'username', type: 'text', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'button' }, t('login.submit'));
  const feedback = h('div', { class: 'login-feedback', 'aria-live': 'assertive' });
  if (options.notice) replaceChildren(feedback, h('p', { class: 'notice' }, options.notice));

  const form = h(
    'form',
    { class: 'login-form', novalidate: false, on: { submit: (event) => void onSubmit(event) } },
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, t('login.username')), username),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('login.password')), password),
    feedback,
    submit,
  );

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    submit.disabled = true;
    submit.textContent = t('login.submitting');
    replaceChildren(feedback);
    try {
      await options.api.login(username.value.trim(), password.value);
      options.onLoggedIn();
    } catch (error) {
      password.value = '';
      replaceChildren(feedback, h('p', { class: 'notice notice-error', role: 'alert' }, loginFailure(error)));
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  }

  const element = h(
    'section',
    { class: 'login', 'aria-labelledby': 'login-title' },
    h('div', { class: 'login-card' }, h('h1', { id: 'login-title' }, t('login.title')), h('p', { class: 'muted' }, t('login.intro')), form),
  );
  queueMicrotask(() => username.focus());
  return { title: t('login.title'), element };
}

function loginFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_credentials') return t('login.failed');
    if (error.code === 'login_locked') {
      const seconds = typeof error.problem.retryAfterSeconds === 'number' ? error.problem.retryAfterSeconds : 60;
      return tCount('login.locked', seconds);
    }
    if (error.code === 'password_change_required') return t('login.mustChangePassword');
  }
  return errorText(error);
}
