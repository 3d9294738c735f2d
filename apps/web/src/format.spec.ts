import { formatDate, formatDateTime } from './format';

describe('dates as Swedes read them', () => {
  it('writes an instant with "kl." once, in Stockholm time whatever the ICU data', () => {
    expect(formatDateTime('2026-12-05T03:25:00Z')).toBe('5 december 2026 kl. 04:25');
    expect(formatDateTime('2026-07-01T10:00:00Z')).toBe('1 juli 2026 kl. 12:00');
    expect(formatDate('2023-12-11')).toBe('11 december 2023');
  });
});
