import type { EcsEvent } from '../api-types.js';
import { h } from '../h.js';
import { formatDateTime, t } from '../i18n.js';

/** Fields worth a glance before reading the raw line; anything else is in the full JSON below. */
const SUMMARY_FIELDS = ['event.action', 'event.outcome', 'source.ip', 'destination.ip', 'destination.port', 'user.name', 'host.name', 'process.name', 'url.full', 'dns.question.name', 'organization.name'];

function field(event: EcsEvent, path: string): unknown {
  let value: unknown = event;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * One event as evidence. Everything in it came from a log line an attacker may have written, so
 * it is shown only as text: the original message in a <pre>, the rest as JSON text.
 */
export function eventView(event: EcsEvent): HTMLElement {
  const timestamp = typeof event['@timestamp'] === 'string' ? event['@timestamp'] : '';
  const original = typeof event.event?.original === 'string' ? event.event.original : undefined;
  const summary = SUMMARY_FIELDS.flatMap((path) => {
    const value = field(event, path);
    return value === undefined || value === null || typeof value === 'object' ? [] : [h('div', { class: 'kv' }, h('dt', {}, path), h('dd', {}, String(value)))];
  });
  return h(
    'article',
    { class: 'event' },
    h('header', { class: 'event-header' }, timestamp ? h('time', { datetime: timestamp }, formatDateTime(timestamp)) : null, h('code', { class: 'event-id' }, String(event.event?.id ?? ''))),
    summary.length ? h('dl', { class: 'event-fields' }, summary) : null,
    h('p', { class: 'label' }, t('detail.original')),
    original === undefined ? h('p', { class: 'muted' }, t('detail.noOriginal')) : h('pre', { class: 'event-original' }, original),
    h('details', { class: 'event-json' }, h('summary', {}, 'ECS JSON'), h('pre', {}, JSON.stringify(event, null, 2))),
  );
}
