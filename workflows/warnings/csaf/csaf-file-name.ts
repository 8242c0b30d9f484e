/**
 * The file name CSAF 2.0 (section 5.1) prescribes for a document: its tracking id in lower case,
 * every run of characters other than a–z, 0–9, `+` and `-` replaced by one `_`, then `.json`
 * (`SAXCERT-2026-0001` → `saxcert-2026-0001.json`).
 */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
}
