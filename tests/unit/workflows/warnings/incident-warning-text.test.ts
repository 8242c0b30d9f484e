import { expect } from 'chai';
import type { Incident } from '../../../../core/domain/incident.js';
import { incidentWarningText } from '../../../../workflows/warnings/incident-warning-text.js';

function incident(changes: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-7f3a9c',
    title: 'SSH-Anmeldeversuche – fs01.radebeul.example',
    organizationIds: ['radebeul', 'moritzburg'],
    ruleId: 'ssh-brute-force',
    ruleTitle: 'Viele fehlgeschlagene SSH-Anmeldungen',
    entity: 'host.name=fs01.radebeul.example',
    severity: 'high',
    status: 'new',
    tlp: 'TLP:AMBER',
    assignee: null,
    alertIds: ['al-1'],
    alertCount: 12,
    eventCount: 240,
    // 10:05 and 12:40 UTC are 11:05 and 13:40 in Saxony in March.
    firstSeen: '2025-03-01T10:05:31.123Z',
    lastSeen: '2025-03-01T12:40:09.999Z',
    tags: [],
    createdAt: '2025-03-01T10:05:32.000Z',
    updatedAt: '2025-03-01T12:40:10.000Z',
    version: 3,
    ...changes,
  };
}

const ISO = /\d{4}-\d{2}-\d{2}T|\d{2}:\d{2}:\d{2}|Z\b/;

describe('workflows > warnings > incident-warning-text', () => {
  it('writes German sentences in the warning\'s register with German dates and times, no ISO stamps, ids or seconds', () => {
    const text = incidentWarningText(incident(), [{ type: 'ip', value: '203.0.113.7' }], 'SAX.CERT');
    expect(text.summary).to.equal(
      'Wir beobachten Angriffe nach dem Muster „Viele fehlgeschlagene SSH-Anmeldungen“: 12 Alarme am 01.03.2025 zwischen 11:05 und 13:40 Uhr. ' +
        'Betroffen sind bisher 2 Einrichtungen unseres Zuständigkeitsbereichs. ' +
        'Wir empfehlen, die eigenen Protokolle auf die unten aufgeführten Indikatoren zu prüfen und Auffälligkeiten umgehend dem SAX.CERT zu melden.',
    );
    const everything = [text.title, text.summary, ...text.measures].join('\n');
    expect(everything).not.to.match(ISO);
    for (const machine of ['inc-7f3a9c', 'ssh-brute-force', 'radebeul', 'host.name', 'fs01']) expect(everything, machine).not.to.include(machine);
  });

  it('names a span over several days with both days, and a single alert in the singular', () => {
    const span = incidentWarningText(incident({ lastSeen: '2025-03-03T08:15:00.000Z' }), [], 'SAX.CERT').summary;
    expect(span).to.include('zwischen dem 01.03.2025, 11:05 Uhr und dem 03.03.2025, 09:15 Uhr');
    const single = incidentWarningText(incident({ alertCount: 1, lastSeen: '2025-03-01T10:05:50.000Z', organizationIds: ['radebeul'] }), [], 'SAX.CERT').summary;
    expect(single).to.include('ein Alarm am 01.03.2025 um 11:05 Uhr');
    expect(single).to.include('Betroffen ist bisher eine Einrichtung');
  });

  it('recommends blocking only when there are addresses or domains to block', () => {
    expect(incidentWarningText(incident(), [{ type: 'hash', value: 'ab'.repeat(32) }], 'SAX.CERT').measures.join(' ')).not.to.include('sperren');
    expect(incidentWarningText(incident(), [{ type: 'domain', value: 'c2.bad.example' }], 'SAX.CERT').measures.join(' ')).to.include('sperren');
    expect(incidentWarningText(incident(), [], 'SAX.CERT').summary).to.include('auf vergleichbare Aktivitäten zu prüfen');
  });
});
