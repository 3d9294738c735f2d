import { ValidationProblem } from '@nf/common';

export const SEAT_ROLES = ['ordforande', 'vice_ordforande', 'ledamot', 'ersattare'] as const;
export type SeatRole = (typeof SEAT_ROLES)[number];

const ROLE_WORDS: Record<SeatRole, string> = {
  ordforande: 'ordförande',
  vice_ordforande: 'vice ordförande',
  ledamot: 'ledamot',
  ersattare: 'ersättare',
};

/** A candidate put forward (nominerad); `personId` is the person the seat is written to. */
export interface Nomination {
  name: string;
  personId: number | null;
  party?: string | null;
}

/** What the secretary records of an election (val); the rest is counted. */
export interface ElectionInput {
  /** The seat: its organ, role and period ("ledamot i KSAPU t o m 2026-12-31"). */
  seat: { organId: number; organName: string; role: SeatRole; validFrom: string; validTo: string };
  /** How many are to be elected. */
  seats: number;
  nominations: Nomination[];
  /** The members who asked for a proportional election (lag (2022:629) 2 §). */
  proportionalRequestedBy: string[];
  /** A vote by majority: each voter's candidate (null: a blank ballot, avstår). */
  ballots: Array<{ member: string; candidate: string | null }>;
  /** Who the lot fell on when votes tied (KL 5 kap. 55 §), as the chair drew it at the meeting. */
  lottningDrawn: string | null;
  /**
   * A proportional election is held with closed ballots by group (lag (2022:629)): the result as
   * the valförrättare announced it, recorded, not counted here.
   */
  proportionalElected: string[];
}

export interface Election extends ElectionInput {
  /** The number of requests that makes the election proportional. */
  proportionalQuota: number;
  proportional: boolean;
  /** Votes per candidate, most first (a vote by majority only). */
  tally: Array<{ candidate: string; votes: number }>;
  /** The tie settled by lottning: who tied, and who the lot fell on. */
  lottning: { between: string[]; drawn: string } | null;
  elected: Nomination[];
}

function problem(field: string, message: string): never {
  throw new ValidationProblem([{ field: `val.${field}`, message }]);
}

/**
 * The election's result by kommunallagen and lag (2022:629) om proportionella val:
 *  - as many nominated as there are seats: they are elected (no vote);
 *  - asked for by at least ⌈voters ÷ (seats + 1)⌉ of the members present: proportional, and the
 *    result is the one the valförrättare announced;
 *  - otherwise by majority: the most votes win, and a tie for the last seat is settled by lottning
 *    (not by the chair's casting vote, which is for decisions): the lot's outcome must be given.
 */
export function countElection(
  input: ElectionInput,
  voters: Set<string> | null,
  jav: string[],
): Election {
  const names = input.nominations.map((nomination) => nomination.name);
  if (input.seats < 1) problem('seats', 'at least one seat is elected');
  if (names.length === 0) problem('nominations', 'an election needs its nominations');
  if (new Set(names).size !== names.length) problem('nominations', 'each candidate once');
  if (input.seat.validTo < input.seat.validFrom) {
    problem('seat.validTo', 'the period ends before it begins');
  }
  const present = voters?.size ?? 0;
  const proportionalQuota = Math.ceil(present / (input.seats + 1));
  for (const member of input.proportionalRequestedBy) {
    if (voters && !voters.has(member)) {
      problem(
        'proportionalRequestedBy',
        `${member} is not a member present or a substitute serving`,
      );
    }
  }
  const proportional =
    input.proportionalRequestedBy.length > 0 &&
    names.length > input.seats &&
    new Set(input.proportionalRequestedBy).size >= proportionalQuota;
  const nominated = (name: string) =>
    input.nominations.find((nomination) => nomination.name === name);
  const base = { ...input, proportionalQuota, proportional, tally: [], lottning: null };

  if (names.length <= input.seats) return { ...base, elected: input.nominations };
  if (proportional) {
    if (input.proportionalElected.length !== input.seats) {
      problem(
        'proportionalElected',
        `a proportional election's result names the ${input.seats} elected`,
      );
    }
    const elected = input.proportionalElected.map(
      (name) => nominated(name) ?? problem('proportionalElected', `${name} was not nominated`),
    );
    return { ...base, elected };
  }

  const seen = new Set<string>();
  for (const ballot of input.ballots) {
    if (seen.has(ballot.member)) problem('ballots', `${ballot.member} voted twice`);
    seen.add(ballot.member);
    if (jav.includes(ballot.member)) {
      problem('ballots', `${ballot.member} left the room for jäv and does not vote`);
    }
    if (voters && !voters.has(ballot.member)) {
      problem('ballots', `${ballot.member} is not a member present or a substitute serving`);
    }
    if (ballot.candidate !== null && !nominated(ballot.candidate)) {
      problem('ballots', `${ballot.candidate} was not nominated`);
    }
  }
  if (input.ballots.length === 0) {
    problem(
      'ballots',
      'more are nominated than there are seats: the election is decided by a vote',
    );
  }
  const tally = names
    .map((candidate) => ({
      candidate,
      votes: input.ballots.filter((ballot) => ballot.candidate === candidate).length,
    }))
    .sort((a, b) => b.votes - a.votes);
  const cut = tally[input.seats - 1].votes;
  const sure = tally.filter((entry) => entry.votes > cut).map((entry) => entry.candidate);
  const tied = tally.filter((entry) => entry.votes === cut).map((entry) => entry.candidate);
  const open = input.seats - sure.length;
  let lottning: Election['lottning'] = null;
  let winners = [...sure, ...tied];
  if (tied.length > open) {
    if (open !== 1) {
      problem(
        'lottningDrawn',
        `${tied.join(', ')} tied for ${open} seats: record the election seat by seat`,
      );
    }
    const drawn = input.lottningDrawn;
    if (!drawn) {
      problem(
        'lottningDrawn',
        `${tied.join(' och ')} fick lika många röster (${cut}): valet avgörs genom lottning (KL 5 kap. 55 §); ange vem lotten föll på`,
      );
    }
    if (!tied.includes(drawn)) problem('lottningDrawn', `${drawn} was not among those tied`);
    lottning = { between: tied, drawn };
    winners = [...sure, drawn];
  } else if (input.lottningDrawn) {
    problem('lottningDrawn', 'there was no tie to draw lots for');
  }
  return { ...base, tally, lottning, elected: winners.map((name) => nominated(name)!) };
}

const named = (nomination: Nomination) =>
  nomination.party ? `${nomination.name} (${nomination.party})` : nomination.name;

/** The election as the protocol prints it. */
export function electionLines(election: Election): string[] {
  const role = ROLE_WORDS[election.seat.role];
  const lines = [
    'Val',
    `Nominerade till ${role} i ${election.seat.organName}: ${election.nominations.map(named).join(', ')}.`,
  ];
  if (election.proportionalRequestedBy.length) {
    lines.push(
      election.proportional
        ? `${election.proportionalRequestedBy.join(', ')} begär proportionellt val; begäran uppnår kvoten ${election.proportionalQuota} och valet förrättas proportionellt enligt lagen (2022:629) om proportionella val.`
        : `${election.proportionalRequestedBy.join(', ')} begär proportionellt val; begäran uppnår inte kvoten ${election.proportionalQuota} och valet förrättas med majoritetsval.`,
    );
  }
  if (election.tally.length) {
    lines.push(
      'Omröstning',
      ...election.tally.map(
        (entry) => `${entry.candidate}: ${entry.votes} ${entry.votes === 1 ? 'röst' : 'röster'}`,
      ),
    );
    const blank = election.ballots.filter((ballot) => ballot.candidate === null).length;
    if (blank) lines.push(`Avstår: ${blank}`);
  }
  if (election.lottning) {
    lines.push(
      `${election.lottning.between.join(' och ')} har fått lika många röster. Valet avgörs genom lottning (5 kap. 55 § kommunallagen). Lotten faller på ${election.lottning.drawn}.`,
    );
  }
  lines.push(
    `Vald${election.elected.length > 1 ? 'a' : ''} till ${role} i ${election.seat.organName} för tiden ${election.seat.validFrom} – ${election.seat.validTo}: ${election.elected.map(named).join(', ')}.`,
  );
  return lines;
}
