import type { Tlp } from '../../core/domain/incident.js';
import type { ReportContent, ReportVersion } from '../../core/domain/report.js';
import { escapeHtml } from '../notifications/mail-template.js';
import { phaseLabel } from './mail/phase-label.js';
import type { ReportExport } from './report-export.js';

const TLP_ORDER: readonly Tlp[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
/** FIRST TLP 2.0 colours (https://www.first.org/tlp/): text on black. */
const TLP_COLOURS: Record<Tlp, string> = { 'TLP:CLEAR': '#FFFFFF', 'TLP:GREEN': '#33FF00', 'TLP:AMBER': '#FFC000', 'TLP:AMBER+STRICT': '#FFC000', 'TLP:RED': '#FF2B2B' };

/**
 * A print-ready German document of the report and all its versions. Every value is escaped (report
 * text is typed by people and may quote attacker data); no script; the strictest TLP of any version
 * is repeated in a fixed header, which browsers print on every page.
 */
export function renderReportHtml(document: ReportExport): string {
  const tlp = strictestTlp(document.versions);
  const title = `${phaseLabel(document.report.phase, 'de')} – ${document.report.organizationId}`;
  const versions = [...document.versions].reverse().map(renderVersion).join('');
  const history = document.history.map((entry) => `<tr><td>${e(entry.at)}</td><td>${e(entry.actor)}</td><td>${e(entry.action)}</td></tr>`).join('');
  const feedback = document.report.feedback.map((item) => `<li>${e(item.at)} ${e(item.authorName)}: ${e(item.body)}</li>`).join('');
  const dp = document.dataProtection;
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>
body { font: 11pt/1.4 sans-serif; margin: 0 2cm; padding-top: 2.5cm; }
header.tlp { position: fixed; top: 0; left: 0; right: 0; padding: 0.3cm 2cm; background: #000; }
header.tlp span { color: ${TLP_COLOURS[tlp]}; font-weight: bold; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }
section.version { break-before: page; }
@page { size: A4; margin: 1.5cm 0; }
@media print { header.tlp { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
</style></head><body>
<header class="tlp"><span>${e(tlp)}</span></header>
<h1>${e(title)}</h1>
<table>
<tr><th>Meldung</th><td>${e(document.report.id)}</td></tr>
<tr><th>Organisation</th><td>${e(document.report.organizationId)}</td></tr>
<tr><th>Aktuelle Version</th><td>${document.report.currentVersion}</td></tr>
<tr><th>Eingangsbestätigung</th><td>${e(document.report.acknowledgedAt ?? '–')}</td></tr>
<tr><th>Einstufung durch den CERT</th><td>${e(document.report.certTier ?? '–')}</td></tr>
<tr><th>Exportiert</th><td>${e(document.exportedAt)} (${e(document.exportedBy)})</td></tr>
</table>
${dp ? `<h2>Meldung an die Datenschutzaufsicht (Art. 33 DSGVO)</h2><table><tr><th>Behörde</th><td>${e(dp.authority)}</td></tr><tr><th>Frist</th><td>${e(dp.dueAt)}${dp.overdue ? ' (überschritten)' : ''}</td></tr><tr><th>Gemeldet</th><td>${e(dp.notifiedAt ?? '–')}</td></tr><tr><th>Betroffene</th><td>${e(dp.subjectCategories.join(', '))} (ca. ${e(String(dp.approxSubjects ?? '?'))})</td></tr><tr><th>Datensätze</th><td>${e(dp.recordCategories.join(', '))} (ca. ${e(String(dp.approxRecords ?? '?'))})</td></tr><tr><th>Folgen</th><td>${e(dp.likelyConsequences)}</td></tr><tr><th>Maßnahmen</th><td>${e(dp.measures)}</td></tr></table>` : ''}
${feedback ? `<h2>Rückmeldungen des CERT</h2><ul>${feedback}</ul>` : ''}
${versions}
<h2>Verlauf</h2><table><tr><th>Zeit</th><th>Wer</th><th>Was</th></tr>${history}</table>
</body></html>
`;
}

function renderVersion(version: ReportVersion): string {
  const c: ReportContent = version.content;
  const rows: [string, string][] = [
    ['Eingereicht', `${version.submittedAt} (${version.submittedBy})`],
    ['TLP', c.tlp],
    ['Meldende Person', `${c.reporter.name} <${c.reporter.email}>`],
    ['ISB', `${c.isbContact.name} <${c.isbContact.email}>${c.isbContact.phone ? ` ${c.isbContact.phone}` : ''}`],
    ['Kenntnis seit', c.awarenessAt],
    ['Beginn / Ende', `${c.startedAt ?? '–'} / ${c.endedAt ?? '–'}`],
    ['Einstufung', c.tier ?? 'noch nicht eingeschätzt'],
    ['Kategorien', c.categories.join(', ')],
    ['Beschreibung', c.description],
    ['Verdacht auf böswillige Handlung', c.suspectedMaliciousAct === null ? 'unbekannt' : c.suspectedMaliciousAct ? 'ja' : 'nein'],
    ['Betroffene Systeme', c.affectedSystems.join('\n')],
    ['Schutzziele', c.protectionGoals.join(', ')],
    ['Auswirkungen auf andere Behörden', c.impactOnOtherAuthorities],
    ['Personenbezogene Daten', c.personalData.affected ? 'betroffen' : 'nicht betroffen'],
    ['Kompromittierungsindikatoren', c.indicatorsOfCompromise.join('\n')],
    ['Ergriffene Maßnahmen', c.measuresTaken],
    ['Geplante Maßnahmen', c.measuresPlanned],
    ['Ursache', c.rootCause],
    ['Noch andauernd', c.ongoing ? 'ja (Fortschrittsbericht)' : 'nein'],
    ['Unterstützung erbeten', c.supportRequested],
  ];
  return `<section class="version"><h2>Version ${version.version}</h2><table>${rows.map(([label, value]) => `<tr><th>${e(label)}</th><td>${e(value).replace(/\n/g, '<br>')}</td></tr>`).join('')}</table></section>`;
}

function strictestTlp(versions: ReportVersion[]): Tlp {
  // A draft-only report has no TLP yet; AMBER (need to know) is the safe default for a report.
  return versions.reduce<Tlp>((strictest, version) => (TLP_ORDER.indexOf(version.content.tlp) > TLP_ORDER.indexOf(strictest) ? version.content.tlp : strictest), versions.length === 0 ? 'TLP:AMBER' : 'TLP:CLEAR');
}

const e = escapeHtml;
