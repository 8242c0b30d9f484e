import type { DeliveryTally, WarningAudience } from '../api-types.js';
import { formatNumber, formatPercent, t, tCount } from '../i18n.js';

/** How many named organisations are spelt out before "und N weitere". */
const NAMED = 2;

/** An audience in words, organisations by name: "Landkreis Meißen", "Alle Landesbehörden", "Stadt A, Stadt B und 3 weitere". */
export function audienceWords(audience: WarningAudience, organisationName: (id: string) => string): string {
  switch (audience.kind) {
    case 'all':
      return t('audience.all');
    case 'state':
      return t('audience.state');
    case 'county':
      return organisationName(audience.countyId);
    case 'provider':
      return t('audience.provider', { name: organisationName(audience.providerId) });
    case 'organisations': {
      const names = audience.organizationIds.map(organisationName);
      const shown = names.slice(0, NAMED).join(', ');
      return names.length > NAMED ? t('audience.more', { names: shown, count: names.length - NAMED }) : shown;
    }
  }
}

/** The audience with its reach: "Landkreis Meißen (12 Organisationen)"; without a known reach just the words. */
export function audienceLabel(audience: WarningAudience, count: number | null | undefined, organisationName: (id: string) => string): string {
  const what = audienceWords(audience, organisationName);
  if (count === undefined) return what;
  return count === null || count === 0 ? t('audience.reachNone', { what }) : tCount('audience.reach', count, { what });
}

/** "7 von 12 bestätigt (58 %)". */
export function acknowledgementRate(tally: DeliveryTally): string {
  return t('warnings.ackRate', { acknowledged: formatNumber(tally.acknowledged), addressed: formatNumber(tally.addressed), percent: formatPercent(tally.acknowledged, tally.addressed) });
}
