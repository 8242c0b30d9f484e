import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type StreamTransport from 'nodemailer/lib/stream-transport/index.js';
import type { Clock } from '../../core/clock.js';
import type { Mailer, MailMessage } from '../../core/ports/mailer.js';
import { mailOptions } from './mail-options.js';

export interface OutboxMailerOptions {
  dataDir: string;
  from: string;
  clock: Clock;
}

/**
 * The mailer of the embedded mode: every message becomes an RFC 5322 .eml file in
 * `<dataDir>/outbox/`, which any mail client opens. nodemailer builds the message so that it is
 * byte for byte what SMTP would have sent.
 */
export class OutboxMailer implements Mailer {
  private readonly outbox: string;
  private readonly composer: Transporter<StreamTransport.SentMessageInfo>;

  constructor(private readonly options: OutboxMailerOptions) {
    this.outbox = path.resolve(options.dataDir, 'outbox');
    this.composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const now = this.options.clock.now();
    const { messageId, message: raw } = await this.composer.sendMail(mailOptions(message, this.options.from, now));
    // Colons are not allowed in Windows file names, so the ISO time uses dashes there.
    const name = `${now.toISOString().replaceAll(':', '-')}-${messageId.replace(/^<|>$/g, '').replace(/[^\w.@-]/g, '_')}.eml`;
    await mkdir(this.outbox, { recursive: true });
    // Written under a temporary name and renamed, so that a reader never sees half a message.
    const temporary = path.join(this.outbox, `.${name}.tmp`);
    await writeFile(temporary, raw);
    await rename(temporary, path.join(this.outbox, name));
    return { messageId };
  }

  async close(): Promise<void> {
    this.composer.close();
  }
}
