import { expect } from 'chai';
import { TLP_LABELS, type Tlp } from '../../../../core/domain/incident.js';
import type { Warning } from '../../../../core/domain/warning.js';
import { buildCsafDocument } from '../../../../workflows/warnings/csaf/build-csaf-document.js';
import { csafTlp } from '../../../../workflows/warnings/csaf/csaf-tlp.js';
import { csafProblems } from '../../../../workflows/warnings/csaf/validate-csaf.js';
import { DEFAULT_WARNING_SETTINGS } from '../../../../workflows/warnings/warning-settings.js';

function published(changes: Partial<Warning> = {}): Warning {
  return {
    id: 'w1',
    title: 'Kritische Schwachstelle in Beispiel-Webserver',
    summary: 'Eine Schwachstelle erlaubt Codeausführung aus der Ferne.',
    details: 'Angreifer können ohne Anmeldung Code ausführen.',
    products: [],
    measures: ['Update auf 2.4.59 einspielen', 'Zugriff aus dem Internet sperren'],
    severity: 'kritisch',
    tlp: 'TLP:AMBER',
    audience: { kind: 'all' },
    recipientUserIds: [],
    indicators: [{ type: 'ip', value: '203.0.113.7' }],
    incidentId: null,
    requiresApproval: false,
    status: 'published',
    createdBy: 'u1',
    approvedBy: null,
    approvedAt: null,
    publishedBy: 'u1',
    publishedAt: '2025-03-01T12:00:00.000Z',
    trackingId: 'SAXCERT-2025-0001',
    organizationIds: ['radebeul'],
    createdAt: '2025-03-01T11:00:00.000Z',
    updatedAt: '2025-03-01T12:00:00.000Z',
    version: 2,
    ...changes,
  };
}

type Doc = {
  document: { category: string; lang: string; tracking: { id: string; status: string }; distribution: { tlp: { label: string; url: string }; text?: string }; notes: { category: string; title: string }[]; publisher: Record<string, string> };
  product_tree?: { branches: unknown[] };
  vulnerabilities?: { cve?: string; product_status: { known_affected: string[] }; remediations?: unknown[] }[];
};

describe('workflows > warnings > csaf', () => {
  it('products and CVEs make a security advisory that validates against the official schema', () => {
    const document = buildCsafDocument(
      published({
        products: [
          { vendor: 'Beispiel GmbH', product: 'Webserver', versions: ['2.4.57', '<2.4.58'], cves: ['CVE-2024-12345', 'CVE-2024-23456'] },
          { vendor: 'Beispiel GmbH', product: 'Proxy', versions: [], cves: ['CVE-2024-12345'] },
          { vendor: 'Andere AG', product: 'Portal', versions: ['1.0'], cves: [] },
        ],
      }),
      DEFAULT_WARNING_SETTINGS,
    ) as unknown as Doc;
    expect(csafProblems(document)).to.deep.equal([]);
    expect(document.document.category).to.equal('csaf_security_advisory');
    expect(document.document.lang).to.equal('de-DE');
    expect(document.document.publisher).to.include({ category: 'coordinator', name: 'SAX.CERT' });
    expect(document.document.tracking).to.include({ id: 'SAXCERT-2025-0001', status: 'final' });
    const byCve = new Map(document.vulnerabilities!.map((vulnerability) => [vulnerability.cve ?? null, vulnerability]));
    expect(byCve.get('CVE-2024-12345')!.product_status.known_affected).to.deep.equal(['CSAFPID-0001', 'CSAFPID-0002', 'CSAFPID-0003']);
    expect(byCve.get('CVE-2024-23456')!.product_status.known_affected).to.deep.equal(['CSAFPID-0001', 'CSAFPID-0002']);
    expect(byCve.get(null)!.product_status.known_affected).to.deep.equal(['CSAFPID-0004']);
    expect(byCve.get('CVE-2024-12345')!.remediations).to.have.length(2);
    expect(JSON.stringify(document.product_tree)).to.include('"product_version_range"');
  });

  it('without products it is an informational advisory with notes, and validates', () => {
    const document = buildCsafDocument(published(), DEFAULT_WARNING_SETTINGS) as unknown as Doc;
    expect(csafProblems(document)).to.deep.equal([]);
    expect(document.document.category).to.equal('csaf_informational_advisory');
    expect(document.vulnerabilities).to.equal(undefined);
    expect(document.document.notes.map((note) => note.category)).to.include.members(['summary', 'details', 'general']);
  });

  it('every TLP label maps to a CSAF 2.0 label that validates; AMBER+STRICT keeps its restriction in a note', () => {
    const expected: Record<Tlp, string> = { 'TLP:CLEAR': 'WHITE', 'TLP:GREEN': 'GREEN', 'TLP:AMBER': 'AMBER', 'TLP:AMBER+STRICT': 'AMBER', 'TLP:RED': 'RED' };
    for (const tlp of TLP_LABELS) {
      const document = buildCsafDocument(published({ tlp }), DEFAULT_WARNING_SETTINGS) as unknown as Doc;
      expect(csafProblems(document), tlp).to.deep.equal([]);
      expect(document.document.distribution.tlp).to.deep.equal({ label: expected[tlp], url: 'https://www.first.org/tlp/' });
      expect(csafTlp(tlp).label).to.equal(expected[tlp]);
    }
    const strict = buildCsafDocument(published({ tlp: 'TLP:AMBER+STRICT' }), DEFAULT_WARNING_SETTINGS) as unknown as Doc;
    expect(strict.document.notes.some((note) => note.title === 'TLP:AMBER+STRICT')).to.equal(true);
    expect(strict.document.distribution.text).to.include('AMBER+STRICT');
  });

  it('the validator rejects what the schema forbids', () => {
    const document = buildCsafDocument(published(), DEFAULT_WARNING_SETTINGS) as unknown as Doc;
    const broken = { ...document, document: { ...document.document, distribution: { tlp: { label: 'CLEAR' } } } };
    expect(csafProblems(broken).length).to.be.greaterThan(0);
    expect(csafProblems({ document: {} }).length).to.be.greaterThan(0);
  });
});
