import { expect } from 'chai';
import { NeedleAutomaton } from '../../../../detectors/sigma/needle-automaton.js';

function found(needles: string[], text: string): string[] {
  const hits = new Set<string>();
  new NeedleAutomaton(needles).scan(text, (id) => hits.add(needles[id]!));
  return [...hits].sort();
}

describe('detectors > sigma > NeedleAutomaton', () => {
  it('reports every needle a text contains, overlapping ones too', () => {
    expect(found(['he', 'she', 'his', 'hers'], 'ushers')).to.deep.equal(['he', 'hers', 'she']);
    expect(found(['abc'], 'xxabxabc')).to.deep.equal(['abc']);
    expect(found(['abc'], 'ab-c')).to.deep.equal([]);
  });

  it('finds lowercase needles in a text of any case without a lowercased copy', () => {
    expect(found(['mimikatz', 'sekurlsa::'], 'C:\\Tools\\MimiKatz.EXE SEKURLSA::logonpasswords')).to.deep.equal(['mimikatz', 'sekurlsa::']);
    expect(found(['straße', 'äöü'], 'STRAßE ÄÖÜ')).to.deep.equal(['straße', 'äöü']);
  });

  it('agrees with toLowerCase on every text where lowercasing keeps the length', () => {
    const needles = ['powershell', 'invoke-', 'σ', 'ǆ', 'ω'];
    for (const text of ['POWERSHELL.exe', 'Invoke-WebRequest', 'ΣΩ', 'ǅ and Ǆ', 'nothing here']) {
      const expected = needles.filter((needle) => text.toLowerCase().includes(needle)).sort();
      expect(found(needles, text), text).to.include.members(expected);
    }
  });

  it('folds İ to i so a needle with an i is not missed', () => {
    expect(found(['admin'], 'ADMİN')).to.deep.equal(['admin']);
  });
});
