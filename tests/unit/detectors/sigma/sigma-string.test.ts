import { expect } from 'chai';
import { ANY_CHARS, ONE_CHAR, SigmaString } from '../../../../detectors/sigma/sigma-string.js';

describe('detectors > sigma > SigmaString', () => {
  const cases: [string, unknown[]][] = [
    ['a*b?c', ['a', ANY_CHARS, 'b', ONE_CHAR, 'c']],
    ['a\\*b', ['a*b']],
    ['a\\\\*', ['a\\', ANY_CHARS]],
    ['a\\\\\\*', ['a\\*']],
    ['a\\\\\\\\b', ['a\\\\b']],
    ['C:\\Windows\\x', ['C:\\Windows\\x']],
    ['%p%', ['%p%']],
  ];
  for (const [raw, tokens] of cases) {
    it(`parses ${raw} by the escaping rules`, () => {
      expect(SigmaString.parse(raw).tokens).to.deep.equal(tokens);
    });
  }
  it('parses placeholders only when asked, with \\% as a literal percent', () => {
    expect(SigmaString.parse('x%a%\\%b', true).tokens).to.deep.equal(['x', { placeholder: 'a' }, '%b']);
  });
  it('expands several placeholders into their product', () => {
    const expanded = SigmaString.parse('%a%-%b%', true).expand((name) => (name === 'a' ? ['1', '2'] : ['x']).map((v) => SigmaString.literal(v)));
    expect(expanded.map((s) => s.plain())).to.deep.equal(['1-x', '2-x']);
  });
});
