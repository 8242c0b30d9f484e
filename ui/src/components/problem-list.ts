import { ApiError } from '../api-client.js';
import { h } from '../h.js';
import { problemText } from './error-message.js';

/**
 * The API lists every validation problem with its path ("networks.1"): show them all, not just the
 * first. A problem with a code (suppressions) reads in the user's language; the others as sent.
 */
export function problemList(error: unknown): HTMLElement | null {
  if (!(error instanceof ApiError) || !Array.isArray(error.problem.errors) || error.problem.errors.length === 0) return null;
  return h(
    'ul',
    { class: 'problem-list' },
    (error.problem.errors as { code?: unknown; path?: unknown; message?: unknown }[]).map((problem) =>
      h('li', {}, h('code', {}, String(problem.path ?? '')), ' ', (typeof problem.code === 'string' ? problemText(problem.code) : undefined) ?? String(problem.message ?? '')),
    ),
  );
}
