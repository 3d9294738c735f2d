import { addDays, type LocalDate, SWEDISH_MONTHS } from '@nf/common';

/** A schedule read from a phrase, for a person to confirm: never applied without them. */
export interface ProposedSchedule {
  /** The RFC 5545 rule of the recurrence (in Europe/Stockholm), or null for a single due date. */
  rrule: string | null;
  /** The first due date. */
  firstDue: LocalDate;
  /** How the system read the phrase, in Swedish, for the person confirming it. */
  description: string;
  /** What the phrase did not say and the proposal assumed (the first due date, say). */
  assumptions: string[];
}

export type PhraseReading =
  { ok: true; proposal: ProposedSchedule } | { ok: false; reason: string };

const MONTH = `(${SWEDISH_MONTHS.join('|')})`;

/** How many years after the decision a clause may name (a year beyond is a typing error). */
const MAX_YEARS_AHEAD = 50;

function lastDayOf(year: number, month: number): LocalDate {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dateOf(year: number, month: number, day: number): LocalDate | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

function monthNumber(name: string): number {
  return SWEDISH_MONTHS.indexOf(name as (typeof SWEDISH_MONTHS)[number]) + 1;
}

/** The first end of one of `months` on or after `from`. */
function nextMonthEnd(from: LocalDate, months: number[]): LocalDate {
  let year = Number(from.slice(0, 4));
  for (;;) {
    for (const month of months) {
      const end = lastDayOf(year, month);
      if (end >= from) return end;
    }
    year++;
  }
}

/** The first `day month` on or after `from`. */
function nextDate(from: LocalDate, month: number, day: number): LocalDate | null {
  const year = Number(from.slice(0, 4));
  const thisYear = dateOf(year, month, day);
  if (!thisYear) return null;
  return thisYear >= from ? thisYear : dateOf(year + 1, month, day);
}

/**
 * Reads the common Swedish phrasings of a follow-up clause into a proposed schedule:
 * "Nästa uppföljning sker februari 2025, därefter sker uppföljning årligen i februari månad",
 * "årligen i februari", "varje kvartal", "senast 31 mars", "varje månad". A month without a day
 * means the end of that month. What the phrase leaves open (the first due date of "årligen i
 * februari") is proposed from `after` (the decision's date) and listed as an assumption. What it
 * cannot read — "utvärderas årligen", with no month — it refuses, with the reason.
 */
export function readSchedulePhrase(phrase: string, after: LocalDate): PhraseReading {
  const text = phrase
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.;]+\s*$/u, '')
    .trim();
  if (!text) return { ok: false, reason: 'Texten är tom.' };
  const first = new RegExp(
    `(?:nästa|första) (?:uppföljning|rapportering|redovisning)(?: sker| ska ske| görs)?(?: i| under)? ${MONTH} (\\d{4})`,
    'u',
  ).exec(text);
  const yearlyIn = new RegExp(
    `(?:årligen|varje år|en gång per år)(?: [a-zåäö]+)*? i ${MONTH}`,
    'u',
  ).exec(text);
  const yearlyBy = new RegExp(`(?:årligen|varje år) senast (?:den )?(\\d{1,2}) ${MONTH}`, 'u').exec(
    text,
  );
  const quarterly = /\b(?:varje kvartal|kvartalsvis|en gång per kvartal)\b/u.test(text);
  const monthly = /\b(?:varje månad|månadsvis|en gång i månaden|månatligen)\b/u.test(text);
  const halfYearly = /\b(?:varje halvår|halvårsvis|två gånger per år)\b/u.test(text);
  const once = new RegExp(
    `^(?:[a-zåäö ,]+ )?senast (?:den )?(\\d{1,2}) ${MONTH}(?: (\\d{4}))?$`,
    'u',
  ).exec(text);

  // A year written in the clause: from the decision's year on, and not absurdly far ("februari 0000").
  const afterYear = Number(after.slice(0, 4));
  for (const written of [first?.[2], once?.[3]]) {
    if (written && (Number(written) < afterYear || Number(written) > afterYear + MAX_YEARS_AHEAD)) {
      return {
        ok: false,
        reason: `Året ${written} ligger inte mellan beslutsåret och ${afterYear + MAX_YEARS_AHEAD}.`,
      };
    }
  }

  if (yearlyBy) {
    const [day, month] = [Number(yearlyBy[1]), monthNumber(yearlyBy[2])];
    const firstDue = nextDate(after, month, day);
    if (!firstDue) return { ok: false, reason: `${yearlyBy[1]} ${yearlyBy[2]} är inget datum.` };
    return {
      ok: true,
      proposal: {
        rrule: `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day}`,
        firstDue,
        description: `Årligen senast den ${day} ${yearlyBy[2]}, första gången ${firstDue}`,
        assumptions: [`Första förfallodag: den första ${day} ${yearlyBy[2]} efter ${after}.`],
      },
    };
  }
  if (yearlyIn) {
    const month = monthNumber(yearlyIn[1]);
    const assumptions: string[] = [];
    let firstDue: LocalDate;
    if (first) {
      if (monthNumber(first[1]) !== month) {
        return {
          ok: false,
          reason: `Första uppföljningen (${first[1]}) och den årliga (${yearlyIn[1]}) är olika månader.`,
        };
      }
      firstDue = lastDayOf(Number(first[2]), month);
    } else {
      firstDue = nextMonthEnd(addDays(after, 1), [month]);
      assumptions.push(`Första förfallodag: slutet av nästa ${yearlyIn[1]} efter ${after}.`);
    }
    return {
      ok: true,
      proposal: {
        rrule: `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=-1`,
        firstDue,
        description: `Årligen i ${yearlyIn[1]} (senast sista dagen i månaden), första gången ${yearlyIn[1]} ${firstDue.slice(0, 4)}`,
        assumptions,
      },
    };
  }
  const periodic = quarterly
    ? {
        months: [3, 6, 9, 12],
        rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1',
        name: 'Varje kvartal',
      }
    : halfYearly
      ? { months: [6, 12], rrule: 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1', name: 'Varje halvår' }
      : monthly
        ? {
            months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
            name: 'Varje månad',
          }
        : null;
  if (periodic) {
    const firstDue = first
      ? lastDayOf(Number(first[2]), monthNumber(first[1]))
      : nextMonthEnd(addDays(after, 1), periodic.months);
    return {
      ok: true,
      proposal: {
        rrule: periodic.rrule,
        firstDue,
        description: `${periodic.name} (senast sista dagen i perioden), första gången ${firstDue}`,
        assumptions: first
          ? []
          : [`Första förfallodag: ${firstDue}, periodens slut efter ${after}.`],
      },
    };
  }
  if (once) {
    const [day, month] = [Number(once[1]), monthNumber(once[2])];
    const firstDue = once[3] ? dateOf(Number(once[3]), month, day) : nextDate(after, month, day);
    if (!firstDue) return { ok: false, reason: `${once[1]} ${once[2]} är inget datum.` };
    return {
      ok: true,
      proposal: {
        rrule: null,
        firstDue,
        description: `En gång, senast ${firstDue}`,
        assumptions: once[3] ? [] : [`Året: den första ${day} ${once[2]} efter ${after}.`],
      },
    };
  }
  if (first) {
    const firstDue = lastDayOf(Number(first[2]), monthNumber(first[1]));
    return {
      ok: true,
      proposal: {
        rrule: null,
        firstDue,
        description: `En gång, i ${first[1]} ${first[2]}`,
        assumptions: [],
      },
    };
  }
  if (/(?:^|[\s,])(?:årligen|varje år)(?=$|[\s,.])/u.test(text)) {
    return {
      ok: false,
      reason:
        'Texten säger årligen men inte i vilken månad: ange månaden (till exempel "årligen i februari").',
    };
  }
  return { ok: false, reason: 'Texten anger ingen tidpunkt som går att läsa som ett schema.' };
}
