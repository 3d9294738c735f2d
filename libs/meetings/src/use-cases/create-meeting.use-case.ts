import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { ForbiddenProblem, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Municipalities, Organs } from '@nf/tenancy';
import { CreateMeetingCommand, instantOf } from '../agenda-edits';
import { Meeting } from '../meeting.entities';
import { NewMeetings } from '../new-meetings';

/** Plans a meeting; its agenda starts with the organ's standing items. */
@Injectable()
export class CreateMeeting {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly newMeetings: NewMeetings,
  ) {}

  async execute(principal: Principal, command: CreateMeetingCommand): Promise<Meeting> {
    const organ = await this.organs.get(principal, command.organId);
    if (!principal.can(Permission.MeetingsManage, { organId: organ.id })) {
      throw new ForbiddenProblem('Meetings are planned by the secretary of the organ.');
    }
    const municipality = await this.municipalities.getById(principal.municipalityId);
    const startsAt = instantOf(command.startsAt, municipality.timeZone);
    const endsAt = command.endsAt ? instantOf(command.endsAt, municipality.timeZone) : null;
    if (endsAt && endsAt <= startsAt) {
      throw new ValidationProblem([{ field: 'endsAt', message: 'must be after startsAt' }]);
    }
    return this.transactions.run((tx) =>
      this.newMeetings.insert(tx, principal, organ, municipality, { ...command, startsAt, endsAt }),
    );
  }
}
