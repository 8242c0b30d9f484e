import { expect } from 'chai';
import { csafFileName } from '../../../../../workflows/warnings/csaf/csaf-file-name.js';

describe('workflows > warnings > csaf > file name', () => {
  it('is the tracking id in lower case with .json, as CSAF 2.0 section 5.1 prescribes', () => {
    expect(csafFileName('SAXCERT-2026-0001')).to.equal('saxcert-2026-0001.json');
  });

  it('replaces each run of other characters by one underscore and keeps + and -', () => {
    expect(csafFileName('CERT Sachsen//2026:0001+a')).to.equal('cert_sachsen_2026_0001+a.json');
  });
});
