import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { OutboxMailer } from '../../../../adapters/mail/outbox-mailer.js';
import { ManualClock } from '../../../../core/clock.js';

describe('adapters > mail > outbox-mailer', () => {
  let dataDir: string;
  let mailer: OutboxMailer;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'lagebild-outbox-'));
    mailer = new OutboxMailer({ dataDir, from: 'SAX.CERT <cert@sax.example>', clock: new ManualClock('2025-03-04T05:06:07.089Z') });
  });

  afterEach(async () => {
    await mailer.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes the message as an .eml file that parses back with umlauts intact', async () => {
    const { messageId } = await mailer.send({
      to: ['isb@gemeinde-größdorf.example', 'it@landratsamt.example'],
      cc: ['lage@cert.example'],
      subject: 'Warnmeldung: Schwachstelle in Öffentlicher Zugangssoftware – Maßnahmen für Ämter',
      text: 'Sehr geehrte Damen und Herren,\nbitte prüfen Sie Ihre Systeme. Grüße, SAX.CERT',
      html: '<p>Bitte <b>prüfen</b> Sie Ihre Systeme: Größe, Übersicht.</p>',
      headers: { 'X-Lagebild-Warning': 'w-17' },
    });

    const files = await readdir(path.join(dataDir, 'outbox'));
    expect(files).to.have.length(1);
    expect(files[0]).to.match(/^2025-03-04T05-06-07\.089Z-.+\.eml$/);
    expect(files[0]).to.include(messageId.replace(/[<>]/g, ''));

    const mail = await simpleParser(await readFile(path.join(dataDir, 'outbox', files[0]!)));
    expect(mail.subject).to.equal('Warnmeldung: Schwachstelle in Öffentlicher Zugangssoftware – Maßnahmen für Ämter');
    expect(mail.text?.trim()).to.equal('Sehr geehrte Damen und Herren,\nbitte prüfen Sie Ihre Systeme. Grüße, SAX.CERT');
    expect(mail.html).to.include('Bitte <b>prüfen</b> Sie Ihre Systeme: Größe, Übersicht.');
    expect(mail.messageId).to.equal(messageId);
    expect(mail.date?.toISOString()).to.equal('2025-03-04T05:06:07.000Z');
    expect(mail.headers.get('x-lagebild-warning')).to.equal('w-17');
    const addresses = (field: typeof mail.to) => (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));
    expect(addresses(mail.to)).to.deep.equal(['isb@gemeinde-größdorf.example', 'it@landratsamt.example']);
    expect(addresses(mail.cc)).to.deep.equal(['lage@cert.example']);
    expect(addresses(mail.from)).to.deep.equal(['cert@sax.example']);
  });

  it('writes one file per message and leaves no temporary files', async () => {
    await mailer.send({ to: ['a@example.org'], subject: 'eins', text: 'eins' });
    await mailer.send({ to: ['b@example.org'], subject: 'zwei', text: 'zwei' });
    const files = await readdir(path.join(dataDir, 'outbox'));
    expect(files).to.have.length(2);
    expect(files.every((file) => file.endsWith('.eml') && !file.startsWith('.'))).to.equal(true);
  });
});
