import type { AffectedProduct, Warning } from '../../../core/domain/warning.js';
import type { WarningSettings } from '../warning-settings.js';
import { csafTlp } from './csaf-tlp.js';

/** The FIRST page CSAF uses for TLP (CSAF 2.0 §3.2.1.5.2). */
const TLP_URL = 'https://www.first.org/tlp/';

type Note = { category: 'description' | 'details' | 'general' | 'legal_disclaimer' | 'summary'; title: string; text: string };
type Branch = { category: string; name: string; branches?: Branch[]; product?: { name: string; product_id: string } };

export type CsafDocument = Record<string, unknown>;

/** A version given as a range must sit in a `product_version_range` branch (CSAF 2.0 test 6.1.31). */
const RANGE = /^vers:|[<>]|\b(all|before|after|earlier|later|prior|versions)\b/i;

/**
 * A published warning as a CSAF 2.0 document: a security advisory when it names products or CVEs
 * (product tree, one vulnerability per CVE with its known-affected products and the measures as
 * remediations), an informational advisory otherwise (notes only). German, as the warning is.
 */
export function buildCsafDocument(warning: Warning, settings: WarningSettings): CsafDocument {
  if (!warning.trackingId || !warning.publishedAt) throw new Error('only a published warning has a CSAF form');
  const security = warning.products.length > 0;
  const tlp = csafTlp(warning.tlp);
  const notes: Note[] = [{ category: 'summary', title: 'Zusammenfassung', text: warning.summary }];
  if (warning.details.trim()) notes.push({ category: 'details', title: 'Details', text: warning.details });
  if (!security && warning.measures.length > 0) notes.push({ category: 'general', title: 'Empfohlene Maßnahmen', text: warning.measures.map((measure) => `- ${measure}`).join('\n') });
  if (warning.indicators.length > 0) notes.push({ category: 'details', title: 'Indikatoren', text: warning.indicators.map((indicator) => `${indicator.type}: ${indicator.value}`).join('\n') });
  if (tlp.restriction) notes.push({ category: 'legal_disclaimer', title: 'TLP:AMBER+STRICT', text: tlp.restriction });

  const document: CsafDocument = {
    category: security ? 'csaf_security_advisory' : 'csaf_informational_advisory',
    csaf_version: '2.0',
    title: warning.title,
    lang: 'de-DE',
    publisher: { category: 'coordinator', name: settings.publisherName, namespace: settings.csafNamespace },
    aggregate_severity: { text: warning.severity },
    distribution: { ...(tlp.restriction ? { text: tlp.restriction } : {}), tlp: { label: tlp.label, url: TLP_URL } },
    notes,
    tracking: {
      id: warning.trackingId,
      status: 'final',
      version: '1',
      revision_history: [{ date: warning.publishedAt, number: '1', summary: 'Erstveröffentlichung' }],
      initial_release_date: warning.publishedAt,
      current_release_date: warning.publishedAt,
      generator: { engine: { name: 'Lagebild' }, date: warning.publishedAt },
    },
  };
  if (!security) return { document };
  const { tree, productIds } = productTree(warning.products);
  return { document, product_tree: { branches: tree }, vulnerabilities: vulnerabilities(warning, productIds) };
}

/** vendor → product → version; each product version (or the product, without versions) gets an id. */
function productTree(products: readonly AffectedProduct[]): { tree: Branch[]; productIds: string[][] } {
  let counter = 0;
  const nextId = () => `CSAFPID-${String(++counter).padStart(4, '0')}`;
  const vendors = new Map<string, Branch[]>();
  const productIds: string[][] = [];
  for (const product of products) {
    const ids: string[] = [];
    let branch: Branch;
    if (product.versions.length === 0) {
      const id = nextId();
      ids.push(id);
      branch = { category: 'product_name', name: product.product, product: { name: `${product.vendor} ${product.product}`, product_id: id } };
    } else {
      branch = {
        category: 'product_name',
        name: product.product,
        branches: product.versions.map((version) => {
          const id = nextId();
          ids.push(id);
          return { category: RANGE.test(version) ? 'product_version_range' : 'product_version', name: version, product: { name: `${product.vendor} ${product.product} ${version}`, product_id: id } };
        }),
      };
    }
    productIds.push(ids);
    vendors.set(product.vendor, [...(vendors.get(product.vendor) ?? []), branch]);
  }
  return { tree: [...vendors].map(([vendor, branches]) => ({ category: 'vendor', name: vendor, branches })), productIds };
}

/** One vulnerability per CVE; products without a CVE share one vulnerability without an id. */
function vulnerabilities(warning: Warning, productIds: string[][]): Record<string, unknown>[] {
  const byCve = new Map<string | null, string[]>();
  warning.products.forEach((product, index) => {
    const cves = product.cves.length > 0 ? product.cves : [null];
    for (const cve of cves) byCve.set(cve, [...new Set([...(byCve.get(cve) ?? []), ...productIds[index]!])]);
  });
  return [...byCve].map(([cve, ids]) => ({
    ...(cve ? { cve } : { title: warning.title }),
    notes: [{ category: 'description', title: 'Beschreibung', text: warning.summary }],
    product_status: { known_affected: ids },
    ...(warning.measures.length > 0 ? { remediations: warning.measures.map((measure) => ({ category: 'mitigation', details: measure, product_ids: ids })) } : {}),
  }));
}
