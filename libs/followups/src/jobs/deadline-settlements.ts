import { Injectable } from '@nestjs/common';
import { Clock, localDate, Tenant } from '@nf/common';
import { MeetingQueries, NoticeQueries } from '@nf/meetings';
import { ProtocolQueries } from '@nf/protocols';
import { Municipalities } from '@nf/tenancy';
import { MotionQueries } from '@nf/workflow';
import { DataSource } from 'typeorm';
import { Deadline, DeadlineKind } from '../followup.entities';
import { dateOf } from '../sql-values';

export /** An open deadline that is to be settled, and how. */
interface Settlement {
  id: number;
  municipalityId: number;
  outcome: 'met' | 'cancelled' | 'passed';
  metAt: Date | null;
}

/**
 * Which open deadlines are settled, and how: met (the thing was done, read from its owner),
 * cancelled (the meeting was), or passed (the appeal period ran out with nothing left to tell).
 */
@Injectable()
export class DeadlineSettlements {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly municipalities: Municipalities,
    private readonly meetings: MeetingQueries,
    private readonly protocols: ProtocolQueries,
    private readonly motions: MotionQueries,
    private readonly notices: NoticeQueries,
  ) {}

  /** The open deadlines to settle now, tenant by tenant, at most `limit`. */
  async due(limit: number): Promise<Settlement[]> {
    const rows: Settlement[] = [];
    for (const municipality of await this.municipalities.list()) {
      if (rows.length >= limit) break;
      rows.push(...(await this.settlementsOf({ municipalityId: municipality.id })));
    }
    return rows.slice(0, limit);
  }

  /**
   * The tenant's open deadlines whose thing was done (met), whose meeting was cancelled, or whose
   * period ran out with nothing left to tell (passed), from the owners' facts in one read each.
   */
  private async settlementsOf(tenant: Tenant): Promise<Settlement[]> {
    const open = await this.dataSource.manager.find(Deadline, {
      where: { municipalityId: tenant.municipalityId, status: 'open' },
      order: { id: 'ASC' },
    });
    if (open.length === 0) return [];
    const subjects = (kinds: DeadlineKind[]) =>
      open.filter((deadline) => kinds.includes(deadline.kind)).map((d) => d.subjectId);
    const meetingIds = subjects(['justering', 'kf-announcement']);
    const adjusted = await this.protocols.adjustedAtByMeeting(tenant, subjects(['justering']));
    const published = await this.meetings.firstPublishedAt(tenant, subjects(['kf-announcement']));
    const posted = await this.protocols.postedAtByProtocol(tenant, subjects(['anslag']));
    const motions = await this.motions.ofCases(tenant, subjects(['motion-year']));
    const remisses = await this.notices.settledAt(tenant, subjects(['remiss-answer']));
    const meetings = await this.meetings.byIds(tenant, meetingIds);
    const today = localDate(this.clock.now());
    const pendingWakeups = new Set(
      (
        (await this.dataSource.query(
          `SELECT DISTINCT deadline_id AS id FROM wakeups
            WHERE municipality_id = ? AND status = 'pending' AND deadline_id IN (?)`,
          [tenant.municipalityId, open.map((deadline) => deadline.id)],
        )) as Array<{ id: number | string }>
      ).map((row) => Number(row.id)),
    );
    const result: Settlement[] = [];
    for (const deadline of open) {
      const met: Date | undefined =
        deadline.kind === 'justering'
          ? adjusted.get(deadline.subjectId)
          : deadline.kind === 'kf-announcement'
            ? published.get(deadline.subjectId)
            : deadline.kind === 'anslag'
              ? posted.get(deadline.subjectId)
              : deadline.kind === 'remiss-answer'
                ? remisses.get(deadline.subjectId)
                : deadline.kind === 'motion-year' && motions.get(deadline.subjectId)?.answeredOn
                  ? new Date(`${dateOf(motions.get(deadline.subjectId)!.answeredOn)}T12:00:00Z`)
                  : undefined;
      if (met) {
        result.push({
          id: deadline.id,
          municipalityId: tenant.municipalityId,
          outcome: 'met',
          metAt: met,
        });
      } else if (
        (deadline.kind === 'justering' || deadline.kind === 'kf-announcement') &&
        meetings.get(deadline.subjectId)?.status === 'cancelled'
      ) {
        result.push({
          id: deadline.id,
          municipalityId: tenant.municipalityId,
          outcome: 'cancelled',
          metAt: null,
        });
      } else if (
        deadline.kind === 'appeal-end' &&
        deadline.dueOn < today &&
        !pendingWakeups.has(deadline.id)
      ) {
        result.push({
          id: deadline.id,
          municipalityId: tenant.municipalityId,
          outcome: 'passed',
          metAt: null,
        });
      }
    }
    return result;
  }
}
