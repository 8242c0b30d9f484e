import type { ReportingRegime } from '../api-types.js';
import { t } from '../i18n.js';

/** The reporting regime as officers know it from SächsISichG: "§ 16 (Land)", "§ 17 (nicht-staatlich)". */
export function regimeLabel(regime: ReportingRegime): string {
  return t(`regime.${regime}`);
}
