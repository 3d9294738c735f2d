import { anslagDates, isNonWorkingDay, workingDayOnOrAfter } from './working-days';

const periods = { postWithinDays: 2, appealDays: 21 };

describe('working days and the appeal period', () => {
  it.each([
    ['2023-12-22', false], // a Friday
    ['2023-12-23', true], // Saturday
    ['2023-12-24', true], // julafton (and Sunday)
    ['2024-12-24', true], // julafton, a Tuesday
    ['2024-12-31', true], // nyårsafton
    ['2024-06-21', true], // midsommarafton
    ['2024-05-09', true], // Kristi himmelsfärdsdag
    ['2024-03-29', true], // långfredagen
    ['2024-04-01', true], // annandag påsk
    ['2024-06-06', true], // nationaldagen
    ['2024-01-06', true], // trettondedag jul (a Saturday)
    ['2025-01-06', true], // trettondedag jul, a Monday
    ['2024-11-01', false], // the Friday before alla helgons dag
  ])('%s: non-working %s', (date, closed) => {
    expect(isNonWorkingDay(date)).toBe(closed);
  });

  it('moves a last day to the next working day', () => {
    expect(workingDayOnOrAfter('2024-12-24')).toBe('2024-12-27');
    expect(workingDayOnOrAfter('2024-12-31')).toBe('2025-01-02');
    expect(workingDayOnOrAfter('2024-06-21')).toBe('2024-06-24');
    expect(workingDayOnOrAfter('2024-03-28')).toBe('2024-03-28');
  });

  it('computes the anslag of a protocol adjusted on 2023-12-22, by hand', () => {
    // Posted the same Friday; three weeks is Friday 12 January 2024, a working day.
    expect(anslagDates('2023-12-22', periods)).toEqual({
      postedOn: '2023-12-22',
      postDeadline: '2023-12-24',
      appealEndsOn: '2024-01-12',
      removedOn: '2024-01-13',
    });
  });

  it('moves the last day of appeal over a holiday', () => {
    // Posted Saturday 16 December 2023; three weeks is trettondedag jul (Saturday 6 January 2024).
    expect(anslagDates('2023-12-16', periods).appealEndsOn).toBe('2024-01-08');
    // Posted 3 December 2024; three weeks is julafton, then juldagen and annandag jul.
    expect(anslagDates('2024-12-03', periods).appealEndsOn).toBe('2024-12-27');
  });
});
