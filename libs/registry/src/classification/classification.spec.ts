import { ValidationProblem } from '@nf/common';
import { parseClassificationCsv } from './classification-file';

describe(parseClassificationCsv.name, () => {
  it('reads code;title;parent lines with a header, comments and blank lines', () => {
    const csv = '\uFEFFkod;rubrik;förälder\n# Kalix\n00;Allmänt\n04;Ekonomi\n\n041;Budget;04\n';
    expect(parseClassificationCsv(csv)).toEqual([
      { code: '00', title: 'Allmänt', parentCode: null },
      { code: '04', title: 'Ekonomi', parentCode: null },
      { code: '041', title: 'Budget', parentCode: '04' },
    ]);
  });

  it('accepts comma and tab separators and quoted cells', () => {
    expect(parseClassificationCsv('10,"Val"\n14\tNäringsliv')).toEqual([
      { code: '10', title: 'Val', parentCode: null },
      { code: '14', title: 'Näringsliv', parentCode: null },
    ]);
  });

  it('names the lines it cannot read', () => {
    expect(() => parseClassificationCsv('00;Allmänt\n04\n')).toThrow(ValidationProblem);
    try {
      parseClassificationCsv('00;Allmänt\n04\n');
    } catch (error) {
      expect((error as ValidationProblem).extensions.errors).toEqual([
        { field: 'line 2', message: 'needs a code and a title' },
      ]);
    }
  });
});
