import { formatDate, formatDateTime, mandateEnd } from './format';

describe('dates as Swedes read them', () => {
  it('writes an instant with "kl." once, in Stockholm time whatever the ICU data', () => {
    expect(formatDateTime('2026-12-05T03:25:00Z')).toBe('5 december 2026 kl. 04:25');
    expect(formatDateTime('2026-07-01T10:00:00Z')).toBe('1 juli 2026 kl. 12:00');
    expect(formatDate('2023-12-11')).toBe('11 december 2023');
  });

  it('ends a seat’s mandate period the December after the next election year', () => {
    expect(mandateEnd('2023-01-01')).toBe('2026-12-31');
    expect(mandateEnd('2026-12-05')).toBe('2026-12-31');
    expect(mandateEnd('2027-01-01')).toBe('2030-12-31');
    expect(mandateEnd('2030-12-31')).toBe('2030-12-31');
  });
});
