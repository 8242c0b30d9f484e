import { ALL } from '../../core/domain/scope.js';
import { composeMail } from '../notifications/mail-template.js';
import { dailyDigestMail, type DailyDigestData } from '../reporting/mail/daily-digest-mail.js';
import { certAddresses } from '../reporting/mail-recipients.js';
import { notifyOnce } from '../reporting/notify-once.js';
import { phaseState } from '../reporting/phase-state.js';
import { eachOpenObligation } from './each-open-obligation.js';
import type { JobDeps } from './job-deps.js';

/** The CERT's morning list of every open phase, soonest deadline first; one per day (German calendar day). */
export async function sendDailyDigest(deps: JobDeps): Promise<boolean> {
  const now = deps.clock.now();
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now);
  const names = new Map((await deps.store.organisations.list(ALL)).map((organisation) => [organisation.id, organisation.name]));
  const items: DailyDigestData['items'] = [];
  for await (const obligation of eachOpenObligation(deps.store.obligations)) {
    for (const deadline of obligation.deadlines) {
      const state = phaseState(deadline, now);
      if (state === 'submitted') continue;
      items.push({ organisationName: names.get(obligation.organizationId) ?? obligation.organizationId, phase: deadline.phase, dueAt: deadline.dueAt, state });
    }
  }
  items.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const message = composeMail(dailyDigestMail, { day, items }, { to: await certAddresses(deps.store.organisations, deps.settings), locale: deps.settings.locale, tlp: 'TLP:AMBER' });
  return notifyOnce(deps, `digest:${day}`, message);
}
