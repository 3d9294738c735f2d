/** Dates and times as Swedes read them, in Europe/Stockholm whatever the browser's zone. */
const ZONE = 'Europe/Stockholm';

const dateLong = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'long' });
const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});
const weekdayDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const time = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, timeStyle: 'short' });

/** `2023-12-11` (a calendar date) or an instant → "11 december 2023". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T12:00:00Z`)
    : new Date(value);
  return dateLong.format(instant);
}

/** An instant → "11 december 2023 kl. 09:00". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  // Newer ICU data writes "kl." itself; older data leaves it out.
  return dateTime.format(new Date(value)).replace(/(?<!kl\.) (\d{2}:\d{2})$/, ' kl. $1');
}

/** A meeting's start → "måndag 11 december 2023 kl. 09:00". */
export function formatMeeting(value: string): string {
  const instant = new Date(value);
  return `${weekdayDate.format(instant)} kl. ${time.format(instant)}`;
}

/** Today's date in Stockholm, `YYYY-MM-DD`. */
export function todayInStockholm(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE }).format(now);
}

/** A Stockholm local date and time (`2024-02-05`, `09:00`) → the instant, as ISO 8601. */
export function stockholmToIso(date: string, clock: string): string {
  const guess = new Date(`${date}T${clock}:00Z`);
  // The zone's offset at that moment (CET +1, CEST +2), found by formatting the guess there.
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(guess);
  const [h, m] = parts.split(':').map(Number) as [number, number];
  const [gh, gm] = clock.split(':').map(Number) as [number, number];
  let offsetMinutes = h * 60 + m - (gh * 60 + gm);
  if (offsetMinutes < -720) offsetMinutes += 1440;
  if (offsetMinutes > 720) offsetMinutes -= 1440;
  return new Date(guess.getTime() - offsetMinutes * 60_000).toISOString();
}

/**
 * The last day of the mandate period `day` falls in: the periods run four calendar years from the
 * year after an election year (2023–2026, 2027–2030, …), as nämnder's seats usually do.
 */
export function mandateEnd(day: string): string {
  const year = Number(day.slice(0, 4));
  return `${2022 + 4 * Math.ceil((year - 2022) / 4)}-12-31`;
}

export const STATUS_TEXT: Record<string, string> = {
  open: 'Pågående',
  decided: 'Beslutat',
  closed: 'Avslutat',
};

export const STEP_STATE_TEXT: Record<string, string> = {
  planned: 'Planerat',
  preparing: 'Bereds',
  ready: 'Klart för dagordning',
  done: 'Klart',
  withdrawn: 'Återtaget',
};

export const OUTCOME_TEXT: Record<string, string> = {
  remit: 'Remitterat',
  proposal: 'Förslag',
  information: 'Information',
  decision: 'Beslut',
  aterremiss: 'Återremiss',
  bordlaggning: 'Bordläggning',
  withdrawn: 'Återtaget',
  submitted: 'Tjänsteskrivelse inlämnad',
};

export const MEETING_STATUS_TEXT: Record<string, string> = {
  planned: 'Planerat',
  summoned: 'Kallat',
  held: 'Hållet',
  adjusted: 'Protokollet justerat',
  posted: 'Anslaget',
  cancelled: 'Inställt',
};
