import { expect } from 'chai';
import { parseDnsResults } from '../../../../collectors/parsers/windows/sysmon-dns-results.js';
import { sysmonRegistryFields } from '../../../../collectors/parsers/windows/sysmon-registry.js';
import { splitWindowsCommandLine } from '../../../../collectors/parsers/windows/windows-command-line.js';
import { parseWindowsHashes } from '../../../../collectors/parsers/windows/windows-hashes.js';

describe('collectors > parsers > windows > event data values', () => {
  describe('Sysmon Hashes', () => {
    it('keys hashes by lowercased algorithm and keeps imphash apart', () => {
      expect(parseWindowsHashes('SHA1=AB12,MD5=CD34,SHA256=EF56,IMPHASH=9A9A')).to.deep.equal({
        hash: { sha1: 'ab12', md5: 'cd34', sha256: 'ef56' }, imphash: '9a9a',
      });
    });

    it('drops the all-zero placeholder Sysmon writes for a hash it could not compute', () => {
      expect(parseWindowsHashes('MD5=5A9B,IMPHASH=00000000000000000000000000000000')).to.deep.equal({ hash: { md5: '5a9b' } });
    });

    it('returns nothing for text without hashes', () => {
      expect(parseWindowsHashes('no hashes here')).to.equal(undefined);
      expect(parseWindowsHashes(42)).to.equal(undefined);
    });
  });

  describe('command lines', () => {
    it('removes grouping quotes and splits at spaces outside them', () => {
      expect(splitWindowsCommandLine('"C:\\Program Files\\x.exe" -a  "b c"')).to.deep.equal(['C:\\Program Files\\x.exe', '-a', 'b c']);
    });

    it('keeps backslashes literal except before a quote', () => {
      expect(splitWindowsCommandLine('a\\\\b \\"q\\" "x\\\\" y')).to.deep.equal(['a\\\\b', '"q"', 'x\\', 'y']);
    });

    it('gives no arguments for blank command lines', () => {
      expect(splitWindowsCommandLine('  \t ')).to.deep.equal([]);
    });
  });

  describe('Sysmon DNS QueryResults', () => {
    it('reads named records and addresses, IPv4-mapped ones as IPv4, and lists the addresses as answers too', () => {
      expect(parseDnsResults('type:  5 alias.example;::ffff:192.0.2.1;2001:db8::1;')).to.deep.equal({
        answers: [{ type: 'CNAME', data: 'alias.example' }, { type: 'A', data: '192.0.2.1' }, { type: 'AAAA', data: '2001:db8::1' }],
        resolved_ip: ['192.0.2.1', '2001:db8::1'],
      });
    });

    it('ignores text that is neither a record nor an address', () => {
      expect(parseDnsResults('garbage;')).to.deep.equal({ answers: undefined, resolved_ip: undefined });
    });
  });

  describe('Sysmon registry events', () => {
    it('splits TargetObject into hive, key and value and reads DWORD data as a number', () => {
      expect(sysmonRegistryFields('HKLM\\SOFTWARE\\Run\\evil', 'DWORD (0x00000010)')).to.deep.equal({
        path: 'HKLM\\SOFTWARE\\Run\\evil', hive: 'HKLM', key: 'SOFTWARE\\Run\\evil', value: 'evil', data: { strings: ['16'], type: 'SZ_DWORD' },
      });
    });

    it('reads QWORD data as the 64-bit value of both halves', () => {
      expect(sysmonRegistryFields('HKU\\S-1\\v', 'QWORD (0x00000001-0x00000002)')?.data).to.deep.equal({ strings: ['4294967298'], type: 'SZ_QWORD' });
    });

    it('keeps text data as REG_SZ and leaves the hive out when the path names none', () => {
      expect(sysmonRegistryFields('\\REGISTRY\\MACHINE\\x', 'C:\\evil.exe')).to.deep.include({ hive: undefined, key: undefined, data: { strings: ['C:\\evil.exe'], type: 'REG_SZ' } });
    });
  });
});
