import type { Alert } from '../../../core/domain/alert.js';

/** The triggering events stay with the incident detail; a search result names them by id only. */
export function presentAlert(alert: Alert): Omit<Alert, 'events'> {
  const copy: Partial<Alert> = { ...alert };
  delete copy.events;
  return copy as Omit<Alert, 'events'>;
}
