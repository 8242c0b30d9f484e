import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  mail: ParsedMail;
  /** The envelope recipients, which include Cc and Bcc. */
  to: string[];
}

export interface SmtpCatcherOptions {
  /** Require AUTH with these credentials (over plain TCP: the catcher never offers STARTTLS). */
  credentials?: { user: string; password: string };
  /** Recipients to refuse with 550, as a server does for an unknown mailbox. */
  refuses?: (address: string) => boolean;
}

export interface SmtpCatcher {
  port: number;
  /** The mails accepted so far, oldest first; tests may empty it. */
  received: CaughtMail[];
  close(): Promise<void>;
}

/** A real SMTP server on a free local port that keeps every mail it accepts, parsed. */
export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const received: CaughtMail[] = [];
  const { credentials, refuses } = options;
  const server = new SMTPServer({
    disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: credentials !== undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.password) callback(null, { user: credentials.user });
      else callback(new Error('invalid credentials'));
    },
    onRcptTo(address, _session, callback) {
      if (refuses?.(address.address)) callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ mail, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
