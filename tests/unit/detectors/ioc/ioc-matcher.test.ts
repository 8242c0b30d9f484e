import { expect } from 'chai';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { silentLogger } from '../../../../core/logging.js';
import { detectIndicatorType } from '../../../../detectors/ioc/indicator.js';
import { IocMatcher, type IocMatch } from '../../../../detectors/ioc/ioc-matcher.js';
import { parseIocList } from '../../../../detectors/ioc/ioc-list.js';
import { IocWatcher } from '../../../../detectors/ioc/ioc-watcher.js';
import { loadIocLists } from '../../../../detectors/ioc/load-ioc-lists.js';

function event(fields: Record<string, unknown>): EcsEvent {
  return { '@timestamp': '2025-03-01T10:00:00Z', event: { id: 'e1' }, ...fields } as EcsEvent;
}

describe('detectors > ioc > lists and matcher', () => {
  let matcher: IocMatcher;
  before(async () => {
    const { lists } = await loadIocLists(path.resolve('tests/fixtures/ioc'));
    matcher = new IocMatcher(lists);
  });

  it('reads the list header and reports bad lines with file:line', async () => {
    const { lists, problems } = await loadIocLists(path.resolve('tests/fixtures/ioc'));
    const c2 = lists.find((list) => list.id === 'ioc-c2-test')!;
    expect(c2).to.include({ title: 'Test C2 addresses', level: 'critical' });
    expect(c2.tags).to.deep.equal(['attack.command-and-control', 'attack.t1071']);
    expect(c2.indicators).to.have.length(6);
    expect(problems.map((problem) => `${path.basename(problem.file)}:${problem.line}`)).to.deep.equal(['c2-test.txt:10', 'hashes.csv:4']);
    const csv = lists.find((list) => list.id === 'ioc-hashes')!;
    expect(csv.level).to.equal('high');
    expect(csv.indicators.map((indicator) => indicator.type)).to.deep.equal(['sha256', 'cidr']);
  });

  it('detects indicator types', () => {
    expect(detectIndicatorType('203.0.113.7')).to.equal('ip');
    expect(detectIndicatorType('2001:db8::1')).to.equal('ip');
    expect(detectIndicatorType('10.0.0.0/8')).to.equal('cidr');
    expect(detectIndicatorType('Sub.Example.ORG.')).to.equal('domain');
    expect(detectIndicatorType('https://x.example/a')).to.equal('url');
    expect(detectIndicatorType('a'.repeat(40))).to.equal('sha1');
  });

  it('matches addresses exactly and by network, both families', () => {
    expect(matcher.match(event({ destination: { ip: '203.0.113.7' } }))).to.have.length(1);
    expect(matcher.match(event({ destination: { ip: '203.0.113.8' } }))).to.have.length(0);
    expect(matcher.match(event({ source: { ip: '198.51.100.200' } }))[0]!.field).to.equal('source.ip');
    expect(matcher.match(event({ source: { ip: '192.0.2.15' } }))).to.have.length(1);
    expect(matcher.match(event({ source: { ip: '192.0.2.16' } }))).to.have.length(0);
    expect(matcher.match(event({ destination: { ip: '2001:0db8:0:0::42' } }))).to.have.length(1);
    expect(matcher.match(event({ destination: { ip: '::ffff:203.0.113.7' } }))).to.have.length(1);
  });

  it('matches a listed domain and its subdomains, not lookalikes', () => {
    expect(matcher.match(event({ dns: { question: { name: 'evil.example' } } }))).to.have.length(1);
    expect(matcher.match(event({ dns: { question: { name: 'a.b.EVIL.example.' } } }))).to.have.length(1);
    expect(matcher.match(event({ dns: { question: { name: 'notevil.example' } } }))).to.have.length(0);
    expect(matcher.match(event({ url: { domain: 'cdn.evil.example' } }))[0]!.field).to.equal('url.domain');
  });

  it('matches URLs regardless of host case and trailing slash, and hashes regardless of case', () => {
    expect(matcher.match(event({ url: { original: 'http://PHISH.example.org/login/' } }))).to.have.length(1);
    expect(matcher.match(event({ url: { original: 'http://phish.example.org/other' } }))).to.have.length(0);
    expect(matcher.match(event({ file: { hash: { md5: 'D41D8CD98F00B204E9800998ECF8427E' } } }))).to.have.length(1);
    expect(matcher.match(event({ process: { hash: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } } }))).to.have.length(1);
  });

  it('reloads lists on demand and after a change on disk', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'lagebild-ioc-'));
    try {
      await writeFile(path.join(directory, 'c2.txt'), '203.0.113.1\n');
      const seen: IocMatcher[] = [];
      const watcher = new IocWatcher({ directory, onReload: (next) => seen.push(next), logger: silentLogger(), debounceMs: 20 });
      await watcher.reload();
      expect(seen[0]!.size).to.equal(1);
      watcher.start();
      const changed = new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (seen.length > 1 && seen[seen.length - 1]!.size === 2) {
            clearInterval(poll);
            resolve();
          }
        }, 10);
      });
      await writeFile(path.join(directory, 'c2.txt'), '203.0.113.1\n203.0.113.2\n');
      await changed;
      watcher.stop();
      expect(seen[seen.length - 1]!.match(event({ destination: { ip: '203.0.113.2' } }))).to.have.length(1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('detectors > ioc > matcher index', () => {
  const matcherOf = (...lines: string[]): IocMatcher => new IocMatcher([parseIocList(lines.join('\n'), 'test.txt').list]);
  const indicatorsOf = (matches: readonly IocMatch[]): string[] => matches.map((match) => `${match.field}=${match.value}:${match.indicator.value}`);

  it('matches a /0 network for every IPv4 address, IPv4-mapped ones too, and no IPv6 address', () => {
    const matcher = matcherOf('0.0.0.0/0');
    for (const ip of ['0.0.0.0', '127.0.0.1', '128.0.0.0', '255.255.255.255', '::ffff:10.1.2.3']) {
      expect(matcher.match(event({ source: { ip } })), ip).to.have.length(1);
    }
    expect(matcher.match(event({ source: { ip: '2001:db8::1' } }))).to.have.length(0);
  });

  it('matches a /32 and an exact address above 128.0.0.0 and not their neighbours', () => {
    const matcher = matcherOf('255.255.255.255/32', '128.0.0.0', '127.255.255.255/32');
    expect(indicatorsOf(matcher.match(event({ source: { ip: '255.255.255.255' } })))).to.deep.equal(['source.ip=255.255.255.255:255.255.255.255/32']);
    expect(indicatorsOf(matcher.match(event({ source: { ip: '128.0.0.0' } })))).to.deep.equal(['source.ip=128.0.0.0:128.0.0.0']);
    expect(indicatorsOf(matcher.match(event({ source: { ip: '127.255.255.255' } })))).to.deep.equal(['source.ip=127.255.255.255:127.255.255.255/32']);
    for (const ip of ['255.255.255.254', '128.0.0.1', '127.255.255.254', '0.0.0.0']) expect(matcher.match(event({ source: { ip } })), ip).to.have.length(0);
  });

  it('finds an IPv4-mapped IPv6 address and a zero-padded address as the IPv4 address', () => {
    const matcher = matcherOf('203.0.113.7', '198.51.100.0/24', '::ffff:192.0.2.0/24');
    expect(indicatorsOf(matcher.match(event({ source: { ip: '::ffff:203.0.113.7' } })))).to.deep.equal(['source.ip=::ffff:203.0.113.7:203.0.113.7']);
    expect(indicatorsOf(matcher.match(event({ source: { ip: '::ffff:198.51.100.9' } })))).to.deep.equal(['source.ip=::ffff:198.51.100.9:198.51.100.0/24']);
    expect(indicatorsOf(matcher.match(event({ source: { ip: '192.0.2.9' } })))).to.deep.equal(['source.ip=192.0.2.9:::ffff:192.0.2.0/24']);
    expect(indicatorsOf(matcher.match(event({ source: { ip: '203.000.113.007' } })))).to.deep.equal(['source.ip=203.000.113.007:203.0.113.7']);
    expect(matcher.match(event({ source: { ip: '203.0.113.7.' } }))).to.have.length(0);
  });

  it('reports matches in field order: exact address first, then longest prefix first, then the name before its parents', () => {
    const matcher = matcherOf('10.0.0.0/8', 'example', '10.1.2.3', '10.1.0.0/16', 'b.c.example', '10.1.2.0/24', 'a.b.c.example');
    const matches = matcher.match(event({ destination: { ip: '10.1.2.3' }, source: { ip: '10.9.9.9' }, dns: { question: { name: 'A.b.c.example.' } } }));
    expect(indicatorsOf(matches)).to.deep.equal([
      'source.ip=10.9.9.9:10.0.0.0/8',
      'destination.ip=10.1.2.3:10.1.2.3',
      'destination.ip=10.1.2.3:10.1.2.0/24',
      'destination.ip=10.1.2.3:10.1.0.0/16',
      'destination.ip=10.1.2.3:10.0.0.0/8',
      'dns.question.name=A.b.c.example.:a.b.c.example',
      'dns.question.name=A.b.c.example.:b.c.example',
      'dns.question.name=A.b.c.example.:example',
    ]);
  });

  it('checks every non-empty string of an array field and ignores other values', () => {
    const matcher = matcherOf('203.0.113.7', '203.0.113.8', 'evil.example');
    expect(indicatorsOf(matcher.match(event({ dns: { resolved_ip: ['203.0.113.7', '', 42, null, '203.0.113.8'] } })))).to.deep.equal(['dns.resolved_ip=203.0.113.7:203.0.113.7', 'dns.resolved_ip=203.0.113.8:203.0.113.8']);
    expect(matcher.match(event({ source: { ip: 3405803783 }, url: { domain: ['', { name: 'evil.example' }] } }))).to.have.length(0);
  });

  it('returns one shared frozen empty result when nothing matches', () => {
    const none = matcherOf('203.0.113.7').match(event({ source: { ip: '203.0.113.8' } }));
    expect(none).to.have.length(0);
    expect(Object.isFrozen(none)).to.equal(true);
    expect(new IocMatcher([]).match(event({ source: { ip: '203.0.113.8' } }))).to.equal(none);
  });

  it('reads only the fields of the indicator kinds the lists hold', () => {
    const touched = new Set<string>();
    const watched = new Proxy(event({ file: { hash: { md5: 'D41D8CD98F00B204E9800998ECF8427E' } }, source: { ip: '203.0.113.7' } }), {
      has: (target, key) => (touched.add(String(key)), key in target),
      get: (target, key) => (touched.add(String(key)), Reflect.get(target, key) as unknown),
    });
    expect(matcherOf('d41d8cd98f00b204e9800998ecf8427e').match(watched)).to.have.length(1);
    expect([...touched].filter((key) => /^(source|destination|client|server|dns|url|tls)\b/.test(key))).to.deep.equal([]);
    expect(touched.has('file')).to.equal(true);
  });
});
