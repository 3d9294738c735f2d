import { ValidationProblem } from '@nf/common';
import { attendanceLines, countVotes, proceedingsLines, validateAttendance } from './proceedings';

const voters = new Set(['Tommy Nyman', 'Anna Larsson', 'Per Berg', 'Eva Ek']);

describe('countVotes', () => {
  it('counts ja, nej and avstår, and the side with more votes wins', () => {
    const vote = countVotes(
      'Ja för utskottets förslag, nej för Anna Larssons yrkande',
      [
        { member: 'Tommy Nyman', vote: 'ja' },
        { member: 'Anna Larsson', vote: 'nej' },
        { member: 'Per Berg', vote: 'nej' },
        { member: 'Eva Ek', vote: 'avstar' },
      ],
      { voters, jav: [], chair: 'Tommy Nyman' },
    );
    expect(vote).toMatchObject({ ja: 1, nej: 2, avstar: 1, result: 'nej', castingVote: false });
  });

  it('lets the chair’s vote decide a tie, and refuses a tie the chair did not vote in', () => {
    const ballots = [
      { member: 'Tommy Nyman', vote: 'nej' as const },
      { member: 'Anna Larsson', vote: 'ja' as const },
    ];
    expect(countVotes('q', ballots, { voters, jav: [], chair: 'Tommy Nyman' })).toMatchObject({
      result: 'nej',
      castingVote: true,
    });
    expect(() => countVotes('q', ballots, { voters, jav: [], chair: 'Eva Ek' })).toThrow(
      ValidationProblem,
    );
  });

  it('refuses a ballot from someone with jäv, someone absent, or the same member twice', () => {
    const rules = { voters, jav: ['Per Berg'], chair: 'Tommy Nyman' };
    for (const ballots of [
      [{ member: 'Per Berg', vote: 'ja' as const }],
      [{ member: 'Okänd Person', vote: 'ja' as const }],
      [
        { member: 'Eva Ek', vote: 'ja' as const },
        { member: 'Eva Ek', vote: 'nej' as const },
      ],
    ]) {
      expect(() => countVotes('q', ballots, rules)).toThrow(ValidationProblem);
    }
  });

  it('leaves out a member who left the meeting for the paragraph, and prints that they left', () => {
    const rules = { voters, jav: [], absent: ['Eva Ek'], chair: 'Tommy Nyman' };
    let refused: unknown;
    try {
      countVotes('q', [{ member: 'Eva Ek', vote: 'ja' }], rules);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ValidationProblem);
    expect(JSON.stringify(refused)).toContain('Eva Ek was not in the room');
    expect(countVotes('q', [{ member: 'Per Berg', vote: 'ja' }], rules)).toMatchObject({ ja: 1 });
    expect(
      proceedingsLines({
        yrkanden: [],
        propositionsordning: null,
        votering: null,
        reservations: [],
        jav: [],
        absent: ['Eva Ek'],
        notes: [],
        expediering: [],
      }),
    ).toEqual(['Eva Ek lämnar sammanträdet under paragrafen och deltar inte i beslutet.']);
  });
});

describe('attendance and proceedings as the protocol prints them', () => {
  it('refuses a substitute serving for a member who is present, and a name listed twice', () => {
    expect(() =>
      validateAttendance({
        members: [{ name: 'Anna Larsson' }],
        substitutes: [{ name: 'Per Berg', replacing: 'Anna Larsson' }],
        others: [],
      }),
    ).toThrow(ValidationProblem);
    expect(() =>
      validateAttendance({
        members: [{ name: 'Anna Larsson' }],
        substitutes: [],
        others: [{ name: 'Anna Larsson' }],
      }),
    ).toThrow(ValidationProblem);
  });

  it('prints attendance, jäv, yrkanden, the vote and reservations in Swedish', () => {
    expect(
      attendanceLines({
        members: [{ name: 'Tommy Nyman', party: 'S' }],
        substitutes: [{ name: 'Per Berg', party: 'M', replacing: 'Eva Ek' }],
        others: [{ name: 'Helena Landström', title: 'sekreterare' }],
      }),
    ).toEqual([
      'Beslutande ledamöter: Tommy Nyman (S)',
      'Tjänstgörande ersättare: Per Berg (M) för Eva Ek',
      'Övriga närvarande: Helena Landström, sekreterare',
    ]);
    const lines = proceedingsLines({
      yrkanden: [{ by: 'Anna Larsson (V)', text: 'avslag på förslaget.' }],
      propositionsordning: 'Ordföranden ställer förslagen mot varandra.',
      votering: countVotes(
        'Ja för utskottets förslag, nej för avslag',
        [
          { member: 'Tommy Nyman', vote: 'ja' },
          { member: 'Anna Larsson', vote: 'nej' },
        ],
        { voters, jav: [], chair: 'Tommy Nyman' },
      ),
      reservations: [{ member: 'Anna Larsson', reasons: null }],
      jav: ['Eva Ek'],
      notes: [],
      expediering: [{ name: 'Ekonomienheten' }],
    });
    expect(lines).toEqual([
      'Jäv: Eva Ek anmäler jäv och deltar inte i handläggningen av ärendet.',
      'Yrkanden',
      'Anna Larsson (V) yrkar avslag på förslaget.',
      'Propositionsordning',
      'Ordföranden ställer förslagen mot varandra.',
      'Omröstning',
      'Följande propositionsordning godkänns: Ja för utskottets förslag, nej för avslag.',
      'Ja: Tommy Nyman',
      'Nej: Anna Larsson',
      'Avstår: —',
      'Med 1 ja-röster mot 1 nej-röster och ordförandens utslagsröst har ja vunnit.',
      'Reservation: Anna Larsson reserverar sig mot beslutet.',
      'Expedieras till: Ekonomienheten',
    ]);
  });
});
