import { expect } from 'chai';
import { requiredLiteral } from '../../../../detectors/sigma/required-literal.js';

describe('detectors > sigma > required-literal', () => {
  it('takes the longest literal run outside groups, classes and optional characters', () => {
    expect(requiredLiteral('https?://(?:0[0-9]{1,11}\\.){3}0[0-9]{1,11}')).to.equal('http');
    expect(requiredLiteral('\\\\windows\\\\temp\\\\[^\\\\]+\\.exe$')).to.equal('\\windows\\temp\\');
    expect(requiredLiteral('(x)abcd+e')).to.equal('abcd');
    expect(requiredLiteral('abcd?e')).to.equal('abc');
    expect(requiredLiteral('abc{0,2}de')).to.equal('ab');
  });

  it('gives nothing when a literal may be missing from a match', () => {
    for (const pattern of ['abc|def', '(?i)powershell', 'a\\x41bcd', '\\pLabc', '(abcdef)?', 'a']) expect(requiredLiteral(pattern), pattern).to.equal(undefined);
  });

  it('never names a literal that a match lacks', () => {
    let seed = 11;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (alphabet: string[], length: number): string => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const pattern = word(['a', 'b', 'c', 'a', 'b', '.', '?', '*', '+', '(', ')', '|', '{0,2}', '{2}', '[ab]', '\\.', '^', '$'], 1 + random(10));
      let regex: RegExp;
      try {
        regex = new RegExp(pattern);
      } catch {
        continue;
      }
      const literal = requiredLiteral(pattern, 1);
      if (literal === undefined) continue;
      for (let j = 0; j < 20; j++) {
        const text = word(['a', 'b', 'c', '.'], random(12));
        if (regex.test(text)) expect(text, `/${pattern}/ on "${text}" without "${literal}"`).to.contain(literal);
      }
    }
  });
});
