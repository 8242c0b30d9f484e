import type { Deadline } from '../api-types.js';
import { h } from '../h.js';
import { formatDateTime, t } from '../i18n.js';
import { urgencyOf } from '../obligation-urgency.js';

/**
 * The phases of one obligation with their state (due / overdue / submitted, each its own colour; a
 * due one also coloured by whether hours or days remain) and, for the open ones, a countdown that
 * `startCountdowns` keeps current.
 */
export function deadlineList(deadlines: readonly Deadline[], now: Date = new Date()): HTMLElement {
  return h(
    'ul',
    { class: 'deadlines' },
    deadlines.map((deadline) =>
      h(
        'li',
        { class: `deadline deadline-${deadline.state}${deadline.state === 'due' ? ` deadline-${urgencyOf(deadline.dueAt, now)}` : ''}`, 'data-phase': deadline.phase },
        h('span', { class: 'deadline-phase' }, t(`phase.${deadline.phase}`)),
        h('span', { class: 'deadline-state' }, t(`deadline.${deadline.state}`)),
        h('span', { class: 'deadline-when' }, t('deadline.dueAt', { time: formatDateTime(deadline.dueAt) })),
        deadline.state === 'submitted'
          ? h('span', { class: 'countdown' }, deadline.submittedAt ? t('deadline.submittedAt', { time: formatDateTime(deadline.submittedAt) }) : '')
          : h('span', { class: 'countdown', 'data-due': deadline.dueAt, 'aria-live': 'off' }, countdownText(deadline.dueAt, now)),
      ),
    ),
  );
}

/** "noch 23 h 12 min" or "seit 2 h 5 min überfällig": precise enough for a 24 h deadline, quiet for a screen reader. */
export function countdownText(dueAt: string, now: Date): string {
  const remaining = Date.parse(dueAt) - now.getTime();
  const minutes = Math.floor(Math.abs(remaining) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const span = days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes % 60} min ${Math.floor((Math.abs(remaining) % 60_000) / 1000)} s`;
  return remaining >= 0 ? t('deadline.remaining', { span }) : t('deadline.overdueBy', { span });
}

/** Ticks every countdown under `root` once a second; returns the function that stops it. */
export function startCountdowns(root: HTMLElement): () => void {
  const timer = window.setInterval(() => {
    const now = new Date();
    for (const element of root.querySelectorAll<HTMLElement>('.countdown[data-due]')) {
      const due = element.dataset.due!;
      element.textContent = countdownText(due, now);
      const item = element.closest('.deadline');
      if (item?.classList.contains('deadline-days') && urgencyOf(due, now) === 'hours') item.classList.replace('deadline-days', 'deadline-hours');
      if (item && Date.parse(due) < now.getTime() && item.classList.contains('deadline-due')) {
        item.classList.remove('deadline-hours', 'deadline-days');
        item.classList.replace('deadline-due', 'deadline-overdue');
        const state = item.querySelector('.deadline-state');
        if (state) state.textContent = t('deadline.overdue');
      }
    }
  }, 1000);
  return () => window.clearInterval(timer);
}
