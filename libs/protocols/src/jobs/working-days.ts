import { addDays, isoWeekday } from '@nf/common';
import Holidays from 'date-holidays';

const calendar = new Holidays('SE');
const byYear = new Map<number, Set<string>>();

/** Eves that count as holidays for legal periods (lag 1930:173): midsommar-, jul- and nyårsafton. */
const EVES = new Set(['midsommarafton', 'julafton', 'nyårsafton']);

function closedDays(year: number): Set<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || EVES.has(holiday.name.toLowerCase()))
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    byYear.set(year, days);
  }
  return days;
}

/** Saturday, Sunday, a public holiday, or midsommar-, jul- or nyårsafton. */
export function isNonWorkingDay(date: string): boolean {
  return isoWeekday(date) >= 6 || closedDays(Number(date.slice(0, 4))).has(date);
}

/** The day itself, or the next working day after it (a period's last day moves forward). */
export function workingDayOnOrAfter(date: string): string {
  let day = date;
  while (isNonWorkingDay(day)) day = addDays(day, 1);
  return day;
}

export interface AnslagPeriods {
  /** Days after justering by which the notice must be up (KL 8:12: the second day). */
  postWithinDays: number;
  /** The appeal period from the day of posting (KL 13:5: three weeks). */
  appealDays: number;
}

/**
 * The notice of an adjusted protocol: posted on the day of justering (at the latest the second day
 * after), the last day of appeal three weeks after posting moved to the next working day, and down
 * the day after that.
 */
export function anslagDates(adjustedOn: string, periods: AnslagPeriods) {
  const postedOn = adjustedOn;
  const appealEndsOn = workingDayOnOrAfter(addDays(postedOn, periods.appealDays));
  return {
    postedOn,
    postDeadline: addDays(adjustedOn, periods.postWithinDays),
    appealEndsOn,
    removedOn: addDays(appealEndsOn, 1),
  };
}
