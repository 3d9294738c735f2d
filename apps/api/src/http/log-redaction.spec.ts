import { loggableHeaders, loggableUrl } from './log-redaction';

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

describe(loggableHeaders.name, () => {
  it('replaces every header that carries a credential, and keeps the rest', () => {
    expect(
      loggableHeaders({
        authorization: 'Bearer nfa_secret',
        'proxy-authorization': 'Basic b3A6cHc=',
        cookie: 'sid=1',
        'x-refresh-token': 'nfr_secret',
        'x-api-key': 'k',
        'content-type': 'application/json',
        'x-request-id': 'abc',
      }),
    ).toEqual({
      authorization: '[redacted]',
      'proxy-authorization': '[redacted]',
      cookie: '[redacted]',
      'x-refresh-token': '[redacted]',
      'x-api-key': '[redacted]',
      'content-type': 'application/json',
      'x-request-id': 'abc',
    });
  });
});
