import type { PhaseState, ReportPhase } from '../../../core/domain/report.js';
import type { MailTemplate } from '../../notifications/mail-template.js';
import { mailTime } from './mail-time.js';
import { phaseLabel } from './phase-label.js';

export interface DailyDigestData {
  day: string;
  items: { organisationName: string; phase: ReportPhase; dueAt: string; state: Exclude<PhaseState, 'submitted'> }[];
}

export const dailyDigestMail: MailTemplate<DailyDigestData> = {
  render(data, locale) {
    const de = locale === 'de';
    const line = (item: DailyDigestData['items'][number]) =>
      `- ${item.organisationName}: ${phaseLabel(item.phase, locale)} ${de ? 'fällig' : 'due'} ${mailTime(item.dueAt, locale)}${item.state === 'overdue' ? (de ? ' – ÜBERFÄLLIG' : ' – OVERDUE') : ''}`;
    const overdue = data.items.filter((item) => item.state === 'overdue').length;
    const body = data.items.length === 0 ? [de ? 'Keine offenen Meldepflichten.' : 'No open reporting obligations.'] : [data.items.map(line).join('\n')];
    return {
      subject: de ? `Offene Meldepflichten am ${data.day}: ${data.items.length} (${overdue} überfällig)` : `Open reporting obligations on ${data.day}: ${data.items.length} (${overdue} overdue)`,
      paragraphs: body,
    };
  },
};
