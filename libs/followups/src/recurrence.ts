import { type LocalDate, ValidationProblem } from '@nf/common';

const FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'] as const;
type Frequency = (typeof FREQUENCIES)[number];

/** The parts of RFC 5545 a due-date rule may use. */
const ALLOWED_PARTS = ['FREQ', 'INTERVAL', 'BYMONTH', 'BYMONTHDAY', 'COUNT', 'UNTIL'];

/** A rule that yields no due date in this many years after its first due date is refused. */
export const FIRST_DUE_WITHIN_YEARS = 10;
/** How far past a due date the next one is looked for; none within it ends the recurrence. */
export const NEXT_DUE_WITHIN_YEARS = 25;
/** The years a first due date may fall in. */
const YEARS = { min: 1900, max: 2200 };

interface Rule {
  freq: Frequency;
  interval: number;
  byMonth: number[] | null;
  byMonthDay: number[] | null;
  count: number | null;
  /** The last day (inclusive) as a day number. */
  until: number | null;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a local date (dates are calendar dates: no time zone enters). */
function dayNumber(date: LocalDate): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    DAY_MS
  );
}

function dateOfDay(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function invalid(message: string): ValidationProblem {
  return new ValidationProblem([{ field: 'rrule', message }]);
}

function integers(value: string, min: number, max: number, name: string): number[] {
  const numbers = value
    .split(',')
    .map((part) => (/^[+-]?\d{1,5}$/.test(part) ? Number(part) : NaN));
  if (numbers.some((n) => !Number.isInteger(n) || n < min || n > max || n === 0)) {
    throw invalid(`${name} must be whole numbers from ${min} to ${max}, not 0`);
  }
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** Parses the rule text: only the parts a due-date rule uses, each once, with values in range. */
function parseRule(text: string): Rule {
  const parts = new Map<string, string>();
  for (const part of text
    .replace(/^RRULE:/i, '')
    .trim()
    .split(';')) {
    const [key, value, ...rest] = part.split('=');
    const name = key?.toUpperCase() ?? '';
    if (!ALLOWED_PARTS.includes(name) || value === undefined || rest.length || parts.has(name)) {
      throw invalid(
        `a rule of due dates (FREQ YEARLY, MONTHLY, WEEKLY or DAILY; ${ALLOWED_PARTS.join(', ')})`,
      );
    }
    parts.set(name, value.toUpperCase());
  }
  const freq = parts.get('FREQ') as Frequency | undefined;
  if (!freq || !FREQUENCIES.includes(freq)) {
    throw invalid('FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY');
  }
  if (parts.has('COUNT') && parts.has('UNTIL')) throw invalid('COUNT and UNTIL exclude each other');
  const until = parts.get('UNTIL');
  const untilMatch = until ? /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(until) : null;
  if (until && !untilMatch) throw invalid('UNTIL must be a date, YYYYMMDD');
  const untilDate = untilMatch ? `${untilMatch[1]}-${untilMatch[2]}-${untilMatch[3]}` : null;
  if (untilDate && dateOfDay(dayNumber(untilDate)) !== untilDate) {
    throw invalid(`UNTIL ${until} is no date`);
  }
  return {
    freq,
    interval: parts.has('INTERVAL') ? integers(parts.get('INTERVAL')!, 1, 1000, 'INTERVAL')[0] : 1,
    byMonth: parts.has('BYMONTH') ? integers(parts.get('BYMONTH')!, 1, 12, 'BYMONTH') : null,
    byMonthDay: parts.has('BYMONTHDAY')
      ? integers(parts.get('BYMONTHDAY')!, -31, 31, 'BYMONTHDAY')
      : null,
    count: parts.has('COUNT') ? integers(parts.get('COUNT')!, 1, 10_000, 'COUNT')[0] : null,
    until: untilDate ? dayNumber(untilDate) : null,
  };
}

/** The day numbers of `monthDays` (negative: from the month's end) in one month, in order. */
function monthDaysOf(year: number, month: number, monthDays: number[]): number[] {
  const length = daysInMonth(year, month);
  const first = Date.UTC(year, month - 1, 1) / DAY_MS;
  const days = monthDays
    .map((monthDay) => (monthDay > 0 ? monthDay : length + monthDay + 1))
    .filter((monthDay) => monthDay >= 1 && monthDay <= length)
    .map((monthDay) => first + monthDay - 1);
  return [...new Set(days)].sort((a, b) => a - b);
}

function matches(rule: Rule, day: number): boolean {
  const date = new Date(day * DAY_MS);
  const [year, month, monthDay] = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
  ];
  if (rule.byMonth && !rule.byMonth.includes(month)) return false;
  if (!rule.byMonthDay) return true;
  const length = daysInMonth(year, month);
  return rule.byMonthDay.some((wanted) => wanted === monthDay || length + wanted + 1 === monthDay);
}

/**
 * The candidate days of each period of the rule (a year, month, week or day, every `interval`th
 * from the first due date's), with the period's first day; RFC 5545's defaults fill what the rule
 * leaves open (the first due date's month, day of month or weekday), as python-dateutil and
 * rrule.js do.
 */
function* periods(rule: Rule, start: number): Generator<{ from: number; days: number[] }> {
  const date = new Date(start * DAY_MS);
  const [year0, month0, day0] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  if (rule.freq === 'YEARLY') {
    const months =
      rule.byMonth ?? (rule.byMonthDay ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [month0]);
    for (let year = year0; ; year += rule.interval) {
      yield {
        from: Date.UTC(year, 0, 1) / DAY_MS,
        days: months.flatMap((month) => monthDaysOf(year, month, rule.byMonthDay ?? [day0])),
      };
    }
  }
  if (rule.freq === 'MONTHLY') {
    for (let index = year0 * 12 + month0 - 1; ; index += rule.interval) {
      const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
      yield {
        from: Date.UTC(year, month - 1, 1) / DAY_MS,
        days:
          rule.byMonth && !rule.byMonth.includes(month)
            ? []
            : monthDaysOf(year, month, rule.byMonthDay ?? [day0]),
      };
    }
  }
  if (rule.freq === 'WEEKLY') {
    // Weeks start on Monday (WKST=MO); without BYMONTHDAY the weekday is the first due date's.
    const monday = start - ((date.getUTCDay() + 6) % 7);
    for (let from = monday; ; from += 7 * rule.interval) {
      const week = [0, 1, 2, 3, 4, 5, 6].map((offset) => from + offset);
      yield {
        from,
        days: week.filter(
          (day) => (rule.byMonthDay || (day - start) % 7 === 0) && matches(rule, day),
        ),
      };
    }
  }
  for (let day = start; ; day += rule.interval) {
    yield { from: day, days: matches(rule, day) ? [day] : [] };
  }
}

/**
 * A due-date recurrence: an RFC 5545 RRULE over local dates (Europe/Stockholm), anchored at the
 * first due date, of the parts due dates need (FREQ, INTERVAL, BYMONTH, BYMONTHDAY, COUNT, UNTIL).
 * Every evaluation is bounded: a rule is refused unless it yields a date within ten years of its
 * first due date, and the next due date is looked for within 25 years, so that no rule can hold
 * the event loop (a general RRULE library walks to the year 9999 for a rule that never matches).
 */
export class Recurrence {
  private constructor(
    private readonly rule: Rule | null,
    readonly firstDue: LocalDate,
  ) {}

  /** Parses a rule (`FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1`), or null for a single due date. */
  static of(rrule: string | null, firstDue: LocalDate): Recurrence {
    const year = Number(firstDue.slice(0, 4));
    if (year < YEARS.min || year > YEARS.max) {
      throw new ValidationProblem([
        { field: 'firstDue', message: `the year must be ${YEARS.min}–${YEARS.max}` },
      ]);
    }
    if (rrule === null) return new Recurrence(null, firstDue);
    const recurrence = new Recurrence(parseRule(rrule), firstDue);
    if (recurrence.next(dayNumber(firstDue), true, FIRST_DUE_WITHIN_YEARS) === null) {
      throw invalid(`the rule has no due date in its first ${FIRST_DUE_WITHIN_YEARS} years`);
    }
    return recurrence;
  }

  /** The first due date on or after `firstDue` (the rule may not hit the anchor itself). */
  first(): LocalDate {
    if (!this.rule) return this.firstDue;
    return this.next(dayNumber(this.firstDue), true, FIRST_DUE_WITHIN_YEARS) ?? this.firstDue;
  }

  /** The due date after `due`, or null when the recurrence has ended (or has none in 25 years). */
  after(due: LocalDate): LocalDate | null {
    if (!this.rule) return null;
    return this.next(dayNumber(due), false, NEXT_DUE_WITHIN_YEARS);
  }

  /** The due dates in order from the first, up to `limit` of them (for previews and tests). */
  take(limit: number): LocalDate[] {
    const dates: LocalDate[] = [];
    let due: LocalDate | null = this.first();
    while (due !== null && dates.length < limit) {
      dates.push(due);
      due = this.after(due);
    }
    return dates;
  }

  /** The first occurrence after (or on) `from`, looked for up to `years` later. */
  private next(from: number, inclusive: boolean, years: number): LocalDate | null {
    const rule = this.rule!;
    const start = dayNumber(this.firstDue);
    const limit = from + Math.ceil(years * 366);
    let counted = 0;
    for (const period of periods(rule, start)) {
      if (period.from > limit) return null;
      for (const day of period.days) {
        if (day < start) continue;
        if (rule.until !== null && day > rule.until) return null;
        counted += 1;
        if (rule.count !== null && counted > rule.count) return null;
        if (day > from || (inclusive && day === from)) return day > limit ? null : dateOfDay(day);
      }
    }
    return null;
  }
}
