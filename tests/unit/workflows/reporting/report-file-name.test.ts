import { expect } from 'chai';
import { reportFileName } from '../../../../workflows/reporting/report-file-name.js';

describe('workflows > reporting > report file name', () => {
  const report = { id: '5211bec8-069f-4722-a1d9-3f2c1e0b9a77', organizationId: 'radebeul', phase: 'early_warning' as const };

  it('names an export by organisation, German phase and the start of the report id', () => {
    expect(reportFileName(report, 'json')).to.equal('meldung-radebeul-erstmeldung-5211bec8.json');
    expect(reportFileName({ ...report, phase: 'final' }, 'html')).to.equal('meldung-radebeul-abschlussmeldung-5211bec8.html');
  });

  it('keeps only letters, digits and dashes, so the name is safe in a header and on a disk', () => {
    expect(reportFileName({ ...report, organizationId: 'Stadt "A"/B' }, 'json')).to.equal('meldung-stadt_a_b-erstmeldung-5211bec8.json');
  });
});
