import { toBooleanQuery } from './fulltext';

describe(toBooleanQuery.name, () => {
  it('requires every word as a prefix', () => {
    expect(toBooleanQuery('E-handel kommunens verksamheter')).toBe(
      '+handel* +kommunens* +verksamheter*',
    );
  });

  it('strips operators so that input cannot change the query', () => {
    expect(toBooleanQuery('"budget" -skola +(mål)* ~x <y> @3')).toBe('+budget* +skola* +mål*');
  });

  it('gives nothing for input without searchable words', () => {
    expect(toBooleanQuery('a of ++ --')).toBeUndefined();
  });
});
