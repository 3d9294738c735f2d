import { logFormatFor } from './logger';

describe('the log format', () => {
  it('is readable on a terminal and JSON lines elsewhere, unless set', () => {
    expect(logFormatFor('auto', true)).toBe('pretty');
    expect(logFormatFor('auto', false)).toBe('json');
    expect(logFormatFor('json', true)).toBe('json');
    expect(logFormatFor('pretty', false)).toBe('pretty');
  });
});
