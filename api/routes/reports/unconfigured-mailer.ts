import { UnavailableError } from '../../../core/errors.js';
import type { Mailer } from '../../../core/ports/mailer.js';

/** Stands in when the API runs without a mailer: sending fails as retriable, so the notification stays pending for the scheduler. */
export const unconfiguredMailer: Mailer = {
  send: () => Promise.reject(new UnavailableError('mailer')),
  close: () => Promise.resolve(),
};
