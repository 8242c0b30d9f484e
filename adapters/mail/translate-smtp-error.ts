import { LagebildError, UnavailableError } from '../../core/errors.js';

/** Error codes nodemailer sets when the server could not be reached or the connection broke. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL']);

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
}

/**
 * nodemailer's errors as ours: connection problems and 4xx replies (greylisting, full mailbox) may
 * succeed later; a rejected login or a 5xx reply will not.
 */
export function translateSmtpError(error: unknown): LagebildError | unknown {
  if (!(error instanceof Error)) return error;
  const { code, responseCode } = error as NodemailerError;
  if ((code && CONNECTION_CODES.has(code)) || (responseCode !== undefined && responseCode >= 400 && responseCode < 500)) {
    return new UnavailableError('smtp server', error);
  }
  if (code === 'EAUTH') return new LagebildError('mail_auth_failed', 'the SMTP server rejected the login', { cause: error });
  if (responseCode !== undefined || code === 'EENVELOPE' || code === 'EMESSAGE') {
    return new LagebildError('mail_rejected', `the SMTP server rejected the message: ${error.message}`, { cause: error });
  }
  return error;
}
