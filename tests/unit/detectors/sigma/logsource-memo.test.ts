import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { deriveLogsource, type EventLogsource } from '../../../../detectors/sigma/derive-logsource.js';
import { LogsourceMemo } from '../../../../detectors/sigma/logsource-memo.js';

const ev = (fields: Record<string, unknown>): EcsEvent => ({ '@timestamp': '2026-01-01T00:00:00Z', ...fields }) as EcsEvent;

describe('detectors > sigma > LogsourceMemo', () => {
  const shapes: EcsEvent[] = [
    ev({ winlog: { channel: 'Microsoft-Windows-Sysmon/Operational' }, event: { code: '1' } }),
    ev({ winlog: { channel: 'Microsoft-Windows-Sysmon/Operational' }, event: { code: '3' } }),
    ev({ Channel: 'Security', EventID: 4688 }),
    ev({ process: { name: 'sshd' }, log: { syslog: { facility: { code: 4 } } } }),
    ev({ process: { name: 'sshd' } }),
    ev({ event: { category: ['network'] }, dns: { question: { name: 'a.example' } } }),
    ev({ event: { category: ['network'] } }),
    ev({ event: { category: 'network' } }),
    ev({ event: { category: ['process'], type: ['start'] } }),
    ev({ event: { category: ['process'], type: 'end' } }),
    ev({ event: { category: ['web', 'network'], module: 'nginx', dataset: 'nginx.access' } }),
    ev({ event: { category: '["web","network"]' } }),
    ev({ event: { category: [null] } }),
    ev({ event: { category: null } }),
    ev({}),
  ];

  it('gives every event what deriving its own log source gives, whatever came before', () => {
    const memo = new LogsourceMemo((derived) => derived);
    for (const order of [shapes, [...shapes].reverse()]) {
      for (const event of order) expect(memo.get(event), JSON.stringify(event)).to.deep.equal(deriveLogsource(event));
    }
  });

  it('derives once per combination of the fields read: other values of other fields change nothing', () => {
    let derivations = 0;
    const memo = new LogsourceMemo((derived: EventLogsource) => ++derivations && derived);
    for (let i = 0; i < 100; i++) memo.get(ev({ event: { category: ['network'], id: `e${i}` }, dns: { question: { name: `host${i}.example` } }, message: `query ${i}` }));
    expect(derivations).to.equal(1);
  });

  it('keeps working past its bound when every event brings a new program name', () => {
    const memo = new LogsourceMemo((derived) => derived);
    for (let i = 0; i < 10_050; i++) memo.get(ev({ process: { name: `prog${i}` } }));
    expect(memo.get(ev({ process: { name: 'sshd' } }))).to.deep.equal(deriveLogsource(ev({ process: { name: 'sshd' } })));
  });
});
