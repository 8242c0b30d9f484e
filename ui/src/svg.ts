import { appendChildren, setAttributes, type Attributes, type Child } from './h.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** `h` for SVG: the same safety rules, in the SVG namespace, for charts built without markup strings. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}
