import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { RuleIndex } from '../../../../detectors/sigma/rule-index.js';
import { candidatesOf } from './candidates-of.js';
import { compileYaml, ruleWith } from './compile-yaml.js';
import { derivedCase, winlogbeatEvent } from './winlogbeat-fixtures.js';

const header = (category: string, service?: string): string =>
  `logsource:\n    product: windows\n    ${service ? `service: ${service}` : `category: ${category}`}`;

function matcher(category: string, selection: string, condition = 'selection'): (event: EcsEvent) => boolean {
  const rule = compileYaml(ruleWith(selection, { header: header(category), condition }));
  return (event) => rule.match(event);
}

function securityMatcher(selection: string): (event: EcsEvent) => boolean {
  const rule = compileYaml(ruleWith(selection, { header: header('', 'security') }));
  return (event) => rule.match(event);
}

/** Whether the rule matches each shape of a case: after the ingest pipeline, raw winlog.event_data, flattened. */
function shapes(match: (event: EcsEvent) => boolean, name: string): { ecs: boolean; raw: boolean; flat: boolean } {
  const { ecs, raw, flat } = derivedCase(name);
  return { ecs: match(ecs), raw: match(raw), flat: match(flat) };
}

const ALL = { ecs: true, raw: true, flat: true };
const NONE = { ecs: false, raw: false, flat: false };

describe('detectors > sigma > value forms > sysmon network connection', () => {
  const match = (selection: string, condition?: string) => matcher('network_connection', selection, condition);

  it("reads Initiated from network.direction, from winlog.event_data and from a flattened event", () => {
    expect(shapes(match("selection:\n    Initiated: 'true'"), 'network-connection')).to.deep.equal(ALL);
    expect(shapes(match("selection:\n    Initiated: 'false'"), 'network-connection')).to.deep.equal(NONE);
  });

  it('reads ingress as Initiated false', () => {
    const { ecs } = derivedCase('network-connection');
    (ecs.network as Record<string, unknown>).direction = 'ingress';
    expect(match("selection:\n    Initiated: 'false'")(ecs)).to.equal(true);
    expect(match("selection:\n    Initiated: 'true'")(ecs)).to.equal(false);
  });

  it('reads Protocol, the IsIpv6 flags, ports and the domain-qualified User in every shape', () => {
    expect(shapes(match('selection:\n    Protocol: tcp'), 'network-connection')).to.deep.equal(ALL);
    expect(shapes(match("selection:\n    SourceIsIpv6: 'false'\n    DestinationIsIpv6: 'false'"), 'network-connection')).to.deep.equal(ALL);
    expect(shapes(match('selection:\n    DestinationPort: 443\n    SourcePort: 49702'), 'network-connection')).to.deep.equal(ALL);
    expect(shapes(match("selection:\n    User: 'CORP\\alice'"), 'network-connection')).to.deep.equal(ALL);
    expect(shapes(match("selection:\n    User|startswith: 'alice'"), 'network-connection')).to.deep.equal(NONE);
  });

  it('turns IANA protocol numbers into the names Sysmon writes', () => {
    const { ecs } = derivedCase('network-connection');
    const network = ecs.network as Record<string, unknown>;
    delete network.transport;
    network.iana_number = '6';
    expect(match('selection:\n    Protocol: tcp')(ecs)).to.equal(true);
    network.transport = 17;
    delete network.iana_number;
    expect(match('selection:\n    Protocol: udp')(ecs)).to.equal(true);
    expect(match('selection:\n    Protocol: tcp')(ecs)).to.equal(false);
  });

  it('negates on the Sigma value: not selection holds only where the value differs', () => {
    const notInitiated = match("selection:\n    Initiated: 'true'", 'not selection');
    expect(shapes(notInitiated, 'network-connection')).to.deep.equal(NONE);
    const { ecs } = derivedCase('network-connection');
    (ecs.network as Record<string, unknown>).direction = 'ingress';
    expect(notInitiated(ecs)).to.equal(true);
  });

  it('takes a field as present when any candidate holds it, and null only when none does', () => {
    const exists = match('selection:\n    Initiated|exists: true');
    const missing = match('selection:\n    Initiated|exists: false');
    const isNull = match('selection:\n    Initiated: null');
    expect(shapes(exists, 'network-connection')).to.deep.equal(ALL);
    expect(shapes(missing, 'network-connection')).to.deep.equal(NONE);
    expect(shapes(isNull, 'network-connection')).to.deep.equal(NONE);
    const { ecs } = derivedCase('network-connection');
    delete (ecs.network as Record<string, unknown>).direction;
    expect([exists(ecs), missing(ecs), isNull(ecs)]).to.deep.equal([false, true, true]);
  });

  it('tests every value when candidates disagree: any of them may match', () => {
    const { ecs } = derivedCase('network-connection');
    (ecs.winlog as { event_data: Record<string, unknown> }).event_data.Initiated = 'false';
    expect(match("selection:\n    Initiated: 'true'")(ecs)).to.equal(true);
    expect(match("selection:\n    Initiated: 'false'")(ecs)).to.equal(true);
    expect(match("selection:\n    Initiated: 'true'", 'not selection')(ecs)).to.equal(false);
  });
});

describe('detectors > sigma > value forms > sysmon hashes and registry', () => {
  it('rebuilds Hashes from process.hash and process.pe.imphash', () => {
    const imphash = matcher('process_creation', "selection:\n    Hashes|contains: 'IMPHASH=6317654951BFF89546F311B469BB379F'");
    expect(shapes(imphash, 'process-create-all-hashes')).to.deep.equal(ALL);
    const exact = matcher(
      'process_creation',
      "selection:\n    Hashes: 'SHA1=6506644A113031DF428C20CF4C278468B0C6E017,MD5=FB82EE2318700D2A1CF497636A9B4710,SHA256=0F0FD4B9DFD555E4A53AE9070447E330EAAF96FF51F012CD982157DEDFDDD9A6,IMPHASH=6317654951BFF89546F311B469BB379F'",
    );
    expect(shapes(exact, 'process-create-all-hashes')).to.deep.equal(ALL);
    expect(matcher('process_creation', "selection:\n    Imphash: '6317654951bff89546f311b469bb379f'")(derivedCase('process-create-all-hashes').ecs)).to.equal(true);
  });

  it('rebuilds only the hashes Sysmon wrote (an Elastic golden document)', () => {
    const event = winlogbeatEvent('sysmon-1-process-create.json');
    expect(matcher('process_creation', "selection:\n    Hashes: 'SHA1=B6D237154F2E528F0B503B58B025862D66B02B73'")(event)).to.equal(true);
    expect(matcher('process_creation', "selection:\n    Hashes|contains: 'IMPHASH='")(event)).to.equal(false);
    expect(matcher('process_creation', "selection:\n    User: 'VAGRANT\\vagrant'\n    Image|endswith: '\\notepad.exe'")(event)).to.equal(true);
  });

  it('keeps the rebuilt Hashes visible to the rule index guard', () => {
    const rule = compileYaml(ruleWith("selection:\n    Hashes|contains: 'IMPHASH=6317654951BFF89546F311B469BB379F'", { header: header('process_creation') }));
    const index = new RuleIndex([rule]);
    const { ecs, raw } = derivedCase('process-create-all-hashes');
    expect(candidatesOf(index, ecs)).to.deep.equal([rule]);
    expect(candidatesOf(index, raw)).to.deep.equal([rule]);
    (ecs.process as { pe: Record<string, unknown> }).pe.imphash = '00000000000000000000000000000001';
    expect(candidatesOf(index, ecs)).to.deep.equal([]);
  });

  it('rebuilds a DWORD Details from registry.data', () => {
    expect(shapes(matcher('registry_set', "selection:\n    Details: 'DWORD (0x00000001)'"), 'registry-set-dword')).to.deep.equal(ALL);
    expect(shapes(matcher('registry_set', "selection:\n    Details: 'DWORD (0x00000000)'"), 'registry-set-dword')).to.deep.equal(NONE);
  });
});

describe('detectors > sigma > value forms > security logon (Elastic golden document)', () => {
  it('reads LogonType from winlog.logon.type when the number is gone', () => {
    // A fresh event per look: field values are cached per event object while rules match it.
    const logon = (type?: string): EcsEvent => {
      const event = winlogbeatEvent('security-4624-interactive.json');
      const winlog = event.winlog as { event_data: Record<string, unknown>; logon: Record<string, unknown> };
      if (type !== undefined) {
        delete winlog.event_data.LogonType;
        winlog.logon.type = type;
      }
      return event;
    };
    const interactive = securityMatcher('selection:\n    EventID: 4624\n    LogonType: 2');
    const remote = securityMatcher('selection:\n    LogonType: 10');
    expect([interactive(logon()), remote(logon())]).to.deep.equal([true, false]);
    expect([interactive(logon('Interactive')), remote(logon('Interactive'))]).to.deep.equal([true, false]);
    expect([interactive(logon('RemoteInteractive')), remote(logon('RemoteInteractive'))]).to.deep.equal([false, true]);
  });

  it('reads IpAddress from source.ip, where the pipeline moved it', () => {
    const event = winlogbeatEvent('security-4624-interactive.json');
    expect(securityMatcher("selection:\n    IpAddress: '127.0.0.1'")(event)).to.equal(true);
    expect(securityMatcher("selection:\n    IpAddress: '-'")(event)).to.equal(false);
  });

  it('reads user.name for SubjectUserName only when the subject is not in the event', () => {
    const event = winlogbeatEvent('security-4624-interactive.json');
    // user.name holds the target user of a logon: taking it for the subject would match the wrong account.
    expect(securityMatcher("selection:\n    SubjectUserName: 'vagrant'")(event)).to.equal(false);
    expect(securityMatcher("selection:\n    SubjectUserName: 'VAGRANT-2012-R2$'")(event)).to.equal(true);
    delete (event.winlog as { event_data: Record<string, unknown> }).event_data.SubjectUserName;
    expect(securityMatcher("selection:\n    SubjectUserName: 'vagrant'")(event)).to.equal(true);
  });
});
