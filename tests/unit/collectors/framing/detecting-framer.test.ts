import { expect } from 'chai';
import { DetectingFramer } from '../../../../collectors/framing/detecting-framer.js';

function frame(chunks: string[]): { messages: string[]; invalid: string[] } {
  const messages: string[] = [];
  const invalid: string[] = [];
  const framer = new DetectingFramer({ message: (text) => messages.push(text), invalid: (_raw, reason) => invalid.push(reason) }, 64 * 1024);
  for (const chunk of chunks) framer.push(Buffer.from(chunk));
  framer.end();
  return { messages, invalid };
}

const SYSLOG = '<34>1 2026-11-22T10:00:00Z web01 sshd 42 - - Failed password';
const SQUID = ['1700000000.123    245 10.51.3.4 TCP_MISS/200 1024 GET http://example.org/ - HIER_DIRECT/93.184.216.34 text/html', '1700000001.456     12 10.51.3.5 TCP_HIT/200 512 GET http://example.org/a - HIER_NONE/- text/html'];

describe('collectors > framing > detecting framer', () => {
  it('reads lines that start with an epoch timestamp as newline-framed', () => {
    expect(frame([SQUID.map((line) => `${line}\n`).join('')])).to.deep.equal({ messages: SQUID, invalid: [] });
  });

  it('reads MSG-LEN SP < as octet counting', () => {
    const octets = `${Buffer.byteLength(SYSLOG)} ${SYSLOG}`;
    expect(frame([octets + octets])).to.deep.equal({ messages: [SYSLOG, SYSLOG], invalid: [] });
  });

  it('waits for the bytes that decide when the first chunk ends before the <', () => {
    const octets = `${Buffer.byteLength(SYSLOG)} ${SYSLOG}`;
    expect(frame([...octets.slice(0, 4)].concat(octets.slice(4)))).to.deep.equal({ messages: [SYSLOG], invalid: [] });
    expect(frame(['17', '00000000', '.123 squid\n'])).to.deep.equal({ messages: ['1700000000.123 squid'], invalid: [] });
  });

  it('keeps a stream that ends undecided as a line', () => {
    expect(frame(['42 '])).to.deep.equal({ messages: ['42 '], invalid: [] });
    expect(frame(['42'])).to.deep.equal({ messages: ['42'], invalid: [] });
  });
});
