import { expect } from 'chai';
import type { ReportContent } from '../../../../core/domain/report.js';
import { dataProtectionNotice } from '../../../../workflows/reporting/data-protection-notice.js';
import { renderReportHtml } from '../../../../workflows/reporting/render-report-html.js';
import type { ReportExport } from '../../../../workflows/reporting/report-export.js';
import { reportContentSchema } from '../../../../workflows/reporting/report-content-schema.js';

const content: ReportContent = reportContentSchema.parse({
  reporter: { name: 'E', email: 'e@a.example' },
  isbContact: { name: 'E', email: 'e@a.example' },
  awarenessAt: '2025-03-01T00:00:00.000Z',
  tier: 'sicherheitsvorfall',
  categories: ['phishing'],
  description: '<script>alert(1)</script>',
  personalData: { affected: true, approxSubjects: 40 },
  tlp: 'TLP:RED',
});

function exportOf(): ReportExport {
  const version = { reportId: 'r1', organizationId: 'a', version: 1, content, submittedAt: '2025-03-01T10:00:00.000Z', submittedBy: 'officer' };
  return {
    report: { id: 'r1', organizationId: 'a', obligationId: 'o1', phase: 'notification', draft: null, draftSavedAt: null, currentVersion: 1, createdAt: '', createdBy: 'officer', acknowledgedAt: null, acknowledgedBy: null, certTier: null, incidentIds: [], feedback: [{ id: 'f', authorName: 'analyst', body: '<img src=x onerror=1>', at: '' }], updatedAt: '', revision: 2 },
    versions: [{ ...version, content: { ...content, tlp: 'TLP:GREEN' } }, { ...version, version: 2 }],
    obligation: undefined,
    dataProtection: dataProtectionNotice(content, new Date('2025-03-05T00:00:00.000Z')),
    exportedAt: '2025-03-05T00:00:00.000Z',
    exportedBy: 'analyst',
    history: [{ seq: 1, at: '2025-03-01T10:00:00.000Z', actor: 'officer', action: 'report.submit', after: {} }],
  };
}

describe('workflows > reporting > render report html', () => {
  it('escapes every value, has no script and carries the strictest TLP in a print header', () => {
    const html = renderReportHtml(exportOf());
    expect(html).not.to.match(/<script/i);
    expect(html).not.to.include('<img');
    expect(html).to.include('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).to.include('<header class="tlp"><span>TLP:RED</span></header>');
    expect(html).to.include('@media print');
    expect(html).to.include('Version 2').and.include('Version 1');
  });

  it('shows the Art. 33 duty with its 72 h deadline when personal data is affected', () => {
    const notice = dataProtectionNotice(content, new Date('2025-03-05T00:00:00.000Z'));
    expect(notice).to.include({ authority: 'Sächsische Datenschutz- und Transparenzbeauftragte', dueAt: '2025-03-04T00:00:00.000Z', overdue: true, approxSubjects: 40 });
    expect(dataProtectionNotice({ ...content, personalData: { ...content.personalData, affected: false } }, new Date())).to.equal(undefined);
    expect(renderReportHtml(exportOf())).to.include('Art. 33 DSGVO');
  });
});
