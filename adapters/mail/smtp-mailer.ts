import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { ValidationError } from '../../core/errors.js';
import type { Mailer, MailMessage } from '../../core/ports/mailer.js';
import { mailOptions } from './mail-options.js';
import { translateSmtpError } from './translate-smtp-error.js';

export interface SmtpMailerOptions {
  /** `smtp://user:password@host:port` (STARTTLS when offered) or `smtps://...` (TLS from the start); from SMTP_URL. */
  url: string;
  from: string;
}

/** Parsed by hand because nodemailer ignores other options (pooling) when given a URL. */
function poolOptions(url: string): SMTPPool.Options {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('the SMTP URL is not a URL');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new ValidationError('the SMTP URL must start with smtp:// or smtps://');
  return {
    pool: true,
    host: parsed.hostname,
    ...(parsed.port ? { port: Number(parsed.port) } : {}),
    secure: parsed.protocol === 'smtps:',
    ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
  };
}

/** Sends mail through an SMTP relay over a small pool of reused connections. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;

  constructor(private readonly options: SmtpMailerOptions) {
    this.transport = nodemailer.createTransport(poolOptions(options.url));
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    try {
      const info = await this.transport.sendMail(mailOptions(message, this.options.from));
      return { messageId: info.messageId };
    } catch (error) {
      throw translateSmtpError(error);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
