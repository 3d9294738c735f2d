import { swedishNumber } from '@nf/documents';
import { deviation, sumOf, sumTable, targetMet, targetText } from './figures';

describe('the arithmetic of plans and follow-ups', () => {
  it('takes the deviation as budget − outcome in costs: outcome − budget of net amounts', () => {
    // Luleå KS 2024 (mkr, costs negative): −284.8 against −281.7 is an overrun of 3.1.
    expect(deviation(-281.7, -284.8)).toBe(-3.1);
    // KC Ekonomi: −29.5 against −32.1 leaves 2.6.
    expect(deviation(-32.1, -29.5)).toBe(2.6);
    // An income over budget is positive too (exploatering: 220.4 against −72.2).
    expect(deviation(-72.2, 220.4)).toBe(292.6);
    expect(deviation(null, -1)).toBeNull();
    expect(deviation(-1, null)).toBeNull();
  });

  it('sums what is there and leaves a sum of nothing missing, never 0', () => {
    expect(sumOf([1.1, null, 2.2])).toBe(3.3);
    expect(sumOf([null, null])).toBeNull();
    expect(sumOf([])).toBeNull();
    expect(sumOf([0])).toBe(0);
  });

  it('sums each level of a table: a sektor from its kontor, the total from the top level', () => {
    const { rows, total } = sumTable(
      [
        {
          code: 'LS',
          name: 'Sektor Ledning & stöd',
          parentCode: null,
          values: { budget: null, outcome: null },
        },
        {
          code: '1110',
          name: 'KC Ekonomi',
          parentCode: 'LS',
          values: { budget: -32.1, outcome: -29.5 },
        },
        { code: '1310', name: 'KC HR', parentCode: 'LS', values: { budget: -40.3, outcome: null } },
        {
          code: '1211',
          name: 'KC Kansli',
          parentCode: null,
          values: { budget: -12.1, outcome: -11.7 },
        },
        // A "varav" row with values of its own: part of its parent, not added again.
        {
          code: '1111',
          name: 'Varav gemensamt',
          parentCode: '1110',
          values: { budget: -14.9, outcome: -11.3 },
        },
      ],
      ['budget', 'outcome'],
    );
    const sector = rows.find((row) => row.code === 'LS')!;
    expect(sector).toMatchObject({
      level: 0,
      summed: true,
      values: { budget: -72.4, outcome: -29.5 },
    });
    expect(rows.find((row) => row.code === '1110')).toMatchObject({ level: 1, summed: false });
    expect(rows.find((row) => row.code === '1111')).toMatchObject({ level: 2 });
    expect(rows.map((row) => row.code)).toEqual(['LS', '1110', '1111', '1310', '1211']);
    expect(total).toEqual({ budget: -84.5, outcome: -41.2 });
  });

  it('meets a number target inclusively and a direction against the year before', () => {
    expect(targetMet({ kind: 'min', value: 70 }, 70)).toBe(true);
    expect(targetMet({ kind: 'min', value: 70 }, 69.9)).toBe(false);
    expect(targetMet({ kind: 'max', value: 50 }, 275)).toBe(false);
    expect(targetMet({ kind: 'max', value: 50 }, 50)).toBe(true);
    expect(targetMet({ kind: 'direction', direction: 'increase' }, 77.1, 70.5)).toBe(true);
    expect(targetMet({ kind: 'direction', direction: 'increase' }, 70, 73)).toBe(false);
    expect(targetMet({ kind: 'direction', direction: 'decrease' }, 9.8, 11.5)).toBe(true);
    expect(targetMet({ kind: 'direction', direction: 'maintain' }, 4, 4)).toBe(true);
    expect(targetMet({ kind: 'direction', direction: 'maintain' }, 4.1, 4)).toBe(false);
  });

  it('leaves a target unknown, not failed, when the outcome or the year before is missing', () => {
    expect(targetMet({ kind: 'min', value: 70 }, null)).toBeNull();
    expect(targetMet({ kind: 'direction', direction: 'increase' }, 77.1, null)).toBeNull();
    expect(targetMet(null, 77.1)).toBeNull();
  });

  it('writes targets and numbers as the plans do, a missing value as a dash', () => {
    expect(targetText({ kind: 'max', value: 50 })).toBe('Högst 50');
    expect(targetText({ kind: 'min', value: 70.5 })).toBe('Minst 70,5');
    expect(targetText({ kind: 'direction', direction: 'increase' })).toBe('Öka');
    expect(targetText(null)).toBe('–');
    expect(swedishNumber(-284.8, 1)).toBe('-284,8');
    expect(swedishNumber(275627, 0)).toBe('275 627');
    expect(swedishNumber(null)).toBe('–');
    expect(swedishNumber(0, 1)).toBe('0,0');
  });
});
