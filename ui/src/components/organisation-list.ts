import type { NamedOrganisation } from '../api-types.js';
import { h } from '../h.js';

/** A list longer than this is set in columns, so that hundreds of names stay one screen or two. */
const LONG_LIST = 10;

/** Organisations by name, in the order given. */
export function organisationList(id: string, organisations: readonly NamedOrganisation[]): HTMLElement {
  return h('ul', { class: organisations.length > LONG_LIST ? 'preview-list preview-list-long' : 'preview-list', id }, organisations.map((organisation) => h('li', {}, organisation.name)));
}
