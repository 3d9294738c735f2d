import { calendarFeed } from './ics';

describe(calendarFeed.name, () => {
  it('escapes line breaks of every kind, a lone carriage return too, so that no text starts a property of its own', () => {
    const feed = calendarFeed('Helena', new Date('2025-01-01T00:00:00Z'), [
      {
        uid: 'deadline-1@namndflode',
        summary: 'Justering\rATTENDEE:mailto:x@example.se',
        description: 'rad ett\r\nrad två\nrad tre; a, b \\ c',
        date: '2025-02-28',
      },
    ]);
    const lines = feed.split('\r\n');
    expect(lines).toContain('SUMMARY:Justering\\nATTENDEE:mailto:x@example.se');
    expect(lines).toContain('DESCRIPTION:rad ett\\nrad två\\nrad tre\\; a\\, b \\\\ c');
    expect(lines.filter((line) => line.startsWith('ATTENDEE'))).toEqual([]);
    expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
