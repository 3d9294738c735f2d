import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { addDays, Clock, localDate } from '@nf/common';
import { EntityManager } from 'typeorm';
import { CreateMeetingCommand, snapshot } from './agenda-edits';
import { AgendaTemplates } from './agenda-templates';
import { AgendaItem, Meeting } from './meeting.entities';

/**
 * A meeting of an organ, planned with its standing items and its last day to submit (a helper of
 * the planning use cases).
 */
@Injectable()
export class NewMeetings {
  constructor(
    private readonly templates: AgendaTemplates,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async insert(
    tx: EntityManager,
    principal: Principal,
    organ: { id: number; code: string; kind: string },
    municipality: { slug: string; timeZone: string },
    command: Omit<CreateMeetingCommand, 'startsAt' | 'endsAt'> & {
      startsAt: Date;
      endsAt: Date | null;
    },
  ): Promise<Meeting> {
    const { startsAt, endsAt } = command;
    const now = this.clock.now();
    const offset = this.templates.submissionDeadlineDays(municipality.slug, organ.code);
    const meeting = tx.create(Meeting, {
      municipalityId: principal.municipalityId,
      organId: organ.id,
      startsAt,
      endsAt,
      place: command.place,
      // KF's meetings are public by law (KL 5 kap. 38 §); a nämnd's only when it decided so.
      openToPublic: organ.kind === 'fullmäktige' || (command.openToPublic ?? false),
      secretaryName: command.secretaryName ?? null,
      chairName: command.chairName ?? null,
      submissionDeadline:
        offset === undefined ? null : addDays(localDate(startsAt, municipality.timeZone), -offset),
      status: 'planned',
      kallelseVersion: 0,
      agendaChangedAfterKallelse: false,
      cancelledReason: null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.save(meeting);
    const standing = this.templates.standingItems(
      municipality.slug,
      organ.code,
      Number(localDate(startsAt, municipality.timeZone).slice(5, 7)),
    );
    await tx.insert(
      AgendaItem,
      standing.map((item, index) => ({
        municipalityId: principal.municipalityId,
        meetingId: meeting.id,
        ordinal: index + 1,
        kind: item.kind,
        title: item.title,
        createdAt: now,
      })),
    );
    await this.audit.record(tx, {
      action: 'meeting.created',
      entityType: 'meeting',
      entityId: meeting.id,
      municipalityId: principal.municipalityId,
      after: {
        ...snapshot(meeting),
        submissionDeadline: meeting.submissionDeadline,
        standingItems: standing.length,
      },
    });
    return meeting;
  }
}
