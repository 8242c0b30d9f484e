import { ApiError } from '../api-client.js';
import { h } from '../h.js';
import { isMessageKey, t } from '../i18n.js';

/**
 * The message for an API problem code in the user's language, with `{name}` filled from the
 * problem's members (`requestId`, `minLength`); undefined for a code this UI does not know.
 */
export function problemText(code: string, problem: Record<string, unknown> = {}): string | undefined {
  const key = `problem.${code}`;
  if (!isMessageKey(key)) return undefined;
  const values = Object.fromEntries(Object.entries(problem).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'));
  return t(key, values);
}

/**
 * A failure as the user can read it, never a stack: the message for the problem's code; the
 * server's own (English) detail or title only for a code that a newer server sends and this UI does not know.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return problemText(error.code, error.problem) ?? (error.detail || error.title || error.code);
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
