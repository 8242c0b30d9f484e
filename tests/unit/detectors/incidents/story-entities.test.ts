import { expect } from 'chai';
import type { Alert } from '../../../../core/domain/alert.js';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { entitiesOf } from '../../../../detectors/incidents/story-entities.js';

const alertOf = (event: Partial<EcsEvent> & Record<string, unknown>): Alert => ({
  '@timestamp': '2026-11-20T08:00:00.000Z',
  alert: { id: 'a1', count: 1 },
  rule: { id: 'ioc-c2-domains', title: 'Contact with a known command-and-control domain', level: 'critical', type: 'ioc' },
  event_ids: ['e1'],
  organization: { id: 'moritzburg' },
  tags: [],
  events: [{ '@timestamp': '2026-11-20T08:00:00.000Z', event: { id: 'e1' }, ...event } as EcsEvent],
});

describe('detectors > incidents > story entities', () => {
  it('leaves out the resolver a DNS query went to: every query of the organisation names it', () => {
    const entities = entitiesOf(alertOf({ source: { ip: '10.20.0.5' }, destination: { ip: '10.20.0.2' }, dns: { type: 'query', question: { name: 'evil-c2.example' } } }));
    expect(entities).to.deep.equal(['dns.question.name=evil-c2.example', 'source.ip=10.20.0.5']);
  });

  it('keeps the destination of other connections', () => {
    expect(entitiesOf(alertOf({ source: { ip: '10.20.0.5' }, destination: { ip: '203.0.113.66' } }))).to.deep.equal(['destination.ip=203.0.113.66', 'source.ip=10.20.0.5']);
  });
});
