import { ValidationProblem } from '@nf/common';
import { type Election, electionLines } from './election';

/** Who attended: members present, substitutes serving (and for whom), and others present. */
export interface Attendance {
  members: Array<{ name: string; party?: string | null }>;
  substitutes: Array<{ name: string; party?: string | null; replacing: string }>;
  others: Array<{ name: string; title?: string | null }>;
  /**
   * Who presided when the ordförande did not (a vice ordförande, or an ålderspresident): a member
   * present or a substitute serving. Absent or null: the ordförande presided.
   */
  presidedBy?: string | null;
}

/** A proposal made at the meeting (yrkande). */
export interface Yrkande {
  by: string;
  text: string;
}

export const BALLOTS = ['ja', 'nej', 'avstar'] as const;
export type Ballot = (typeof BALLOTS)[number];

/** A vote (omröstning): the question put, each member's ballot, and the counted result. */
export interface Votering {
  /** "Ja för arbetsutskottets förslag, nej för Anna Anderssons yrkande". */
  question: string;
  ballots: Array<{ member: string; vote: Ballot }>;
  ja: number;
  nej: number;
  avstar: number;
  /** The side that won; on a tie the chair's casting vote (utslagsröst, KL 6:33). */
  result: 'ja' | 'nej';
  castingVote: boolean;
}

/** A reservation: who, and the written reasons (handed in before justering), if any. */
export interface Reservation {
  member: string;
  reasons: string | null;
}

/** Who the extract goes to (expediering); those with an e-mail address get it by e-mail. */
export interface Recipient {
  name: string;
  email?: string | null;
}

/** What happened under a paragraph besides its decision. */
export interface Proceedings {
  yrkanden: Yrkande[];
  propositionsordning: string | null;
  votering: Votering | null;
  reservations: Reservation[];
  jav: string[];
  /**
   * Members who left the meeting during this paragraph and returned after it (not for jäv): they
   * take no part in its decision. Absent from protocols recorded before it existed.
   */
  absent?: string[];
  notes: Array<{ by: string; text: string }>;
  expediering: Recipient[];
  /** An election (val): nominations, the vote or the proportional result, lottning, the elected. */
  val?: Election | null;
  /** On KF's motion report: the motions KF writes off (avskriver), by case and dnr. */
  avskrivna?: Array<{ caseId: number; dnr: string }>;
}

export const NO_PROCEEDINGS: Proceedings = {
  yrkanden: [],
  propositionsordning: null,
  votering: null,
  reservations: [],
  jav: [],
  absent: [],
  notes: [],
  expediering: [],
  val: null,
};

/** The members who may vote: members present and substitutes serving. */
export function votersOf(attendance: Attendance | null): Set<string> | null {
  if (!attendance) return null;
  return new Set([
    ...attendance.members.map((member) => member.name),
    ...attendance.substitutes.map((substitute) => substitute.name),
  ]);
}

function duplicates(names: string[]): string[] {
  return names.filter((name, index) => names.indexOf(name) !== index);
}

/** Checks an attendance list: nobody twice, and a substitute serves for someone not present. */
export function validateAttendance(attendance: Attendance): void {
  const problems: Array<{ field: string; message: string }> = [];
  const everyone = [
    ...attendance.members.map((member) => member.name),
    ...attendance.substitutes.map((substitute) => substitute.name),
    ...attendance.others.map((other) => other.name),
  ];
  for (const name of new Set(duplicates(everyone))) {
    problems.push({ field: 'attendance', message: `${name} is listed twice` });
  }
  const present = new Set(attendance.members.map((member) => member.name));
  if (
    attendance.presidedBy &&
    !present.has(attendance.presidedBy) &&
    !attendance.substitutes.some((substitute) => substitute.name === attendance.presidedBy)
  ) {
    problems.push({
      field: 'attendance.presidedBy',
      message: `${attendance.presidedBy} is not a member present or a substitute serving`,
    });
  }
  for (const substitute of attendance.substitutes) {
    if (present.has(substitute.replacing)) {
      problems.push({
        field: 'attendance.substitutes',
        message: `${substitute.name} cannot serve for ${substitute.replacing}, who is present`,
      });
    }
  }
  if (problems.length) throw new ValidationProblem(problems);
}

/**
 * Counts a vote among those who may vote (members present and substitutes serving, less those
 * who left for jäv). On a tie the chair's ballot decides; without it, the vote cannot be counted.
 */
export function countVotes(
  question: string,
  ballots: Votering['ballots'],
  rules: { voters: Set<string> | null; jav: string[]; absent?: string[]; chair: string },
): Votering {
  const problems: Array<{ field: string; message: string }> = [];
  for (const name of new Set(duplicates(ballots.map((ballot) => ballot.member)))) {
    problems.push({ field: 'votering.ballots', message: `${name} voted twice` });
  }
  for (const ballot of ballots) {
    if (rules.jav.includes(ballot.member)) {
      problems.push({
        field: 'votering.ballots',
        message: `${ballot.member} left the room for jäv and does not vote`,
      });
    } else if (rules.absent?.includes(ballot.member)) {
      problems.push({
        field: 'votering.ballots',
        message: `${ballot.member} was not in the room during this paragraph and does not vote`,
      });
    } else if (rules.voters && !rules.voters.has(ballot.member)) {
      problems.push({
        field: 'votering.ballots',
        message: `${ballot.member} is not a member present or a substitute serving`,
      });
    }
  }
  const count = (vote: Ballot) => ballots.filter((ballot) => ballot.vote === vote).length;
  const [ja, nej, avstar] = [count('ja'), count('nej'), count('avstar')];
  let result: 'ja' | 'nej' = ja > nej ? 'ja' : 'nej';
  const castingVote = ja === nej;
  if (castingVote) {
    const chairs = ballots.find((ballot) => ballot.member === rules.chair);
    if (!chairs || chairs.vote === 'avstar') {
      problems.push({
        field: 'votering.ballots',
        message: `a tie (${ja}–${nej}) is decided by the chair's vote, and ${rules.chair} did not vote ja or nej`,
      });
    } else {
      result = chairs.vote;
    }
  }
  if (problems.length) throw new ValidationProblem(problems);
  return { question, ballots, ja, nej, avstar, result, castingVote };
}

/** The attendance as the protocol's heading prints it. */
export function attendanceLines(attendance: Attendance | null): string[] {
  if (!attendance) return [];
  const named = (person: { name: string; party?: string | null }) =>
    person.party ? `${person.name} (${person.party})` : person.name;
  return [
    `Beslutande ledamöter: ${attendance.members.map(named).join(', ') || '—'}`,
    ...(attendance.substitutes.length
      ? [
          `Tjänstgörande ersättare: ${attendance.substitutes
            .map((substitute) => `${named(substitute)} för ${substitute.replacing}`)
            .join(', ')}`,
        ]
      : []),
    ...(attendance.others.length
      ? [
          `Övriga närvarande: ${attendance.others
            .map((other) => (other.title ? `${other.name}, ${other.title}` : other.name))
            .join('; ')}`,
        ]
      : []),
  ];
}

/** A paragraph's proceedings as the protocol prints them, in the order they happened. */
export function proceedingsLines(proceedings: Proceedings): string[] {
  const lines: string[] = [];
  if (proceedings.jav.length) {
    lines.push(
      `Jäv: ${proceedings.jav.join(', ')} anmäler jäv och deltar inte i handläggningen av ärendet.`,
    );
  }
  if (proceedings.absent?.length) {
    lines.push(
      `${proceedings.absent.join(', ')} lämnar sammanträdet under paragrafen och deltar inte i beslutet.`,
    );
  }
  if (proceedings.yrkanden.length) {
    lines.push('Yrkanden');
    for (const yrkande of proceedings.yrkanden) lines.push(`${yrkande.by} yrkar ${yrkande.text}`);
  }
  if (proceedings.propositionsordning) {
    lines.push('Propositionsordning', proceedings.propositionsordning);
  }
  if (proceedings.val) lines.push(...electionLines(proceedings.val));
  if (proceedings.avskrivna?.length) {
    lines.push(
      `Avskrivs från vidare handläggning (5 kap. 35 § kommunallagen): ${proceedings.avskrivna
        .map((motion) => `motionen dnr ${motion.dnr}`)
        .join(', ')}.`,
    );
  }
  const vote = proceedings.votering;
  if (vote) {
    lines.push(
      'Omröstning',
      `Följande propositionsordning godkänns: ${vote.question}.`,
      ...BALLOTS.map(
        (ballot) =>
          `${{ ja: 'Ja', nej: 'Nej', avstar: 'Avstår' }[ballot]}: ${
            vote.ballots
              .filter((candidate) => candidate.vote === ballot)
              .map((candidate) => candidate.member)
              .join(', ') || '—'
          }`,
      ),
      `Med ${vote.ja} ja-röster mot ${vote.nej} nej-röster${vote.avstar ? ` (${vote.avstar} avstår)` : ''} ` +
        `${vote.castingVote ? 'och ordförandens utslagsröst ' : ''}har ${vote.result === 'ja' ? 'ja' : 'nej'} vunnit.`,
    );
  }
  for (const reservation of proceedings.reservations) {
    lines.push(
      reservation.reasons
        ? `Reservation: ${reservation.member} reserverar sig mot beslutet med följande skriftliga motivering: ${reservation.reasons}`
        : `Reservation: ${reservation.member} reserverar sig mot beslutet.`,
    );
  }
  for (const note of proceedings.notes) {
    lines.push(`Protokollsanteckning: ${note.by}: ${note.text}`);
  }
  if (proceedings.expediering.length) {
    lines.push(
      `Expedieras till: ${proceedings.expediering.map((recipient) => recipient.name).join(', ')}`,
    );
  }
  return lines;
}
