import { expect } from 'chai';
import { SigmaString } from '../../../../detectors/sigma/sigma-string.js';
import { compileWildcardTest } from '../../../../detectors/sigma/wildcard-test.js';

/** The meaning of a Sigma wildcard string, as the backtracking regular expression it used to compile to. */
function reference(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')}$`);
}

describe('detectors > sigma > wildcard-test', () => {
  it('agrees with the regular expression for every pattern and text over a small alphabet', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (let i = 0; i < 3000; i++) {
      const pattern = word('ab*?', 1 + random(7));
      const test = compileWildcardTest(SigmaString.parse(pattern).tokens);
      const expected = reference(pattern);
      for (let j = 0; j < 10; j++) {
        const text = word('ab', random(9));
        expect(test(text), `${pattern} on "${text}"`).to.equal(expected.test(text));
      }
    }
  });

  it('takes linear time on a text crafted against a*b*c, which backtracking takes cubic time on', () => {
    const test = compileWildcardTest(SigmaString.parse('*a*b*c*').tokens);
    const started = Date.now();
    expect(test('ab'.repeat(500_000))).to.equal(false);
    expect(Date.now() - started).to.be.below(500);
  });
});
