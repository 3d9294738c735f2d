import { ProblemError } from '@nf/common';
import { parseKoladaCsv } from './kolada-csv';

const refusal = (csv: string) => {
  try {
    parseKoladaCsv(csv);
  } catch (error) {
    return {
      status: (error as ProblemError).status,
      errors: (error as ProblemError).extensions.errors,
    };
  }
  throw new Error('the file was taken');
};

describe("a CSV in Kolada's export layout", () => {
  it('reads rows by their header, with a comma or a semicolon and a decimal comma', () => {
    expect(
      parseKoladaCsv(
        'kpi,municipality,period,gender,value\nN00945,2580,2024,T,41.5\nN00945,2580,2024,K,44\n',
      ),
    ).toEqual({
      rows: [
        { line: 2, kpi: 'N00945', municipality: '2580', year: 2024, gender: 'T', value: 41.5 },
        { line: 3, kpi: 'N00945', municipality: '2580', year: 2024, gender: 'K', value: 44 },
      ],
      empty: 0,
    });
    expect(
      parseKoladaCsv('\uFEFFKommun;KPI;År;Kön;Värde\r\n2580;U00402;2023;M;"1 234,5"\r\n').rows,
    ).toEqual([
      { line: 2, kpi: 'U00402', municipality: '2580', year: 2023, gender: 'M', value: 1234.5 },
    ]);
  });

  it('leaves out a value Kolada does not have, and never reads it as 0', () => {
    expect(parseKoladaCsv('kpi,municipality,period,gender,value\nN00945,2580,2024,T,\n')).toEqual({
      rows: [],
      empty: 1,
    });
  });

  it('refuses a file with a wrong header, naming what is missing', () => {
    const { status, errors } = refusal('kpi,kommun,year,value\nN00945,2580,2024,41\n');
    expect(status).toBe(422);
    expect(JSON.stringify(errors)).toContain('the header lacks gender');
  });

  it('refuses the whole file for any bad row, each with its line and the reason', () => {
    const { errors } = refusal(
      [
        'kpi,municipality,period,gender,value',
        'N00945,2580,2024,T,41',
        'N00945,2580,2024,T,fyrtio',
        'N00945,25800,2024,T,41',
        'N00945,2580,24,T,41',
        'N00945,2580,2024,X,41',
      ].join('\n'),
    );
    const text = JSON.stringify(errors);
    expect(text).toContain('"field":"csv[3]","message":"\\"fyrtio\\" is not a number"');
    expect(text).toContain('"field":"csv[4]"');
    expect(text).toContain('"field":"csv[5]","message":"\\"24\\" is not a year"');
    expect(text).toContain('"field":"csv[6]"');
    expect(text).not.toContain('csv[2]');
  });
});
