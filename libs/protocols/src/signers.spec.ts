import { signerProblems, type Signer } from './signers';

const ordforande: Signer = { userId: 1, name: 'Susanne Andersson', seats: ['ordforande'] };
const vice: Signer = { userId: 2, name: 'Tommy Nyman', seats: ['vice_ordforande'] };
const ledamot: Signer = { userId: 3, name: 'Anna Larsson', seats: ['ledamot'] };
const ersattare: Signer = { userId: 4, name: 'Per Berg', seats: ['ersattare'] };
const official: Signer = { userId: 5, name: 'Helena Landström', seats: [] };
const service: Signer = { userId: 6, name: null, seats: [] };
const attendance = (presidedBy: string | null = null) => ({
  members: [{ name: 'Susanne Andersson' }, { name: 'Tommy Nyman' }, { name: 'Anna Larsson' }],
  substitutes: [{ name: 'Per Berg', replacing: 'Eva Ek' }],
  others: [{ name: 'Helena Landström' }],
  presidedBy,
});

describe(signerProblems.name, () => {
  it('takes the ordförande, or the vice ordförande, with a justerare who has a seat', () => {
    expect(signerProblems(ordforande, [ledamot], null)).toEqual([]);
    expect(signerProblems(vice, [ersattare], attendance())).toEqual([]);
  });

  it('refuses signers without a seat on the organ', () => {
    expect(signerProblems(official, [service], null).map((problem) => problem.field)).toEqual([
      'chairUserId',
      'adjusterUserIds',
    ]);
  });

  it('takes a ledamot as chair only when the attendance says they presided', () => {
    expect(signerProblems(ledamot, [vice], null)[0].message).toContain('presidedBy');
    expect(signerProblems(ledamot, [vice], attendance('Anna Larsson'))).toEqual([]);
    expect(signerProblems(ordforande, [vice], attendance('Anna Larsson'))[0].message).toBe(
      'the attendance says Anna Larsson presided, not Susanne Andersson',
    );
  });

  it('refuses a chair or justerare not in the attendance (others present do not count)', () => {
    const absent = { ...attendance(), members: [{ name: 'Tommy Nyman' }] };
    expect(signerProblems(ordforande, [ledamot], absent)).toEqual([
      { field: 'chairUserId', message: 'Susanne Andersson is not in the attendance' },
      {
        field: 'adjusterUserIds',
        message: 'Anna Larsson is not a member present or a substitute serving',
      },
    ]);
  });
});
