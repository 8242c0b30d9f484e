import type { Tlp } from '../../../core/domain/incident.js';

export type CsafTlpLabel = 'WHITE' | 'GREEN' | 'AMBER' | 'RED';

/**
 * CSAF 2.0 knows only TLP v1 labels (DOMAIN.md): CLEAR becomes WHITE, and AMBER+STRICT becomes
 * AMBER with `restriction`, the text that keeps the stricter rule with the document.
 */
export function csafTlp(tlp: Tlp): { label: CsafTlpLabel; restriction?: string } {
  switch (tlp) {
    case 'TLP:CLEAR':
      return { label: 'WHITE' };
    case 'TLP:GREEN':
      return { label: 'GREEN' };
    case 'TLP:AMBER':
      return { label: 'AMBER' };
    case 'TLP:AMBER+STRICT':
      return {
        label: 'AMBER',
        restriction:
          'TLP:AMBER+STRICT: Dieses Dokument ist nach TLP 2.0 als AMBER+STRICT eingestuft. CSAF 2.0 kennt nur TLP-v1-Kennzeichnungen, daher steht hier AMBER; die Weitergabe ist dennoch nur innerhalb der Empfängerorganisation erlaubt, nicht an deren Kunden oder Dienstleister.',
      };
    case 'TLP:RED':
      return { label: 'RED' };
  }
}
