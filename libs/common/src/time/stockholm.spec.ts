import {
  addDays,
  formatSwedishDate,
  formatSwedishLongDate,
  formatSwedishTime,
  isoWeekday,
  localDate,
  localYear,
  parseLocalDate,
  zonedDateTimeToInstant,
} from './stockholm';

describe('Stockholm civil time', () => {
  it('puts an instant late on New Year’s Eve UTC into the next local year', () => {
    const instant = new Date('2023-12-31T23:30:00Z'); // 00:30 on 1 January in Stockholm
    expect(localDate(instant)).toBe('2024-01-01');
    expect(localYear(instant)).toBe(2024);
  });

  it('keeps 23:59:59.9 local on 31 December in the old year', () => {
    const instant = new Date('2023-12-31T22:59:59.900Z');
    expect(localYear(instant)).toBe(2023);
    expect(localYear(new Date('2023-12-31T23:00:00.100Z'))).toBe(2024);
  });

  it('uses summer time in summer and standard time in winter', () => {
    expect(zonedDateTimeToInstant('2023-12-11', '09:00').toISOString()).toBe(
      '2023-12-11T08:00:00.000Z',
    );
    expect(zonedDateTimeToInstant('2024-06-17', '18:00').toISOString()).toBe(
      '2024-06-17T16:00:00.000Z',
    );
  });

  it('moves a wall time skipped by the spring change to after the gap', () => {
    // 2025-03-30 02:30 does not exist in Stockholm: clocks go from 02:00 to 03:00.
    expect(zonedDateTimeToInstant('2025-03-30', '02:30').toISOString()).toBe(
      '2025-03-30T01:30:00.000Z',
    );
    expect(formatSwedishTime(zonedDateTimeToInstant('2025-03-30', '02:30'))).toBe('kl 03:30');
  });

  it('takes the first of the two autumn readings of a repeated wall time', () => {
    // 2025-10-26 02:30 happens twice; the first is still summer time (UTC+2).
    expect(zonedDateTimeToInstant('2025-10-26', '02:30').toISOString()).toBe(
      '2025-10-26T00:30:00.000Z',
    );
  });

  it('writes dates the way a kallelse does', () => {
    expect(formatSwedishLongDate('2023-12-11')).toBe('måndagen den 11 december 2023');
    expect(formatSwedishLongDate('2025-02-01')).toBe('lördagen den 1 februari 2025');
    expect(formatSwedishDate('2024-06-17')).toBe('17 juni 2024');
    expect(formatSwedishTime(new Date('2023-12-11T08:00:00Z'))).toBe('kl 09:00');
  });

  it('does calendar arithmetic across months, years and leap days', () => {
    expect(addDays('2023-12-22', 14)).toBe('2024-01-05');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(isoWeekday('2023-12-11')).toBe(1);
    expect(isoWeekday('2023-12-24')).toBe(7);
  });

  it('refuses dates that do not exist', () => {
    expect(() => parseLocalDate('2025-02-29')).toThrow('No such date');
    expect(() => parseLocalDate('11/12/2023')).toThrow('Not a local date');
  });
});
