import { ValidationProblem } from '@nf/common';
import { countElection, ElectionInput, electionLines } from './election';

const seat = {
  organId: 3,
  organName: 'kommunstyrelsens arbets- och personalutskott',
  role: 'ledamot' as const,
  validFrom: '2023-12-11',
  validTo: '2026-12-31',
};
const voters = new Set(['A', 'B', 'C', 'D', 'E', 'F']);
const input = (over: Partial<ElectionInput>): ElectionInput => ({
  seat,
  seats: 1,
  nominations: [
    { name: 'Anna Berg', personId: 11, party: 'M' },
    { name: 'Per Holm', personId: 12, party: 'M' },
  ],
  proportionalRequestedBy: [],
  ballots: [],
  lottningDrawn: null,
  proportionalElected: [],
  ...over,
});
const fails = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationProblem);
    return ((error as ValidationProblem).extensions.errors as Array<{ message: string }>)
      .map((problem) => problem.message)
      .join('; ');
  }
  throw new Error('expected a ValidationProblem');
};

describe('an election (val)', () => {
  it('elects the one nominated for one seat without a vote', () => {
    const election = countElection(
      input({ nominations: [{ name: 'Anna Berg', personId: 11, party: 'M' }] }),
      voters,
      [],
    );
    expect(election.elected.map((nominee) => nominee.name)).toEqual(['Anna Berg']);
    expect(electionLines(election).at(-1)).toBe(
      'Vald till ledamot i kommunstyrelsens arbets- och personalutskott för tiden 2023-12-11 – 2026-12-31: Anna Berg (M).',
    );
  });

  it('elects by the most votes, and refuses a vote from someone who may not vote', () => {
    const ballots = [
      { member: 'A', candidate: 'Anna Berg' },
      { member: 'B', candidate: 'Anna Berg' },
      { member: 'C', candidate: 'Per Holm' },
    ];
    const election = countElection(input({ ballots }), voters, []);
    expect(election.elected.map((nominee) => nominee.name)).toEqual(['Anna Berg']);
    expect(election.tally).toEqual([
      { candidate: 'Anna Berg', votes: 2 },
      { candidate: 'Per Holm', votes: 1 },
    ]);
    expect(
      fails(() =>
        countElection(
          input({ ballots: [...ballots, { member: 'Z', candidate: 'Per Holm' }] }),
          voters,
          [],
        ),
      ),
    ).toBe('Z is not a member present or a substitute serving');
  });

  it('settles a tie by lottning, never by the chair’s vote, and prints it', () => {
    const ballots = [
      { member: 'A', candidate: 'Anna Berg' },
      { member: 'B', candidate: 'Anna Berg' },
      { member: 'C', candidate: 'Per Holm' },
      { member: 'D', candidate: 'Per Holm' },
      { member: 'E', candidate: null },
    ];
    expect(fails(() => countElection(input({ ballots }), voters, []))).toBe(
      'Anna Berg och Per Holm fick lika många röster (2): valet avgörs genom lottning (KL 5 kap. 55 §); ange vem lotten föll på',
    );
    const election = countElection(input({ ballots, lottningDrawn: 'Per Holm' }), voters, []);
    expect(election.elected.map((nominee) => nominee.personId)).toEqual([12]);
    expect(election.lottning).toEqual({ between: ['Anna Berg', 'Per Holm'], drawn: 'Per Holm' });
    expect(electionLines(election)).toContain(
      'Anna Berg och Per Holm har fått lika många röster. Valet avgörs genom lottning (5 kap. 55 § kommunallagen). Lotten faller på Per Holm.',
    );
    expect(electionLines(election)).toContain('Avstår: 1');
    expect(fails(() => countElection(input({ ballots, lottningDrawn: 'Ulla' }), voters, []))).toBe(
      'Ulla was not among those tied',
    );
  });

  it('is proportional when at least ⌈present ÷ (seats + 1)⌉ ask for it, and records the announced result', () => {
    const nominations = [
      { name: 'Anna Berg', personId: 11, party: 'M' },
      { name: 'Per Holm', personId: 12, party: 'S' },
      { name: 'Eva Lund', personId: 13, party: 'C' },
    ];
    // Six present, two seats: the quota is ⌈6 ÷ 3⌉ = 2.
    const one = countElection(
      input({
        seats: 2,
        nominations,
        proportionalRequestedBy: ['A'],
        ballots: [
          { member: 'A', candidate: 'Eva Lund' },
          { member: 'B', candidate: 'Anna Berg' },
          { member: 'C', candidate: 'Per Holm' },
          { member: 'D', candidate: 'Per Holm' },
          { member: 'E', candidate: 'Anna Berg' },
        ],
      }),
      voters,
      [],
    );
    expect(one).toMatchObject({ proportional: false, proportionalQuota: 2 });
    expect(one.elected.map((nominee) => nominee.name).sort()).toEqual(['Anna Berg', 'Per Holm']);
    const two = countElection(
      input({
        seats: 2,
        nominations,
        proportionalRequestedBy: ['A', 'F'],
        proportionalElected: ['Per Holm', 'Eva Lund'],
      }),
      voters,
      [],
    );
    expect(two).toMatchObject({ proportional: true, proportionalQuota: 2 });
    expect(two.elected.map((nominee) => nominee.name)).toEqual(['Per Holm', 'Eva Lund']);
    expect(electionLines(two)[2]).toBe(
      'A, F begär proportionellt val; begäran uppnår kvoten 2 och valet förrättas proportionellt enligt lagen (2022:629) om proportionella val.',
    );
  });
});
