import { expect } from 'chai';
import type { EcsEvent } from '../../../../core/domain/ecs.js';
import { RULE_GUARDS } from '../../../../detectors/sigma/rule-guard.js';
import { timeOfValue, type TimePart } from '../../../../detectors/sigma/time-of-value.js';
import { compileYaml, ruleWith } from './compile-yaml.js';

const ev = (fields: Record<string, unknown>): EcsEvent => ({ '@timestamp': '2026-01-01T00:00:00Z', event: { id: 'e1' }, ...fields }) as EcsEvent;
const matches = (selection: string, fields: Record<string, unknown>): boolean => compileYaml(ruleWith(selection)).match(ev(fields));
/** The problems reported for a rule that must not compile. */
const problemOf = (selection: string): string => {
  try {
    compileYaml(ruleWith(selection));
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${selection} compiled`);
};

const PARTS: TimePart[] = ['year', 'month', 'day', 'week', 'hour', 'minute'];
const partsOf = (text: string): Record<TimePart, number | undefined> =>
  Object.fromEntries(PARTS.map((part) => [part, timeOfValue(text, part)])) as Record<TimePart, number | undefined>;

describe('detectors > sigma > time modifiers', () => {
  describe('timeOfValue', () => {
    it('reads every part of ISO text with T or a space, fraction and zone', () => {
      const expected = { year: 2024, month: 3, day: 7, week: 10, hour: 22, minute: 5 };
      expect(partsOf('2024-03-07T22:05:09.123Z')).to.deep.equal(expected);
      expect(partsOf('2024-03-07 22:05:09.1234567')).to.deep.equal(expected);
      expect(partsOf('2024-03-07t22:05')).to.deep.equal(expected);
    });

    it('takes the parts as written, without converting the zone', () => {
      expect(timeOfValue('2024-03-07T22:05:09+02:00', 'hour')).to.equal(22);
      expect(partsOf('2024-03-07T23:30:00-05:00')).to.include({ day: 7, hour: 23, minute: 30 });
      expect(partsOf('2024-12-31T23:59:59.999-01:00')).to.include({ year: 2024, month: 12, day: 31 });
    });

    it('gives a date without a time no hour and no minute', () => {
      expect(partsOf('2024-03-07')).to.deep.equal({ year: 2024, month: 3, day: 7, week: 10, hour: undefined, minute: undefined });
    });

    it('reads numbers as epoch seconds below 1e11 and milliseconds above, in UTC', () => {
      const expected = { year: 2024, month: 3, day: 7, week: 10, hour: 22, minute: 5 };
      expect(partsOf('1709849109')).to.deep.equal(expected);
      expect(partsOf('1709849109.75')).to.deep.equal(expected);
      expect(partsOf('1709849109123')).to.deep.equal(expected);
      expect(partsOf('99999999999')).to.include({ year: 5138 });
      expect(partsOf('100000000000')).to.include({ year: 1973, month: 3 });
      expect(partsOf('-99999999999')).to.include({ year: -1199 });
      expect(partsOf('-100000000000')).to.include({ year: 1966, month: 10 });
    });

    it('reads epoch numbers as the same instant written in ISO form', () => {
      for (let ms = -4e12; ms < 4e12; ms += 7_919_999_000) {
        const iso = new Date(ms).toISOString();
        expect(partsOf(String(ms / 1000)), iso).to.deep.equal(partsOf(iso));
        if (Math.abs(ms) >= 1e11) expect(partsOf(String(ms)), iso).to.deep.equal(partsOf(iso));
      }
    });

    it('gives nothing for text that is no date', () => {
      for (const text of ['', '   ', 'not a date', 'Windows 10', 'Fri, 05 Jan 2024 22:15:00 GMT', '2024-3-7', '2024-03-07T1', '2024-03-07X22:05', '20240307T220509Z', 'Infinity', 'true']) {
        for (const part of PARTS) expect(timeOfValue(text, part), `${part} of ${JSON.stringify(text)}`).to.equal(undefined);
      }
    });

    it('gives nothing for an ISO-like text that is no real date or time', () => {
      for (const text of ['2024-13-01', '2024-00-10', '2024-04-31', '2023-02-29', '2024-03-00', '2024-03-07T24:00', '2024-03-07T23:60']) {
        for (const part of PARTS) expect(timeOfValue(text, part), `${part} of ${text}`).to.equal(undefined);
      }
      expect(timeOfValue('2024-02-29', 'day')).to.equal(29);
      expect(timeOfValue('2000-02-29', 'day')).to.equal(29);
    });

    it('numbers weeks as ISO 8601 does across year boundaries', () => {
      expect(timeOfValue('2021-01-03', 'week')).to.equal(53);
      expect(timeOfValue('2021-01-04', 'week')).to.equal(1);
      expect(timeOfValue('2020-12-31', 'week')).to.equal(53);
      expect(timeOfValue('2024-12-30', 'week')).to.equal(1);
      expect(timeOfValue('2026-01-01', 'week')).to.equal(1);
      expect(timeOfValue('0050-06-15', 'week')).to.equal(24);
    });

    it('starts a new week on each Monday and puts 4 January in week 1', () => {
      let previous: number | undefined;
      for (let ms = Date.UTC(1999, 11, 27); ms < Date.UTC(2032, 0, 1); ms += 86_400_000) {
        const date = new Date(ms);
        const week = timeOfValue(date.toISOString().slice(0, 10), 'week')!;
        if (date.getUTCMonth() === 0 && date.getUTCDate() === 4) expect(week, date.toISOString()).to.equal(1);
        if (previous !== undefined) {
          const expected = date.getUTCDay() !== 1 ? previous : week === 1 ? 1 : previous + 1;
          expect(week, date.toISOString()).to.equal(expected);
          if (date.getUTCDay() === 1 && week === 1) expect(previous, date.toISOString()).to.be.oneOf([52, 53]);
        }
        previous = week;
      }
    });
  });

  describe('rules', () => {
    it('each modifier tests its part of the field', () => {
      const fields = { t: '2024-03-07T22:05:09Z' };
      for (const [part, value] of [['minute', 5], ['hour', 22], ['day', 7], ['week', 10], ['month', 3], ['year', 2024]] as const) {
        expect(matches(`selection:\n    t|${part}: ${value}`, fields), part).to.equal(true);
        expect(matches(`selection:\n    t|${part}: ${value + 1}`, fields), part).to.equal(false);
      }
    });

    it('compares the values as numbers', () => {
      expect(matches("selection:\n    t|hour: '03'", { t: '2024-03-07T03:15:00Z' })).to.equal(true);
      expect(matches('selection:\n    t|month: 3', { t: '2024-03-07' })).to.equal(true);
      expect(matches("selection:\n    t|minute: '5.0'", { t: '2024-03-07T03:05' })).to.equal(true);
    });

    it('combine with lt, lte, gt and gte in either order', () => {
      expect(matches('selection:\n    t|hour|gte: 22', { t: '2024-03-07T23:00:00Z' })).to.equal(true);
      expect(matches('selection:\n    t|hour|gte: 22', { t: '2024-03-07T22:00:00Z' })).to.equal(true);
      expect(matches('selection:\n    t|hour|gte: 22', { t: '2024-03-07T21:59:59Z' })).to.equal(false);
      expect(matches('selection:\n    t|lt|hour: 6', { t: '2024-03-07T05:59:00Z' })).to.equal(true);
      expect(matches('selection:\n    t|lt|hour: 6', { t: '2024-03-07T06:00:00Z' })).to.equal(false);
    });

    it('combine with neq, and a field without a date is not equal', () => {
      expect(matches('selection:\n    t|hour|neq: 22', { t: '2024-03-07T22:00:00Z' })).to.equal(false);
      expect(matches('selection:\n    t|hour|neq: 22', { t: '2024-03-07T21:00:00Z' })).to.equal(true);
      expect(matches('selection:\n    t|hour|neq: 22', { t: 'never' })).to.equal(true);
    });

    it('OR-link several values and AND-link them with all', () => {
      expect(matches('selection:\n    t|month: [1, 3]', { t: '2024-03-07' })).to.equal(true);
      expect(matches('selection:\n    t|month: [1, 2]', { t: '2024-03-07' })).to.equal(false);
      expect(matches('selection:\n    t|month|all: [1, 3]', { t: ['2024-01-07', '2024-03-07'] })).to.equal(true);
      expect(matches('selection:\n    t|month|all: [1, 3]', { t: '2024-03-07' })).to.equal(false);
    });

    it('match any date of a list field', () => {
      expect(matches('selection:\n    t|hour: 23', { t: ['2024-03-07T10:00:00Z', 'n/a', '2024-03-07T23:00:00Z'] })).to.equal(true);
      expect(matches('selection:\n    t|hour: 23', { t: ['2024-03-07T10:00:00Z', 'n/a'] })).to.equal(false);
    });

    it('read epoch seconds and milliseconds from numbers and numeric text', () => {
      expect(matches('selection:\n    t|hour: 22', { t: 1709849109 })).to.equal(true);
      expect(matches('selection:\n    t|hour: 22', { t: 1709849109123 })).to.equal(true);
      expect(matches('selection:\n    t|day: 7', { t: '1709849109' })).to.equal(true);
    });

    it('do not match a date without a time, text that is no date, or a missing field', () => {
      expect(matches('selection:\n    t|hour: 0', { t: '2024-03-07' })).to.equal(false);
      expect(matches('selection:\n    t|minute: 0', { t: '2024-03-07' })).to.equal(false);
      expect(matches('selection:\n    t|year: 2001', { t: 'Windows 10' })).to.equal(false);
      expect(matches('selection:\n    t|month|lt: 13', { t: 'not a date' })).to.equal(false);
      expect(matches('selection:\n    t|year|gt: 0', {})).to.equal(false);
    });

    it('leave the rule without a field-text guard', () => {
      const timed = compileYaml(ruleWith('selection:\n    t|hour: 3'));
      expect(RULE_GUARDS.get(timed)).to.equal(undefined);
      expect(timed.match(ev({ t: '2024-03-07T03:00:00Z' }))).to.equal(true);
      expect(RULE_GUARDS.get(compileYaml(ruleWith('selection:\n    t: 3')))).to.not.equal(undefined);
    });

    it('reject a second time modifier and modifiers that do not test numbers', () => {
      expect(problemOf('selection:\n    t|hour|minute: 3')).to.equal('"minute" cannot be combined with "hour"');
      expect(problemOf('selection:\n    t|hour|re: 3')).to.equal('"re" cannot be combined with "hour"');
      expect(problemOf('selection:\n    t|re|hour: 3')).to.equal('"hour" cannot be combined with "re"');
      expect(problemOf('selection:\n    t|contains|hour: 3')).to.equal('"hour" cannot be combined with "contains"');
      expect(problemOf('selection:\n    t|windash|day: 3')).to.equal('"day" cannot be combined with "windash"');
      expect(problemOf('selection:\n    t|year|base64: 2024')).to.equal('"base64" cannot be combined with "year"');
      expect(problemOf('selection:\n    t|week|cidr: 3')).to.equal('"cidr" cannot be combined with "week"');
      expect(problemOf('selection:\n    t|exists|month: true')).to.equal('"month" cannot be combined with "exists"');
      expect(problemOf('selection:\n    t|month|exists: true')).to.equal('"month" needs a number');
      expect(problemOf('selection:\n    t|hour|fieldref: 3')).to.equal('"fieldref" cannot be combined with "hour"');
      expect(problemOf('selection:\n    t|hour|utf16le: 3')).to.equal('"utf16le" cannot be combined with "hour"');
    });

    it('reject values that are not numbers', () => {
      expect(problemOf("selection:\n    t|hour: 'ten'")).to.equal('"hour" needs a number');
      expect(problemOf("selection:\n    t|hour: '2*'")).to.equal('"hour" needs a number');
      expect(problemOf('selection:\n    t|hour: null')).to.equal('"hour" needs a number');
      expect(problemOf("selection:\n    t|hour: ''")).to.equal('"hour" needs a number');
    });
  });
});
