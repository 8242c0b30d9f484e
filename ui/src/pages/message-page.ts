import { h } from '../h.js';
import type { Page } from '../page.js';

/** A page that only says something: no access for this role, or no such page. */
export function messagePage(title: string, message: string): Page {
  return { title, element: h('section', { class: 'page' }, h('h1', {}, title), h('p', {}, message)) };
}
