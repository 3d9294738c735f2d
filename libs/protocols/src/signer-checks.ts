import { Injectable } from '@nestjs/common';
import { Tenant, ValidationProblem, localDate } from '@nf/common';
import { Users } from '@nf/identity';
import type { Meeting } from '@nf/meetings';
import { isActiveOn, Memberships, Municipalities, Organs, People } from '@nf/tenancy';
import { Attendance } from './proceedings';
import type { ProtocolSigners } from './protocol-edits';
import { Signer, signerProblems } from './signers';

/**
 * Who may sign a protocol: the chair and as many justerare as the organ elects, each once, with a
 * seat on the organ on the meeting's day and present (see `signerProblems`). Used by the use cases
 * that name or confirm the signers.
 */
@Injectable()
export class SignerChecks {
  constructor(
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly users: Users,
    private readonly people: People,
    private readonly memberships: Memberships,
  ) {}

  async displayName(tenant: Tenant, userId: number): Promise<string> {
    return (await this.users.get(tenant, userId)).user.displayName;
  }

  /** The chair and each justerare once, and as many justerare as the organ elects. */
  async checkCount(tenant: Tenant, organId: number, signers: ProtocolSigners): Promise<void> {
    if (
      new Set([signers.chairUserId, ...signers.adjusterUserIds]).size !==
      signers.adjusterUserIds.length + 1
    ) {
      throw new ValidationProblem([
        { field: 'adjusterUserIds', message: 'the chair and each justerare once' },
      ]);
    }
    const organ = await this.organs.get(tenant, organId);
    if (signers.adjusterUserIds.length !== organ.adjustersCount) {
      throw new ValidationProblem([
        {
          field: 'adjusterUserIds',
          message: `${organ.name} elects ${organ.adjustersCount} justerare`,
        },
      ]);
    }
  }

  /**
   * Checks who is named to sign against the organ's seats on the meeting's day and the attendance
   * (see signerProblems): a 422 naming each problem.
   */
  async checkSeats(
    tenant: Tenant,
    meeting: Pick<Meeting, 'organId' | 'startsAt'>,
    signers: ProtocolSigners,
    attendance: Attendance | null,
  ): Promise<void> {
    const { timeZone } = await this.municipalities.getById(tenant.municipalityId);
    const day = localDate(meeting.startsAt, timeZone);
    const seats = (await this.memberships.listForOrgan(tenant, meeting.organId)).filter((seat) =>
      isActiveOn(seat, day),
    );
    const signer = async (userId: number, field: string): Promise<Signer> => {
      const { user } = await this.users.get(tenant, userId).catch(() => {
        throw new ValidationProblem([{ field, message: `no user ${userId}` }]);
      });
      if (user.personId === null) return { userId, name: null, seats: [] };
      const person = await this.people.get(tenant, user.personId);
      return {
        userId,
        name: person.name,
        seats: seats.filter((seat) => seat.personId === person.id).map((seat) => seat.role),
      };
    };
    const problems = signerProblems(
      await signer(signers.chairUserId, 'chairUserId'),
      await Promise.all(signers.adjusterUserIds.map((id) => signer(id, 'adjusterUserIds'))),
      attendance,
    );
    if (problems.length) throw new ValidationProblem(problems);
  }
}
