import { addDays } from '@nf/common';

/** An RFC 5545 calendar invitation (METHOD:REQUEST) for one meeting, times in UTC. */
export interface CalendarEvent {
  /** Stable across re-sends, so that a calendar updates the event instead of adding one. */
  uid: string;
  /** Increases with every change (a tilläggskallelse). */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  organizer: { name: string; email: string };
  stamp: Date;
}

const utc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Escapes TEXT values (RFC 5545 3.3.11). */
const text = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/** Folds a content line to 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const character of line) {
    const limit = parts.length === 0 ? 75 : 74;
    if (Buffer.byteLength(current + character) > limit) {
      parts.push(current);
      current = '';
    }
    current += character;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function calendarInvitation(event: CalendarEvent): string {
  return calendar('Kallelse', 'REQUEST', [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
    `SUMMARY:${text(event.summary)}`,
    `LOCATION:${text(event.location)}`,
    `DESCRIPTION:${text(event.description)}`,
    `ORGANIZER;CN=${text(event.organizer.name)}:mailto:${event.organizer.email}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
  ]);
}

/** One entry of a calendar feed: a timed event (a meeting) or a whole day (a deadline). */
export type FeedEvent = {
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  cancelled?: boolean;
} & ({ start: Date; end: Date } | { date: string });

/** A subscribable calendar (METHOD:PUBLISH) of meetings and deadlines, named for its owner. */
export function calendarFeed(name: string, stamp: Date, events: FeedEvent[]): string {
  const lines = [`X-WR-CALNAME:${text(name)}`, 'X-WR-TIMEZONE:Europe/Stockholm'];
  for (const event of events) {
    lines.push('BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${utc(stamp)}`);
    if ('date' in event) {
      const day = event.date.replace(/-/g, '');
      const next = addDays(event.date, 1).replace(/-/g, '');
      lines.push(`DTSTART;VALUE=DATE:${day}`, `DTEND;VALUE=DATE:${next}`, 'TRANSP:TRANSPARENT');
    } else {
      lines.push(`DTSTART:${utc(event.start)}`, `DTEND:${utc(event.end)}`);
    }
    lines.push(`SUMMARY:${text(event.summary)}`);
    if (event.location) lines.push(`LOCATION:${text(event.location)}`);
    if (event.description) lines.push(`DESCRIPTION:${text(event.description)}`);
    lines.push(`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  }
  return calendar('Kalender', 'PUBLISH', lines);
}

function calendar(product: string, method: 'REQUEST' | 'PUBLISH', body: string[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Nämndflöde//${product}//SV`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    ...body,
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
