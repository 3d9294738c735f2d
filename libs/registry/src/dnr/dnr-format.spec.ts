import fc from 'fast-check';
import { DnrFormat, DnrFormatError, withClassification } from './dnr-format';

describe(DnrFormat.name, () => {
  it.each([
    ['{year}-{serial:5}', { year: 2023, serial: 466 }, '2023-00466'],
    ['{year}-{serial:5}', { year: 2018, serial: 278 }, '2018-00278'],
    ['KS {year}/{serial}', { year: 2024, serial: 123 }, 'KS 2024/123'],
    ['KS-{year}-{serial:5}', { year: 2024, serial: 123 }, 'KS-2024-00123'],
    ['SBN.{year}.{serial:3}', { year: 2025, serial: 7 }, 'SBN.2025.007'],
  ])('prints and reads %s', (format, parts, printed) => {
    const sut = new DnrFormat(format);
    expect(sut.print(parts)).toBe(printed);
    expect(sut.parse(printed)).toEqual(parts);
  });

  it('round-trips every serial and year in every configured format', () => {
    const formats = [
      '{year}-{serial:5}',
      'KS {year}/{serial}',
      'KS-{year}-{serial:5}',
      'Dnr {serial}/{year}',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...formats),
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 9_999_999 }),
        (format, year, serial) => {
          const sut = new DnrFormat(format);
          expect(sut.parse(sut.print({ year, serial }))).toEqual({ year, serial });
        },
      ),
    );
  });

  it('keeps serials past the padding width', () => {
    const sut = new DnrFormat('{year}-{serial:5}');
    expect(sut.print({ year: 2023, serial: 123456 })).toBe('2023-123456');
    expect(sut.parse('2023-123456')).toEqual({ year: 2023, serial: 123456 });
  });

  it.each([
    '2023-466',
    '2023-00466-1',
    'KS 2023/12',
    '23-00466',
    '2023-00000',
    "2023-00466' OR 1=1",
  ])('refuses %s as a Kalix number', (printed) => {
    expect(new DnrFormat('{year}-{serial:5}').parse(printed)).toBeUndefined();
  });

  it('refuses a format without exactly one year and one serial', () => {
    expect(() => new DnrFormat('KS {serial}')).toThrow(DnrFormatError);
    expect(() => new DnrFormat('{year}-{serial}-{serial}')).toThrow(DnrFormatError);
  });

  it('appends the classification code where the municipality shows it', () => {
    expect(withClassification('2023-00466', '04', true)).toBe('2023-00466 04');
    expect(withClassification('KS 2024/123', '04', false)).toBe('KS 2024/123');
    expect(withClassification('2023-00466', null, true)).toBe('2023-00466');
  });
});
