import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { deriveLogsource } from '../../../../detectors/sigma/derive-logsource.js';
import { RuleIndex } from '../../../../detectors/sigma/rule-index.js';
import { candidatesOf } from './candidates-of.js';
import { compileYaml } from './compile-yaml.js';

const ev = (fields: Record<string, unknown>): EcsEvent => ({ '@timestamp': '2026-01-01T00:00:00Z', event: { id: 'e1' }, ...fields }) as EcsEvent;

function rule(id: string, logsource: string, selection: string) {
  return compileYaml(`title: ${id}\nid: ${id}\nlogsource:\n${logsource.replace(/^/gm, '    ')}\ndetection:\n    selection:\n${selection.replace(/^/gm, '        ')}\n    condition: selection`);
}

describe('detectors > sigma > deriveLogsource', () => {
  it('reads Sysmon channel and event id as product, service and category', () => {
    expect(deriveLogsource(ev({ winlog: { channel: 'Microsoft-Windows-Sysmon/Operational' }, event: { id: 'x', code: '1' } }))).to.deep.equal({
      products: ['windows'],
      categories: ['process_creation'],
      services: ['sysmon'],
    });
  });
  it('maps Security 4688 to process_creation and reads raw Channel/EventID of flattened events', () => {
    expect(deriveLogsource(ev({ Channel: 'Security', EventID: 4688 }))).to.deep.equal({ products: ['windows'], categories: ['process_creation'], services: ['security'] });
  });
  it('knows a Windows event of another channel has no category', () => {
    expect(deriveLogsource(ev({ winlog: { channel: 'System' } }))).to.deep.equal({ products: ['windows'], categories: [], services: ['system'] });
  });
  it('derives Linux services from the program and ECS categories from event.category', () => {
    expect(deriveLogsource(ev({ host: { os: { type: 'linux' } }, process: { name: 'sshd' }, log: { syslog: {} } }))).to.deep.equal({
      products: ['linux'],
      categories: null,
      services: ['sshd', 'syslog'],
    });
    expect(deriveLogsource(ev({ event: { id: 'x', category: ['web'], dataset: 'nginx.access' } })).categories).to.deep.equal(['webserver', 'proxy']);
  });
  it('says "unknown" when nothing can be derived', () => {
    expect(deriveLogsource(ev({}))).to.deep.equal({ products: null, categories: null, services: null });
  });
});

describe('detectors > sigma > RuleIndex', () => {
  const procCreation = rule('proc', 'product: windows\ncategory: process_creation', "Image|endswith: '\\whoami.exe'");
  const security = rule('sec', 'product: windows\nservice: security', 'EventID: 4625');
  const linuxSshd = rule('ssh', 'product: linux\nservice: sshd', "- 'Failed password'");
  const exotic = rule('etw', 'product: windows\ncategory: etw_only_category', 'FileName|exists: true');
  const unguarded = rule('any', 'product: windows\ncategory: process_creation', 'CommandLine|exists: true');
  const anyProduct = rule('generic', 'category: firewall', "- 'DROP'");
  const index = new RuleIndex([procCreation, security, linuxSshd, exotic, unguarded, anyProduct]);

  it('offers only rules of the event log source whose content guard holds', () => {
    const event = ev({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: 'C:\\Windows\\System32\\whoami.exe' });
    expect(candidatesOf(index, event).map((r) => r.id)).to.deep.equal(['proc', 'etw', 'any']);
    const other = ev({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: 'C:\\x\\calc.exe' });
    expect(candidatesOf(index, other).map((r) => r.id)).to.deep.equal(['etw', 'any']);
  });

  it('keeps rules whose category events never reveal for every event of their product', () => {
    const security4625 = ev({ Channel: 'Security', EventID: 4625 });
    expect(candidatesOf(index, security4625).map((r) => r.id)).to.deep.equal(['sec', 'etw']);
  });

  it('offers only rules that name no product when the product is unknown', () => {
    const unknown = ev({ message: 'sshd: Failed password for root; DROP' });
    expect(candidatesOf(index, unknown).map((r) => r.id)).to.deep.equal(['generic']);
  });

  it('guards emoji needles, but not letters whose case folds across a surrogate pair', () => {
    const emoji = rule('emoji', 'product: windows\ncategory: process_creation', "CommandLine|contains:\n    - '😀'\n    - '🙂'");
    const deseret = rule('deseret', 'product: windows\ncategory: process_creation', "CommandLine|contains: '\u{10428}'");
    const guarded = new RuleIndex([emoji, deseret]);
    const start = (commandLine: string) => ev({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, CommandLine: commandLine });
    expect(candidatesOf(guarded, start('powershell -c "echo 🙂"')).map((r) => r.id)).to.deep.equal(['emoji', 'deseret']);
    expect(candidatesOf(guarded, start('powershell -c "echo hello"')).map((r) => r.id)).to.deep.equal(['deseret']);
    // Deseret capital long I (U+10400) lowercases to U+10428 only as a pair: that rule stays unguarded and still matches.
    expect(deseret.match(start('x \u{10400} y'))).to.equal(true);
  });

  it('guards a regular expression by the text every match holds, a case-insensitive one by a part RE2 folds as lowercasing does', () => {
    const cased = rule('cased', 'product: windows\ncategory: process_creation', "CommandLine|re: 'cmd.{0,5}(?:/c|/r).+powershell.+noexit'");
    const folded = rule('folded', 'product: windows\ncategory: process_creation', "CommandLine|re|i: 'powershell.+noexit'");
    const inline = rule('inline', 'product: windows\ncategory: process_creation', "CommandLine|re: '(?i)mimikatz\\.exe'");
    const guarded = new RuleIndex([cased, folded, inline]);
    const start = (commandLine: string) => ev({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, CommandLine: commandLine });
    expect(candidatesOf(guarded, start('notepad.exe brief.txt')).map((r) => r.id)).to.deep.equal([]);
    const attack = start('cmd /c echo x | powershell -noexit -c "x"');
    expect(candidatesOf(guarded, attack).map((r) => r.id)).to.deep.equal(['cased', 'folded']);
    expect(cased.match(attack)).to.equal(true);
    // ſ (long s) and the Kelvin sign match s and k case-insensitively in RE2 but lowercase to
    // themselves: the guards hold no s or k, so they still let these through.
    const longS = start('POWERſHELL -noexit');
    expect(candidatesOf(guarded, longS).map((r) => r.id)).to.deep.equal(['folded']);
    expect(folded.match(longS)).to.equal(true);
    const kelvin = start('C:\\Temp\\MIMI\u212aATZ.EXE');
    expect(candidatesOf(guarded, kelvin).map((r) => r.id)).to.deep.equal(['inline']);
    expect(inline.match(kelvin)).to.equal(true);
  });

  it('guards needles of caseless characters outside the Basic Multilingual Plane, and cuts windash needles to their ASCII core', () => {
    const glyphs = rule('glyphs', 'product: windows\ncategory: process_creation', 'CommandLine|contains: ["\\U00013000", "\\U0001F525"]');
    const dashes = rule('dashes', 'product: windows\ncategory: process_creation', "CommandLine|windash|contains: ' -delete '");
    const guarded = new RuleIndex([glyphs, dashes]);
    const start = (commandLine: string) => ev({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, CommandLine: commandLine });
    expect(candidatesOf(guarded, start('notepad.exe brief.txt')).map((r) => r.id)).to.deep.equal([]);
    expect(candidatesOf(guarded, start('echo \u{13000}')).map((r) => r.id)).to.deep.equal(['glyphs']);
    const enDash = start('vssadmin \u2013delete shadows');
    expect(candidatesOf(guarded, enDash).map((r) => r.id)).to.deep.equal(['dashes']);
    expect(dashes.match(enDash)).to.equal(true);
  });

  it('takes a syslog daemon as a Linux program, so its Linux rules apply', () => {
    const sshd = ev({ process: { name: 'sshd' }, message: 'Failed password for root' });
    expect(candidatesOf(index, sshd).map((r) => r.id)).to.deep.equal(['ssh']);
  });
});
