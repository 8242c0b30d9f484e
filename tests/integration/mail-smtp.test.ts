import net, { type AddressInfo } from 'node:net';
import { expect } from 'chai';
import { SmtpMailer } from '../../adapters/mail/smtp-mailer.js';
import { LagebildError } from '../../core/errors.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp-catcher.js';

const USER = 'lagebild';
const PASSWORD = 'p@ss:wört/1';

describe('integration > mail > smtp', function () {
  this.timeout(20_000);
  let smtp: SmtpCatcher;
  let mailer: SmtpMailer | undefined;

  beforeEach(async () => {
    smtp = await startSmtpCatcher({ credentials: { user: USER, password: PASSWORD }, refuses: (address) => address.endsWith('@unknown.example') });
  });

  afterEach(async () => {
    await mailer?.close();
    mailer = undefined;
    await smtp.close();
  });

  function url(password = PASSWORD): string {
    return `smtp://${USER}:${encodeURIComponent(password)}@127.0.0.1:${smtp.port}`;
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

    expect(smtp.received).to.have.length(2);
    const { mail, to } = smtp.received[0]!;
    expect(to).to.deep.equal(['isb@stadt.example', 'lage@cert.example']);
    expect(mail.subject).to.equal('Meldung eingegangen – Frist läuft');
    expect(mail.text?.trim()).to.equal('Die Erstmeldung ist fällig.');
    expect(mail.html).to.include('<em>fällig</em>');
    expect(mail.messageId).to.equal(first.messageId);
    expect(smtp.received[1]!.mail.subject).to.equal('Zweite');
  });

  it('reports a wrong password as a final error', async () => {
    mailer = new SmtpMailer({ url: url('wrong'), from: 'cert@sax.example' });
    const error = await mailer.send({ to: ['isb@stadt.example'], subject: 's', text: 't' }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(LagebildError).and.include({ code: 'mail_auth_failed', retriable: false });
    expect(smtp.received).to.have.length(0);
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
