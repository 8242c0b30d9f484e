import type { Incident } from '../../core/domain/incident.js';
import type { WarningIndicator } from '../../core/domain/warning.js';
import { germanSpan } from './german-time.js';

export interface IncidentWarningText {
  title: string;
  summary: string;
  measures: string[];
}

/**
 * The first text of a warning drafted from an incident, in the register of the CERT's warnings
 * ("Wir beobachten …, Betroffen sind …, Wir empfehlen …"). It names what was seen and when, never
 * who: the incident's title may carry a host or user name and the audience may later be widened,
 * so the victims are counted, not named. The analyst edits it before it goes out.
 */
export function incidentWarningText(incident: Incident, indicators: readonly WarningIndicator[], publisherName: string): IncidentWarningText {
  const alerts = incident.alertCount === 1 ? 'ein Alarm' : `${incident.alertCount} Alarme`;
  const organisations = incident.organizationIds.length;
  const affected = organisations === 1 ? 'Betroffen ist bisher eine Einrichtung unseres Zuständigkeitsbereichs.' : `Betroffen sind bisher ${organisations} Einrichtungen unseres Zuständigkeitsbereichs.`;
  const blockable = indicators.some((indicator) => indicator.type === 'ip' || indicator.type === 'domain');
  const sentences = [
    `Wir beobachten Angriffe nach dem Muster „${incident.ruleTitle}“: ${alerts} ${germanSpan(incident.firstSeen, incident.lastSeen)}.`,
    affected,
    indicators.length > 0
      ? `Wir empfehlen, die eigenen Protokolle auf die unten aufgeführten Indikatoren zu prüfen und Auffälligkeiten umgehend dem ${publisherName} zu melden.`
      : `Wir empfehlen, die eigenen Systeme auf vergleichbare Aktivitäten zu prüfen und Auffälligkeiten umgehend dem ${publisherName} zu melden.`,
  ];
  const measures = [
    indicators.length > 0 ? 'Protokolle von Firewall, Proxy, DNS und Mail auf die aufgeführten Indikatoren prüfen' : 'Systeme und Protokolle auf vergleichbare Aktivitäten prüfen',
    ...(blockable ? ['Verbindungen zu den aufgeführten IP-Adressen und Domains sperren, sofern kein dienstlicher Bedarf besteht'] : []),
    `Auffälligkeiten umgehend dem ${publisherName} melden`,
  ];
  return { title: incident.ruleTitle, summary: sentences.join(' '), measures };
}
