import { h } from '../h.js';
import { entityHref } from '../router.js';

/** An entity (`host.name=fs01`) opens the page of everything that names it. */
export function entityLink(entity: string): HTMLElement {
  return h('a', { href: entityHref(entity), class: 'entity-link' }, h('code', {}, entity));
}
