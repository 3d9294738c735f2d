import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { ForbiddenProblem, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Municipalities, Organs } from '@nf/tenancy';
import { instantOf } from '../agenda-edits';
import { Meeting } from '../meeting.entities';
import { NewMeetings } from '../new-meetings';

/**
 * Plans a year's meetings of an organ in one go (the sammanträdesplan), each with its last day to
 * submit a tjänsteskrivelse. All or none.
 */
@Injectable()
export class PlanMeetings {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly newMeetings: NewMeetings,
  ) {}

  async execute(
    principal: Principal,
    organId: number,
    year: number,
    meetings: Array<{ startsAt: string; place: string }>,
  ): Promise<Meeting[]> {
    const organ = await this.organs.get(principal, organId);
    if (!principal.can(Permission.MeetingsManage, { organId: organ.id })) {
      throw new ForbiddenProblem('Meetings are planned by the secretary of the organ.');
    }
    const outside = meetings.filter((meeting) => !meeting.startsAt.startsWith(`${year}-`));
    if (outside.length > 0) {
      throw new ValidationProblem([
        {
          field: 'meetings',
          message: `not in ${year}: ${outside.map((meeting) => meeting.startsAt).join(', ')}`,
        },
      ]);
    }
    const municipality = await this.municipalities.getById(principal.municipalityId);
    return this.transactions.run(async (tx) => {
      const created: Meeting[] = [];
      for (const meeting of [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
        created.push(
          await this.newMeetings.insert(tx, principal, organ, municipality, {
            organId,
            place: meeting.place,
            startsAt: instantOf(meeting.startsAt, municipality.timeZone),
            endsAt: null,
          }),
        );
      }
      return created;
    });
  }
}
