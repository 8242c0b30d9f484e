import { expect } from 'chai';
import type { Organisation } from '../../../../core/domain/organisation.js';
import { resolveAudience } from '../../../../workflows/warnings/resolve-audience.js';

function org(id: string, kind: Organisation['kind'], parentId: string | null, extra: Record<string, unknown> = {}): Organisation {
  return { id, name: id, kind, parentId, networks: [], domains: [], contacts: [], reportingRegime: 'section17', critical: false, ...extra } as Organisation;
}

const REGISTRY = [
  org('cert', 'cert', null),
  org('smi', 'state', null),
  org('lds', 'state', 'smi'),
  org('kisa', 'provider', null),
  org('lk-meissen', 'municipal', null),
  org('radebeul', 'municipal', 'lk-meissen', { providerId: 'kisa' }),
  org('radebeul-schule', 'municipal', 'radebeul'),
  org('moritzburg', 'municipal', 'lk-meissen', { providerId: 'kisa' }),
  org('lk-bautzen', 'municipal', null),
  org('bautzen', 'municipal', 'lk-bautzen'),
];

describe('workflows > warnings > resolve-audience', () => {
  it('a county means every organisation below it, transitively, and nothing else', () => {
    expect(resolveAudience({ kind: 'county', countyId: 'lk-meissen' }, REGISTRY)).to.deep.equal(['moritzburg', 'radebeul', 'radebeul-schule']);
  });

  it('all state bodies are the organisations of kind state', () => {
    expect(resolveAudience({ kind: 'state' }, REGISTRY)).to.deep.equal(['lds', 'smi']);
  });

  it('a provider means the organisations it serves', () => {
    expect(resolveAudience({ kind: 'provider', providerId: 'kisa' }, REGISTRY)).to.deep.equal(['moritzburg', 'radebeul']);
  });

  it('everyone excludes the CERT itself', () => {
    const all = resolveAudience({ kind: 'all' }, REGISTRY);
    expect(all).to.have.length(REGISTRY.length - 1);
    expect(all).not.to.include('cert');
  });

  it('named organisations must exist', () => {
    expect(resolveAudience({ kind: 'organisations', organizationIds: ['bautzen', 'smi', 'bautzen'] }, REGISTRY)).to.deep.equal(['bautzen', 'smi']);
    expect(() => resolveAudience({ kind: 'organisations', organizationIds: ['nowhere'] }, REGISTRY)).to.throw().with.property('code', 'audience_unknown_organisation');
  });

  it('a county audience must name a county: not a municipality, a state body, the CERT or nothing known', () => {
    for (const countyId of ['nowhere', 'radebeul', 'smi', 'cert', 'kisa']) {
      expect(() => resolveAudience({ kind: 'county', countyId }, REGISTRY), countyId).to.throw().with.property('code', 'audience_not_a_county');
    }
  });

  it('a provider audience must name an IT service provider', () => {
    for (const providerId of ['nowhere', 'lk-meissen']) {
      expect(() => resolveAudience({ kind: 'provider', providerId }, REGISTRY), providerId).to.throw().with.property('code', 'audience_not_a_provider');
    }
  });
});
