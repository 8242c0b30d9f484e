import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { compileYaml, ruleWith } from './compile-yaml.js';

const ev = (fields: Record<string, unknown>): EcsEvent => ({ '@timestamp': '2026-01-01T00:00:00Z', event: { id: 'e1' }, ...fields }) as EcsEvent;
const matches = (selection: string, fields: Record<string, unknown>, placeholders?: Record<string, string[]>): boolean =>
  compileYaml(ruleWith(selection), placeholders).match(ev(fields));

describe('detectors > sigma > modifiers', () => {
  describe('plain values', () => {
    it('match whole values case-insensitively', () => {
      expect(matches("selection:\n    cmd: 'Whoami'", { cmd: 'WHOAMI' })).to.equal(true);
      expect(matches("selection:\n    cmd: 'whoami'", { cmd: 'whoami /all' })).to.equal(false);
    });
    it('treat * and ? as wildcards and \\* as a literal star', () => {
      expect(matches("selection:\n    f: 'prog?.exe'", { f: 'progA.exe' })).to.equal(true);
      expect(matches("selection:\n    f: 'prog?.exe'", { f: 'prog.exe' })).to.equal(false);
      expect(matches("selection:\n    f: 'a*z'", { f: 'abcz' })).to.equal(true);
      expect(matches("selection:\n    f: 'a\\*z'", { f: 'abz' })).to.equal(false);
      expect(matches("selection:\n    f: 'a\\*z'", { f: 'a*z' })).to.equal(true);
    });
    it('read \\\\ as one backslash and a single backslash literally', () => {
      expect(matches("selection:\n    f: 'C:\\\\Windows\\\\*'", { f: 'c:\\windows\\x' })).to.equal(true);
      expect(matches("selection:\n    f: 'C:\\Windows'", { f: 'C:\\Windows' })).to.equal(true);
    });
    it('compare numbers as written and match numeric event values', () => {
      expect(matches('selection:\n    EventID: 4688', { EventID: 4688 })).to.equal(true);
      expect(matches('selection:\n    EventID: 0x17', { EventID: '0x17' })).to.equal(true);
    });
    it('OR-link list values and AND-link map entries', () => {
      expect(matches('selection:\n    a: [x, y]\n    b: z', { a: 'y', b: 'z' })).to.equal(true);
      expect(matches('selection:\n    a: [x, y]\n    b: z', { a: 'y', b: 'q' })).to.equal(false);
    });
    it('match null on a missing or null field only', () => {
      expect(matches('selection:\n    a: null', {})).to.equal(true);
      expect(matches('selection:\n    a: null', { a: null })).to.equal(true);
      expect(matches('selection:\n    a: null', { a: '' })).to.equal(false);
    });
    it('match any element of an array field', () => {
      expect(matches('selection:\n    event.category: network', { event: { id: 'x', category: ['host', 'network'] } })).to.equal(true);
    });
    it('search keywords in the message', () => {
      expect(matches('selection:\n    - mimikatz', { message: 'ran Mimikatz today' })).to.equal(true);
      expect(matches('selection:\n    - mimikatz', { message: 'clean' })).to.equal(false);
    });
  });

  it('contains, startswith, endswith', () => {
    expect(matches("selection:\n    f|contains: 'EnC'", { f: 'powershell -enc AAA' })).to.equal(true);
    expect(matches("selection:\n    f|startswith: 'power'", { f: 'PowerShell' })).to.equal(true);
    expect(matches("selection:\n    f|startswith: 'shell'", { f: 'PowerShell' })).to.equal(false);
    expect(matches("selection:\n    f|endswith: '\\cmd.exe'", { f: 'C:\\Windows\\System32\\cmd.exe' })).to.equal(true);
    expect(matches("selection:\n    f|endswith: '\\cmd.exe'", { f: 'C:\\cmd.exe.bak' })).to.equal(false);
  });

  it('all AND-links the values', () => {
    const selection = "selection:\n    f|contains|all:\n        - ' -a'\n        - ' -b'";
    expect(matches(selection, { f: 'x -b -a' })).to.equal(true);
    expect(matches(selection, { f: 'x -a' })).to.equal(false);
  });

  it('cased makes matching case-sensitive', () => {
    expect(matches("selection:\n    f|cased: 'Abc'", { f: 'Abc' })).to.equal(true);
    expect(matches("selection:\n    f|cased: 'Abc'", { f: 'abc' })).to.equal(false);
    expect(matches("selection:\n    f|contains|cased: 'B'", { f: 'abc' })).to.equal(false);
  });

  it('re matches anywhere, case-sensitively, with i/m/s sub-modifiers', () => {
    expect(matches("selection:\n    f|re: 'a[0-9]+z'", { f: 'xa123z' })).to.equal(true);
    expect(matches("selection:\n    f|re: 'a[0-9]+z'", { f: 'A123Z' })).to.equal(false);
    expect(matches("selection:\n    f|re|i: 'a[0-9]+z'", { f: 'A123Z' })).to.equal(true);
    expect(matches("selection:\n    f|re: '^b$'", { f: 'a\nb' })).to.equal(false);
    expect(matches("selection:\n    f|re|m: '^b$'", { f: 'a\nb' })).to.equal(true);
    expect(matches("selection:\n    f|re: 'a.b'", { f: 'a\nb' })).to.equal(false);
    expect(matches("selection:\n    f|re|s: 'a.b'", { f: 'a\nb' })).to.equal(true);
    expect(matches("selection:\n    f|re: '(?i)abc'", { f: 'ABC' })).to.equal(true);
    expect(() => compileYaml(ruleWith("selection:\n    f|re: '(unclosed'"))).to.throw(/invalid regular expression/);
    expect(() => compileYaml(ruleWith("selection:\n    f|i: 'x'"))).to.throw(/sub-modifier of "re"/);
  });

  it('cidr matches IPv4 and IPv6 networks', () => {
    const selection = "selection:\n    ip|cidr:\n        - '10.0.0.0/8'\n        - '2001:db8::/32'";
    expect(matches(selection, { ip: '10.1.2.3' })).to.equal(true);
    expect(matches(selection, { ip: '11.1.2.3' })).to.equal(false);
    expect(matches(selection, { ip: '2001:db8:1::5' })).to.equal(true);
    expect(matches(selection, { ip: '2001:db9::5' })).to.equal(false);
    expect(matches(selection, { ip: 'not an ip' })).to.equal(false);
    expect(() => compileYaml(ruleWith("selection:\n    ip|cidr: '10.0.0.0/33'"))).to.throw(/invalid CIDR/);
  });

  it('base64 encodes the value', () => {
    expect(matches("selection:\n    f|base64: 'cmd'", { f: 'Y21k' })).to.equal(true);
    expect(matches("selection:\n    f|base64|contains: 'http://'", { f: 'x aHR0cDovLw== y' })).to.equal(true);
  });

  it('base64offset finds the value at any offset inside base64 text', () => {
    const selection = "selection:\n    f|base64offset|contains: 'Invoke-Mimikatz'";
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = Buffer.from(`${prefix}Invoke-Mimikatz -x`).toString('base64');
      expect(matches(selection, { f: encoded }), prefix).to.equal(true);
    }
    expect(matches(selection, { f: Buffer.from('Invoke-Other').toString('base64') })).to.equal(false);
  });

  it('utf16le/wide, utf16be and utf16 change the bytes a following base64 encodes', () => {
    const wide = Buffer.from('cmd', 'utf16le').toString('base64');
    expect(matches("selection:\n    f|wide|base64: 'cmd'", { f: wide })).to.equal(true);
    expect(matches("selection:\n    f|utf16le|base64: 'cmd'", { f: wide })).to.equal(true);
    expect(matches("selection:\n    f|utf16be|base64: 'cmd'", { f: Buffer.from([0, 0x63, 0, 0x6d, 0, 0x64]).toString('base64') })).to.equal(true);
    expect(matches("selection:\n    f|utf16|base64: 'cmd'", { f: Buffer.from([0xff, 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0]).toString('base64') })).to.equal(true);
    const encodedCommand = Buffer.from('IEX (New-Object Net.WebClient)', 'utf16le').toString('base64');
    expect(matches("selection:\n    f|wide|base64offset|contains: 'New-Object'", { f: `powershell -enc ${encodedCommand}` })).to.equal(true);
  });

  it('windash accepts -, /, en dash, em dash and horizontal bar for flags', () => {
    const selection = "selection:\n    f|windash|contains: ' -exec bypass'";
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) expect(matches(selection, { f: `ps ${dash}exec bypass` }), dash).to.equal(true);
    expect(matches(selection, { f: 'ps +exec bypass' })).to.equal(false);
  });

  it('exists tests presence, not value', () => {
    expect(matches('selection:\n    f|exists: true', { f: '' })).to.equal(true);
    expect(matches('selection:\n    f|exists: true', {})).to.equal(false);
    expect(matches('selection:\n    f|exists: false', {})).to.equal(true);
    expect(() => compileYaml(ruleWith("selection:\n    f|exists: 'yes'"))).to.throw(/boolean/);
  });

  it('neq holds when the field differs from every value', () => {
    expect(matches("selection:\n    f|neq: 'a'", { f: 'b' })).to.equal(true);
    expect(matches("selection:\n    f|neq: 'a'", { f: 'A' })).to.equal(false);
  });

  it('lt, lte, gt, gte compare numbers', () => {
    expect(matches('selection:\n    n|lt: 10', { n: 9 })).to.equal(true);
    expect(matches('selection:\n    n|lt: 10', { n: 10 })).to.equal(false);
    expect(matches('selection:\n    n|lte: 10', { n: '10' })).to.equal(true);
    expect(matches('selection:\n    n|gt: 10', { n: 11 })).to.equal(true);
    expect(matches('selection:\n    n|gte: 10', { n: 9 })).to.equal(false);
    expect(matches('selection:\n    n|gt: 10', { n: 'abc' })).to.equal(false);
    expect(() => compileYaml(ruleWith("selection:\n    n|gt: 'ten'"))).to.throw(/needs a number/);
  });

  it('fieldref compares with another field of the event', () => {
    expect(matches('selection:\n    user.name|fieldref: user.target.name', { user: { name: 'Bob', target: { name: 'bob' } } })).to.equal(true);
    expect(matches('selection:\n    user.name|fieldref: user.target.name', { user: { name: 'Bob', target: { name: 'eve' } } })).to.equal(false);
    expect(matches('selection:\n    user.name|fieldref|neq: user.target.name', { user: { name: 'Bob', target: { name: 'eve' } } })).to.equal(true);
  });

  it('expand replaces placeholders with the values passed at compile time', () => {
    const selection = "selection:\n    host.name|expand: '%DomainControllers%'";
    const placeholders = { DomainControllers: ['dc1', 'dc-*'] };
    expect(matches(selection, { host: { name: 'DC-07' } }, placeholders)).to.equal(true);
    expect(matches(selection, { host: { name: 'ws1' } }, placeholders)).to.equal(false);
    expect(matches(selection, { host: { name: 'dc1' } }, {})).to.equal(false);
    expect(matches("selection:\n    f|expand: '\\%x%p%'", { f: '%xA' }, { p: ['A'] })).to.equal(true);
  });

  it('rejects unknown modifiers', () => {
    expect(() => compileYaml(ruleWith("selection:\n    f|sparkle: 'x'"))).to.throw(/unknown modifier "sparkle"/);
  });
});
