import { readSearch, readYear } from './portal-query';

describe('the portal’s query, read leniently', () => {
  it('takes what it knows and leaves the rest (a shared link’s fbclid, utm_source)', () => {
    expect(
      readSearch({
        q: '  e-handel ',
        dnr: '2023-00495',
        organ: '3',
        fran: '2023-01-01',
        till: '',
        efter: '17',
        fbclid: 'IwAR0abc',
        utm_source: 'facebook',
      }),
    ).toEqual({
      search: { q: 'e-handel', dnr: '2023-00495', organ: 3, fran: '2023-01-01', efter: 17 },
      problems: [],
    });
  });

  it('leaves out a date that is none, and says so in Swedish', () => {
    const { search, problems } = readSearch({ fran: '2023-13-45', till: 'igår' });
    expect(search.fran).toBeUndefined();
    expect(search.till).toBeUndefined();
    expect(problems).toEqual([
      'Registrerat från ”2023-13-45” är inget datum (skriv ÅÅÅÅ-MM-DD); det används inte.',
      'Registrerat till ”igår” är inget datum (skriv ÅÅÅÅ-MM-DD); det används inte.',
    ]);
  });

  it('ignores what is not a number where a number is asked for, and an array given twice', () => {
    expect(readSearch({ organ: 'KS', efter: '-4', q: ['a', 'b'] }).search).toEqual({});
    expect(readYear({ ar: '2023' })).toBe(2023);
    expect(readYear({ ar: 'abc' })).toBeUndefined();
    expect(readYear({ ar: '99999' })).toBeUndefined();
  });
});
