import fc from 'fast-check';
import * as rruleModule from 'rrule';
import { Recurrence } from './recurrence';

const { RRule } = ((rruleModule as unknown as { default?: typeof rruleModule }).default ??
  rruleModule) as typeof rruleModule;

describe(Recurrence.name, () => {
  it('reads the follow-up rules the phrase reader proposes', () => {
    expect(Recurrence.of('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', '2025-02-28').take(3)).toEqual([
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
    ]);
    expect(Recurrence.of('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', '2027-02-28').take(2)).toEqual([
      '2027-02-28',
      '2028-02-29',
    ]);
    expect(Recurrence.of('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', '2025-03-31').take(4)).toEqual([
      '2025-03-31',
      '2025-06-30',
      '2025-09-30',
      '2025-12-31',
    ]);
    expect(Recurrence.of('FREQ=YEARLY;COUNT=2', '2025-05-15').take(5)).toEqual([
      '2025-05-15',
      '2026-05-15',
    ]);
    expect(Recurrence.of(null, '2025-05-15').after('2025-05-15')).toBeNull();
  });

  // A general RRULE library walks day by day to the year 9999 for these (seconds each, on the
  // event loop); the bounded evaluation answers within its ten-year window.
  it('refuses at once a rule that never yields a date, however it is written', () => {
    for (const rule of [
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;INTERVAL=4',
      'FREQ=MONTHLY;INTERVAL=12;BYMONTH=3',
    ]) {
      expect(() => Recurrence.of(rule, '2025-02-01')).toThrow(
        expect.objectContaining({
          status: 422,
          extensions: { errors: [expect.objectContaining({ field: 'rrule' })] },
        }),
      );
    }
  });

  it('ends a recurrence with no further date within 25 years instead of searching on', () => {
    // Feb 29 every 4 years from 2028, until 2101: 2100 is no leap year.
    const rule = Recurrence.of('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;UNTIL=21010101', '2096-01-01');
    expect(rule.first()).toBe('2096-02-29');
    expect(rule.after('2096-02-29')).toBeNull();
  });

  it('refuses unknown parts, bad values and first due dates out of range', () => {
    for (const [rule, firstDue] of [
      ['FREQ=HOURLY', '2025-01-01'],
      ['FREQ=YEARLY;BYDAY=MO', '2025-01-01'],
      ['FREQ=YEARLY;BYMONTH=13', '2025-01-01'],
      ['FREQ=YEARLY;INTERVAL=0', '2025-01-01'],
      ['FREQ=YEARLY;FREQ=DAILY', '2025-01-01'],
      ['FREQ=YEARLY;UNTIL=20250230', '2025-01-01'],
      ['FREQ=YEARLY;COUNT=2;UNTIL=20300101', '2025-01-01'],
      ['FREQ=YEARLY', '0100-01-01'],
    ]) {
      expect(() => Recurrence.of(rule, firstDue)).toThrow();
    }
  });

  it('gives the same dates as the rrule library for every rule it takes', () => {
    const rules = fc.record({
      freq: fc.constantFrom('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'),
      interval: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      byMonth: fc.option(
        fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
        {
          nil: undefined,
        },
      ),
      byMonthDay: fc.option(
        fc.uniqueArray(
          fc.integer({ min: -31, max: 31 }).filter((day) => day !== 0),
          { minLength: 1, maxLength: 3 },
        ),
        { nil: undefined },
      ),
      count: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
      firstDue: fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString().slice(0, 10)),
    });
    fc.assert(
      fc.property(rules, (candidate) => {
        const text = [
          `FREQ=${candidate.freq}`,
          candidate.interval ? `INTERVAL=${candidate.interval}` : null,
          candidate.byMonth ? `BYMONTH=${candidate.byMonth.join(',')}` : null,
          candidate.byMonthDay ? `BYMONTHDAY=${candidate.byMonthDay.join(',')}` : null,
          candidate.count ? `COUNT=${candidate.count}` : null,
        ]
          .filter(Boolean)
          .join(';');
        let ours: string[];
        try {
          ours = Recurrence.of(text, candidate.firstDue).take(8);
        } catch {
          return; // Refused (no date in ten years): the library would walk on; nothing to compare.
        }
        // Only rules we take are compared; the library stops after the eighth date we found.
        const reference = new RRule({
          ...RRule.parseString(text),
          dtstart: new Date(`${candidate.firstDue}T00:00:00Z`),
          tzid: null,
        })
          .all((_date, index) => index < ours.length)
          .map((date) => date.toISOString().slice(0, 10));
        expect(ours).toEqual(reference.slice(0, ours.length));
      }),
      { numRuns: 400 },
    );
  });
});
