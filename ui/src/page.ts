import type { ApiClient } from './api-client.js';
import type { Me } from './api-types.js';

/** What every signed-in page gets from the app shell. */
export interface PageContext {
  api: ApiClient;
  me: Me;
  /** The organisation's name when the registry is readable, else its id. */
  organisationName(id: string): string;
}

/** A rendered page; `dispose` stops its timers when the user navigates away. */
export interface Page {
  title: string;
  element: HTMLElement;
  dispose?(): void;
}
