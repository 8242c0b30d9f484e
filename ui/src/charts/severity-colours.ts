import type { Severity } from '../api-types.js';

/** One palette for badges (styles.css) and charts, ordered from calm to alarming. */
export const SEVERITY_COLOURS: Record<Severity, string> = {
  informational: '#7a8699',
  low: '#2f7d4f',
  medium: '#c28a00',
  high: '#d9531e',
  critical: '#b3121f',
};
