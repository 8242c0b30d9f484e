import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { sigmaFieldReader } from '../../../../detectors/sigma/sigma-field-reader.js';
import { compileYaml, ruleWith } from './compile-yaml.js';
import { derivedCase, winlogbeatEvent } from './winlogbeat-fixtures.js';

const SECURITY = { product: 'windows', service: 'security' };
const NETWORK = { product: 'windows', category: 'network_connection' };

describe('detectors > sigma > sigmaFieldReader', () => {
  it('reads group-by fields of a Winlogbeat logon as a Sigma rule names them', () => {
    const event = winlogbeatEvent('security-4624-interactive.json');
    expect(sigmaFieldReader(SECURITY, 'sigma', 'IpAddress')(event)).to.equal('127.0.0.1');
    expect(sigmaFieldReader(SECURITY, 'sigma', 'TargetUserName')(event)).to.equal('vagrant');
    expect(sigmaFieldReader(SECURITY, 'sigma', 'SubjectUserName')(event)).to.equal('VAGRANT-2012-R2$');
    expect(sigmaFieldReader(SECURITY, 'sigma', 'WorkstationName')(event)).to.equal('VAGRANT-2012-R2');
    expect(sigmaFieldReader(SECURITY, 'sigma', 'ElevatedToken')(event)).to.equal(undefined);
    // Correlations often group by the computer; Winlogbeat keeps it outside event_data.
    expect(sigmaFieldReader(SECURITY, 'sigma', 'Computer')(event)).to.equal('vagrant-2012-r2');
    expect(sigmaFieldReader(SECURITY, 'sigma', 'Computer')({ '@timestamp': '2025-03-10T08:00:00Z', event: { id: 'flat' }, Computer: 'DC01', host: { name: 'dc01.example' } } as EcsEvent)).to.equal('DC01');
  });

  it('returns values in their Sigma form', () => {
    const logon = winlogbeatEvent('security-4624-interactive.json');
    delete (logon.winlog as { event_data: Record<string, unknown> }).event_data.LogonType;
    expect(sigmaFieldReader(SECURITY, 'sigma', 'LogonType')(logon)).to.equal('2');
    const { ecs } = derivedCase('network-connection');
    expect(sigmaFieldReader(NETWORK, 'sigma', 'Initiated')(ecs)).to.equal('true');
    expect(sigmaFieldReader(NETWORK, 'sigma', 'User')(ecs)).to.equal('CORP\\alice');
    expect(sigmaFieldReader({ product: 'windows', category: 'process_creation' }, 'sigma', 'Hashes')(winlogbeatEvent('sysmon-1-process-create.json'))).to.equal(
      'SHA1=B6D237154F2E528F0B503B58B025862D66B02B73',
    );
  });

  it('prefers the original to a stand-in and falls back to it', () => {
    const event = winlogbeatEvent('security-4624-interactive.json');
    const subject = sigmaFieldReader(SECURITY, 'sigma', 'SubjectUserName');
    expect(subject(event)).to.equal('VAGRANT-2012-R2$');
    delete (event.winlog as { event_data: Record<string, unknown> }).event_data.SubjectUserName;
    expect(subject(event)).to.equal('vagrant');
  });

  it('reads fields of ECS-taxonomy rules at their path', () => {
    const event = winlogbeatEvent('security-4624-interactive.json');
    expect(sigmaFieldReader(SECURITY, 'ecs', 'source.ip')(event)).to.equal('127.0.0.1');
    expect(sigmaFieldReader(SECURITY, 'ecs', 'IpAddress')(event)).to.equal(undefined);
  });

  it('is built from what a compiled rule exposes', () => {
    const rule = compileYaml(ruleWith("selection:\n    EventID: 4624", { header: 'logsource:\n    product: windows\n    service: security' }));
    expect(rule.taxonomy).to.equal('sigma');
    expect(sigmaFieldReader(rule.logsource, rule.taxonomy, 'IpAddress')(winlogbeatEvent('security-4624-interactive.json'))).to.equal('127.0.0.1');
    const ecsRule = compileYaml(ruleWith('selection:\n    source.ip: 127.0.0.1'));
    expect(ecsRule.taxonomy).to.equal('ecs');
  });
});
