import { expect } from 'chai';
import { IndexNames } from '../../../../../adapters/store/elasticsearch/index-names.js';

describe('adapters > store > elasticsearch > indexNames', () => {
  const names = new IndexNames('lagebild');

  it('routes a document to the UTC day of its own timestamp', () => {
    expect(names.event('2025-03-01T00:30:00+01:00')).to.equal('lagebild-events-2025.02.28');
    expect(names.alert('2025-12-31T23:59:59.999Z')).to.equal('lagebild-alerts-2025.12.31');
    expect(names.event('yesterday-ish')).to.equal('lagebild-events-undated');
  });

  it('reads the day back from a daily index name', () => {
    expect(names.dayOf('lagebild-events-2025.02.28')?.toISOString()).to.equal('2025-02-28T00:00:00.000Z');
    expect(names.dayOf('lagebild-events-undated')).to.equal(undefined);
  });

  it('reads through patterns that cover every day', () => {
    expect(names.events).to.equal('lagebild-events-*');
    expect(names.incidents).to.equal('lagebild-incidents');
  });
});
