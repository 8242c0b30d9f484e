import type { Tlp } from '../api-types.js';
import { h } from '../h.js';

/** TLP 2.0 labels are never translated; the colours come from the stylesheet (FIRST's TLP 2.0 values). */
export function tlpBadge(tlp: Tlp): HTMLElement {
  const variant = tlp.slice('TLP:'.length).toLowerCase().replace('+', '-');
  return h('span', { class: `tlp tlp-${variant}`, lang: 'en' }, tlp);
}
