import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { compileYaml, ruleWith } from './compile-yaml.js';

const ev = (fields: Record<string, unknown>): EcsEvent => ({ '@timestamp': '2026-01-01T00:00:00Z', event: { id: 'e1' }, ...fields }) as EcsEvent;
const searches = 'selection_a:\n    a: 1\nselection_b:\n    b: 1\nfilter:\n    f: 1\n_hidden:\n    h: 1';
const rule = (condition: string) => compileYaml(ruleWith(searches, { condition }));

describe('detectors > sigma > condition evaluation', () => {
  it('applies filters with and not', () => {
    const r = rule('selection_a and not filter');
    expect(r.match(ev({ a: 1 }))).to.equal(true);
    expect(r.match(ev({ a: 1, f: 1 }))).to.equal(false);
  });
  it('1 of / all of a pattern', () => {
    expect(rule('1 of selection_*').match(ev({ b: 1 }))).to.equal(true);
    expect(rule('all of selection_*').match(ev({ b: 1 }))).to.equal(false);
    expect(rule('all of selection_*').match(ev({ a: 1, b: 1 }))).to.equal(true);
  });
  it('them leaves out identifiers starting with an underscore', () => {
    expect(rule('all of them').match(ev({ a: 1, b: 1, f: 1 }))).to.equal(true);
    expect(rule('1 of them').match(ev({ h: 1 }))).to.equal(false);
  });
  it('precedence: a or b and not f', () => {
    const r = rule('selection_a or selection_b and not filter');
    expect(r.match(ev({ a: 1, f: 1 }))).to.equal(true);
    expect(r.match(ev({ b: 1, f: 1 }))).to.equal(false);
  });
  it('a list of conditions is OR-linked', () => {
    const text = ruleWith(searches, { condition: '\n        - selection_a\n        - selection_b' });
    expect(compileYaml(text).match(ev({ b: 1 }))).to.equal(true);
  });
  it('reports unknown identifiers and patterns matching nothing', () => {
    expect(() => rule('selection_c')).to.throw(/unknown search identifier "selection_c"/);
    expect(() => rule('1 of nothing_*')).to.throw(/matches no search identifier/);
  });
});
