import { expect } from 'chai';
import { deadLetterMessages } from '../../../../adapters/bus/dead-letter-messages.js';
import { ValidationError } from '../../../../core/errors.js';

describe('adapters > bus > dead-letter-messages', () => {
  const message = { topic: 'events', partition: 2, offset: '41', key: 'org-7', value: '<13>garbage', headers: { source: 'udp' }, redeliveries: 0 };

  it('keeps key, value and headers and adds why and where from', () => {
    const [dead] = deadLetterMessages([message], new ValidationError('unparseable syslog line'));
    expect(dead).to.deep.equal({
      key: 'org-7',
      value: '<13>garbage',
      headers: {
        source: 'udp',
        'x-error': 'unparseable syslog line',
        'x-error-code': 'validation_failed',
        'x-original-topic': 'events',
        'x-original-partition': '2',
        'x-original-offset': '41',
      },
    });
  });

  it('marks errors without a code as unhandled', () => {
    const [dead] = deadLetterMessages([message], new TypeError('x is undefined'));
    expect(dead!.headers).to.include({ 'x-error': 'x is undefined', 'x-error-code': 'unhandled_error' });
  });
});
