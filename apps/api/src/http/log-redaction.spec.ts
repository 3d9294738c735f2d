import { loggableUrl } from './log-redaction';

describe(loggableUrl.name, () => {
  it('keeps a calendar feed token out of the access log', () => {
    expect(loggableUrl('/api/v1/calendar/Ab_9-xYz0123456789012345678901234567890123.ics')).toBe(
      '/api/v1/calendar/[secret].ics',
    );
    expect(loggableUrl('/api/v1/calendar/abc.ics?x=1')).toBe('/api/v1/calendar/[secret].ics?x=1');
  });

  it('leaves other paths as they are', () => {
    expect(loggableUrl('/api/v1/meetings/12?version=3')).toBe('/api/v1/meetings/12?version=3');
    expect(loggableUrl('/api/v1/me/calendar-feed')).toBe('/api/v1/me/calendar-feed');
  });
});
