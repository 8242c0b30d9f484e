import { expect } from 'chai';
import { translateSmtpError } from '../../../../adapters/mail/translate-smtp-error.js';
import { LagebildError } from '../../../../core/errors.js';

function smtpError(fields: { code?: string; responseCode?: number }): Error {
  return Object.assign(new Error('smtp said no'), fields);
}

describe('adapters > mail > translate-smtp-error', () => {
  it('treats connection problems and 4xx replies as retriable', () => {
    for (const error of [smtpError({ code: 'ECONNECTION' }), smtpError({ code: 'ETIMEDOUT' }), smtpError({ code: 'EENVELOPE', responseCode: 451 })]) {
      const translated = translateSmtpError(error);
      expect(translated).to.be.instanceOf(LagebildError).with.property('code', 'unavailable');
      expect((translated as LagebildError).retriable).to.equal(true);
    }
  });

  it('treats a failed login and 5xx replies as final', () => {
    expect(translateSmtpError(smtpError({ code: 'EAUTH', responseCode: 535 }))).to.include({ code: 'mail_auth_failed', retriable: false });
    expect(translateSmtpError(smtpError({ code: 'EENVELOPE', responseCode: 550 }))).to.include({ code: 'mail_rejected', retriable: false });
  });

  it('leaves errors that are not from SMTP alone', () => {
    const error = new TypeError('bug');
    expect(translateSmtpError(error)).to.equal(error);
  });
});
