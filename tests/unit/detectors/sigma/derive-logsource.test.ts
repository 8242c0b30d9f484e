import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { deriveLogsource } from '../../../../detectors/sigma/derive-logsource.js';

function event(fields: Record<string, unknown>): EcsEvent {
  return { '@timestamp': '2025-03-03T10:00:00Z', ...fields } as EcsEvent;
}

describe('detectors > sigma > deriveLogsource', () => {
  it('derives category dns for a DNS server query logged as a network event (BIND, Suricata)', () => {
    const derived = deriveLogsource(event({ event: { category: ['network'], module: 'bind' }, dns: { question: { name: 'example.org' } } }));
    expect(derived.categories).to.include.members(['dns', 'dns_query', 'network_connection']);
  });

  it('does not derive dns for a network event without a DNS question', () => {
    expect(deriveLogsource(event({ event: { category: ['network'] }, source: { ip: '10.0.0.1' } })).categories).to.not.include('dns');
  });

  it('leaves the category unknown when the event names none', () => {
    expect(deriveLogsource(event({ event: {}, dns: { question: { name: 'example.org' } } })).categories).to.equal(null);
  });

  it('knows the Linux auth log as Linux whatever program wrote the line (useradd, usermod, su)', () => {
    for (const program of ['useradd', 'usermod', 'su']) {
      const derived = deriveLogsource(event({ event: { module: 'system', dataset: 'system.auth', category: ['iam'] }, process: { name: program }, log: { syslog: { appname: program } } }));
      expect(derived.products, program).to.deep.equal(['linux']);
      expect(derived.services, program).to.include('auth');
    }
  });
});
