/**
 * The only way the UI builds DOM. Text always goes in as text nodes and attributes through
 * setAttribute, so data (log lines, comments, report text) can never become markup. Event handlers
 * are functions passed in `on`, never attribute strings, and URLs must be relative, http(s) or mailto.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
export type AttributeValue = string | number | boolean | null | undefined;

export interface Attributes {
  [name: string]: AttributeValue | Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>> | undefined;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
const SAFE_URL = /^(#|\/(?!\/)|\.{0,2}\/|https?:|mailto:)/i;

export function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'on') continue;
    const lower = name.toLowerCase();
    if (lower.startsWith('on')) throw new Error(`event handler attributes are not allowed: ${name}`);
    if (lower === 'style') throw new Error('inline styles are not allowed (CSP): use a class or element.style');
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === 'object') throw new Error(`attribute ${name} must be a plain value`);
    const text = value === true ? '' : String(value);
    if (URL_ATTRIBUTES.has(lower) && !SAFE_URL.test(text.trim())) throw new Error(`unsafe URL in ${name}`);
    element.setAttribute(name, text);
  }
  for (const [type, listener] of Object.entries(attributes.on ?? {})) if (listener) element.addEventListener(type, listener);
}

export function appendChildren(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendChildren(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** Replaces everything inside `parent` with `children`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  appendChildren(parent, children);
}
