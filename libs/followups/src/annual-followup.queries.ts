import { Injectable } from '@nestjs/common';
import { Clock, localDate, Tenant } from '@nf/common';
import { CaseQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { casesById } from './case-facts';
import { DataSource, EntityManager } from 'typeorm';
import { AnnualFollowupSettings, GOAL_ASSESSMENTS, ReportContent } from './followup.entities';
import { dateOf, idOrNull, jsonOf } from './sql-values';
import { DEFAULT_ANNUAL_FOLLOWUP } from './annual-followup.rules';

type Row = Record<string, unknown>;

/** The annual follow-ups' settings, and KS's overview of every board's. */
@Injectable()
export class AnnualFollowupQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organs: Organs,
    private readonly municipalities: Municipalities,
    private readonly clock: Clock,
    private readonly cases: CaseQueries,
  ) {}

  async settings(tenant: Tenant, manager: EntityManager = this.dataSource.manager) {
    const row = await manager.findOneBy(AnnualFollowupSettings, {
      municipalityId: tenant.municipalityId,
    });
    return {
      rrule: row?.rrule ?? DEFAULT_ANNUAL_FOLLOWUP.rrule,
      leadDays: row?.leadDays ?? DEFAULT_ANNUAL_FOLLOWUP.leadDays,
      reminderDays: row?.reminderDays ?? [...DEFAULT_ANNUAL_FOLLOWUP.reminderDays],
      reportOrganId: row?.reportOrganId ?? null,
      version: row?.version ?? 0,
    };
  }

  /** The municipality's styrelse (KS), which the annual follow-ups report to unless told otherwise. */
  async styrelseOf(tenant: Tenant): Promise<number | null> {
    const boards = (await this.organs.list(tenant)).filter(
      (organ) => organ.kind === 'styrelse' && organ.active,
    );
    return boards.length ? Math.min(...boards.map((organ) => organ.id)) : null;
  }

  /**
   * KS's overview of the annual follow-ups: each board's current occurrence (due, open, late),
   * its follow-up case and the state of its report, with the goals counted by assessment.
   */
  async overview(tenant: Tenant) {
    const { timeZone } = await this.municipalities.getById(tenant.municipalityId);
    const today = localDate(this.clock.now(), timeZone);
    const own = (await this.dataSource.query(
      `SELECT o.id, o.title, o.organ_id AS organId,
              o.responsible_user_id AS responsibleUserId, c.id AS occurrenceId, c.due_on AS dueOn,
              c.opens_on AS opensOn, c.status AS occurrenceStatus, c.follow_up_case_id AS followUpCaseId,
              r.id AS reportId, r.status AS reportStatus, r.content
         FROM obligations o
         LEFT JOIN obligation_occurrences c ON c.id = (
           SELECT MAX(x.id) FROM obligation_occurrences x WHERE x.obligation_id = o.id)
         LEFT JOIN followup_reports r ON r.occurrence_id = c.id
        WHERE o.municipality_id = ? AND o.kind = 'arsuppfoljning' AND o.status = 'active'
        ORDER BY o.id`,
      [tenant.municipalityId],
    )) as Row[];
    const organs = new Map((await this.organs.list(tenant)).map((organ) => [organ.id, organ.name]));
    const followUps = await casesById(
      this.cases,
      tenant,
      own.map((row) => idOrNull(row.followUpCaseId)),
    );
    // By the board's name (Swedish order), a board-less obligation first, as the database sorted.
    const rows: Row[] = own
      .map((row): Row & { organName: string | null } => ({
        ...row,
        organName: row.organId === null ? null : (organs.get(Number(row.organId)) ?? null),
        followUpDnr:
          row.followUpCaseId === null
            ? null
            : (followUps.get(Number(row.followUpCaseId))?.dnr ?? null),
      }))
      .sort(
        (a, b) =>
          Number(a.organName !== null) - Number(b.organName !== null) ||
          (a.organName ?? '').localeCompare(b.organName ?? '', 'sv') ||
          Number(a.id) - Number(b.id),
      );
    return {
      settings: await this.settings(tenant),
      boards: rows.map((row) => {
        const dueOn = dateOf(row.dueOn);
        const goals = jsonOf<ReportContent>(row.content)?.goals ?? [];
        return {
          obligationId: Number(row.id),
          title: String(row.title),
          organId: idOrNull(row.organId),
          organName: (row.organName as string | null) ?? null,
          responsibleUserId: idOrNull(row.responsibleUserId),
          occurrence:
            row.occurrenceId === null
              ? null
              : {
                  id: Number(row.occurrenceId),
                  dueOn,
                  opensOn: dateOf(row.opensOn),
                  status: String(row.occurrenceStatus),
                  late: row.occurrenceStatus !== 'fulfilled' && dueOn !== null && dueOn < today,
                  followUpDnr: (row.followUpDnr as string | null) ?? null,
                },
          report:
            row.reportId === null
              ? null
              : {
                  id: Number(row.reportId),
                  status: String(row.reportStatus),
                  goals: goals.length,
                  assessed: Object.fromEntries(
                    GOAL_ASSESSMENTS.map((assessment) => [
                      assessment,
                      goals.filter((goal) => goal.assessment === assessment).length,
                    ]),
                  ),
                },
        };
      }),
    };
  }
}
