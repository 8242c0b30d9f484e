import type { SendMailOptions } from 'nodemailer';
import type { MailMessage } from '../../core/ports/mailer.js';

/** The nodemailer form of our message, shared by the SMTP and outbox mailers so both write the same mail. */
export function mailOptions(message: MailMessage, from: string, date?: Date): SendMailOptions {
  return {
    from,
    to: message.to,
    ...(message.cc?.length ? { cc: message.cc } : {}),
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    ...(message.headers ? { headers: message.headers } : {}),
    ...(date ? { date } : {}),
  };
}
