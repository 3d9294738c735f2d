import type { MembershipRole } from '@nf/tenancy';
import type { Attendance } from './proceedings';

/** A person named to sign a protocol, with their seats on its organ on the meeting's day. */
export interface Signer {
  userId: number;
  /** The person's name as the attendance lists it (null: the user is no person). */
  name: string | null;
  seats: MembershipRole[];
}

export interface SignerProblem {
  field: 'chairUserId' | 'adjusterUserIds';
  message: string;
}

function present(attendance: Attendance, name: string): boolean {
  return (
    attendance.members.some((member) => member.name === name) ||
    attendance.substitutes.some((substitute) => substitute.name === name)
  );
}

/**
 * Who may sign a protocol (kommunallagen 5 kap. 69 § and the arbetsordning): the person who
 * chaired the meeting and the justerare elected among the members present. A signer has a seat
 * on the organ on the meeting's day. The chair is the organ's ordförande, or whoever the
 * attendance says presided in their place (a vice ordförande, or an ålderspresident); without
 * such a note a vice ordförande may be named, as the one who presides when the ordförande is away.
 * Once attendance is recorded, the chair and each justerare must be in it (members present or
 * substitutes serving).
 */
export function signerProblems(
  chair: Signer,
  adjusters: Signer[],
  attendance: Attendance | null,
): SignerProblem[] {
  const problems: SignerProblem[] = [];
  const who = (signer: Signer) => signer.name ?? `user ${signer.userId}`;
  if (chair.seats.length === 0 || chair.name === null) {
    problems.push({
      field: 'chairUserId',
      message: `${who(chair)} has no seat on the organ on the meeting's day`,
    });
  } else {
    const presidedBy = attendance?.presidedBy ?? null;
    const chairs = presidedBy
      ? presidedBy === chair.name
      : chair.seats.includes('ordforande') || chair.seats.includes('vice_ordforande');
    if (!chairs) {
      problems.push({
        field: 'chairUserId',
        message: presidedBy
          ? `the attendance says ${presidedBy} presided, not ${chair.name}`
          : `${chair.name} is not the organ's ordförande or vice ordförande: record who presided in the attendance (presidedBy)`,
      });
    }
    if (attendance && !present(attendance, chair.name)) {
      problems.push({ field: 'chairUserId', message: `${chair.name} is not in the attendance` });
    }
  }
  for (const adjuster of adjusters) {
    if (adjuster.seats.length === 0 || adjuster.name === null) {
      problems.push({
        field: 'adjusterUserIds',
        message: `${who(adjuster)} has no seat on the organ on the meeting's day`,
      });
    } else if (attendance && !present(attendance, adjuster.name)) {
      problems.push({
        field: 'adjusterUserIds',
        message: `${adjuster.name} is not a member present or a substitute serving`,
      });
    }
  }
  return problems;
}
