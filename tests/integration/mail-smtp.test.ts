import net, { type AddressInfo } from 'node:net';
import { expect } from 'chai';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { SmtpMailer } from '../../adapters/mail/smtp-mailer.js';
import { LagebildError } from '../../core/errors.js';

const USER = 'lagebild';
const PASSWORD = 'p@ss:wört/1';

describe('integration > mail > smtp', function () {
  this.timeout(20_000);
  let server: SMTPServer;
  let port: number;
  let received: { mail: ParsedMail; envelopeTo: string[] }[];
  let mailer: SmtpMailer | undefined;

  beforeEach(async () => {
    received = [];
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
        else callback(new Error('invalid credentials'));
      },
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@unknown.example')) callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
        else callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push({ mail, envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    await mailer?.close();
    mailer = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function url(password = PASSWORD): string {
    return `smtp://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  }

  it('delivers messages with the credentials from the URL', async () => {
    mailer = new SmtpMailer({ url: url(), from: 'SAX.CERT <cert@sax.example>' });
    const first = await mailer.send({
      to: ['isb@stadt.example'],
      cc: ['lage@cert.example'],
      subject: 'Meldung eingegangen – Frist läuft',
      text: 'Die Erstmeldung ist fällig.',
      html: '<p>Die Erstmeldung ist <em>fällig</em>.</p>',
    });
    await mailer.send({ to: ['other@stadt.example'], subject: 'Zweite', text: 'zwei' });

    expect(received).to.have.length(2);
    const { mail, envelopeTo } = received[0]!;
    expect(envelopeTo).to.deep.equal(['isb@stadt.example', 'lage@cert.example']);
    expect(mail.subject).to.equal('Meldung eingegangen – Frist läuft');
    expect(mail.text?.trim()).to.equal('Die Erstmeldung ist fällig.');
    expect(mail.html).to.include('<em>fällig</em>');
    expect(mail.messageId).to.equal(first.messageId);
    expect(received[1]!.mail.subject).to.equal('Zweite');
  });

  it('reports a wrong password as a final error', async () => {
    mailer = new SmtpMailer({ url: url('wrong'), from: 'cert@sax.example' });
    const error = await mailer.send({ to: ['isb@stadt.example'], subject: 's', text: 't' }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(LagebildError).and.include({ code: 'mail_auth_failed', retriable: false });
    expect(received).to.have.length(0);
  });

  it('reports a rejected recipient as a final error', async () => {
    mailer = new SmtpMailer({ url: url(), from: 'cert@sax.example' });
    const error = await mailer.send({ to: ['nobody@unknown.example'], subject: 's', text: 't' }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(LagebildError).and.include({ code: 'mail_rejected', retriable: false });
  });

  it('reports an unreachable server as unavailable', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${closedPort}`, from: 'cert@sax.example' });
    const error = await mailer.send({ to: ['isb@stadt.example'], subject: 's', text: 't' }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(LagebildError).and.include({ code: 'unavailable', retriable: true });
  });
});
