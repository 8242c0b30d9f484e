import { ApiError } from '../api-client.js';
import { h } from '../h.js';
import { t } from '../i18n.js';

/** A failure as the user can read it: the API's detail when there is one, never a stack. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail || error.title || error.code;
  return error instanceof Error ? error.message : String(error);
}

export function errorMessage(error: unknown, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert' },
    h('strong', {}, `${t('app.error')}: `),
    errorText(error),
    retry ? h('button', { type: 'button', class: 'button button-secondary', on: { click: retry } }, t('app.retry')) : null,
  );
}
