import { expect } from 'chai';
import { csvFields } from '../../../../../collectors/parsers/microsoft/csv-fields.js';

describe('collectors > parsers > microsoft > csv fields', () => {
  it('keeps empty fields, so columns stay where the header puts them', () => {
    expect(csvFields('24,09/29/17,00:00:04,Database Cleanup Begin,,,,,0,6', 24)).to.deep.equal(['24', '09/29/17', '00:00:04', 'Database Cleanup Begin', '', '', '', '', '0', '6']);
  });

  it('reads quoted fields with commas and doubled quotes in them', () => {
    expect(csvFields('10,"MSFT, 5.0","say ""hi""",x', 24)).to.deep.equal(['10', 'MSFT, 5.0', 'say "hi"', 'x']);
  });

  it('leaves everything past the last allowed field in that field', () => {
    expect(csvFields('a,b,c,d', 2)).to.deep.equal(['a', 'b,c,d']);
  });

  it('keeps an unterminated or trailing-text quote as written', () => {
    expect(csvFields('a,"open', 24)).to.deep.equal(['a', '"open']);
    expect(csvFields('a,"q"tail,b', 24)).to.deep.equal(['a', '"q"tail,b']);
  });
});
