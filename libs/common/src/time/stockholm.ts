/**
 * Civil time in the municipality's zone (Europe/Stockholm unless a municipality says otherwise).
 * A `LocalDate` is an ISO calendar date string `YYYY-MM-DD` with no time zone attached.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

export type LocalDate = string;

export interface LocalDateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of an instant in a time zone. */
export function toLocalParts(instant: Date, timeZone = DEFAULT_TIME_ZONE): LocalDateTimeParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The local calendar date of an instant, e.g. 2023-12-31T23:30:00Z → '2024-01-01'. */
export function localDate(instant: Date, timeZone = DEFAULT_TIME_ZONE): LocalDate {
  const { year, month, day } = toLocalParts(instant, timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The local calendar year; dnr and paragraph series restart on it. */
export function localYear(instant: Date, timeZone = DEFAULT_TIME_ZONE): number {
  return toLocalParts(instant, timeZone).year;
}

export function parseLocalDate(value: LocalDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`Not a local date (YYYY-MM-DD): ${value}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    throw new RangeError(`No such date: ${value}`);
  }
  return { year, month, day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return shifted.toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`. A time that does not exist
 * (skipped by the spring DST change) resolves to the instant one hour later on the clock; a time that
 * occurs twice (autumn) resolves to the first occurrence.
 */
export function zonedDateTimeToInstant(
  date: LocalDate,
  time = '00:00',
  timeZone = DEFAULT_TIME_ZONE,
): Date {
  const { year, month, day } = parseLocalDate(date);
  const timeMatch = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!timeMatch) throw new RangeError(`Not a local time (HH:MM[:SS]): ${time}`);
  const [hour, minute, second] = [
    Number(timeMatch[1]),
    Number(timeMatch[2]),
    Number(timeMatch[3] ?? 0),
  ];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Try the offsets in force around that moment; keep the earliest instant that reads right.
  const candidates = [-36, -12, 0, 12, 36].map((h) =>
    offsetAt(new Date(wallAsUtc + h * 3_600_000), timeZone),
  );
  const matches = [...new Set(candidates)]
    .map((offset) => wallAsUtc - offset)
    .filter((instant) => offsetAt(new Date(instant), timeZone) === wallAsUtc - instant)
    .sort((a, b) => a - b);
  if (matches.length > 0) return new Date(matches[0]);
  // In the gap: use the offset from before the change, which lands after the gap on the clock.
  return new Date(wallAsUtc - offsetAt(new Date(wallAsUtc - 86_400_000), timeZone));
}

/** The zone's UTC offset in milliseconds at an instant. */
export function offsetAt(instant: Date, timeZone = DEFAULT_TIME_ZONE): number {
  const p = toLocalParts(instant, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const WEEKDAYS_DEFINITE = [
  'måndagen',
  'tisdagen',
  'onsdagen',
  'torsdagen',
  'fredagen',
  'lördagen',
  'söndagen',
];
/** The Swedish month names, January first. */
export const SWEDISH_MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** "måndagen den 11 december 2023", as in a kallelse or protocol. */
export function formatSwedishLongDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${WEEKDAYS_DEFINITE[isoWeekday(date) - 1]} den ${day} ${SWEDISH_MONTHS[month - 1]} ${year}`;
}

/** "11 december 2023". */
export function formatSwedishDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${day} ${SWEDISH_MONTHS[month - 1]} ${year}`;
}

/** "kl 09:00" for an instant, in local time. */
export function formatSwedishTime(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const { hour, minute } = toLocalParts(instant, timeZone);
  return `kl ${pad(hour)}:${pad(minute)}`;
}
