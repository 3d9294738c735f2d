import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { assertCurrentVersion, Clock, type LocalDate, localDate, Tenant } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { Users } from '@nf/identity';
import { CaseQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { casesById } from './case-facts';
import { DataSource, EntityManager } from 'typeorm';
import { AnnualFollowupSettings, GOAL_ASSESSMENTS, ReportContent } from './followup.entities';
import { reminderSchedule } from './obligation-rules';
import { CreateObligation } from './use-cases/create-obligation.use-case';
import { Recurrence } from './recurrence';
import { dateOf, idOrNull, jsonOf } from './sql-values';

/**
 * Without settings of its own a municipality's boards report by the end of February, the case
 * opening in the first days of January (55 days before 28 February is 4 January; a weekend moves
 * it to the working day before, never into December, where nyårsafton and nyårsdagen would take
 * it), with reminders four, two and a half weeks before.
 */
export const DEFAULT_ANNUAL_FOLLOWUP = {
  rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
  leadDays: 55,
  reminderDays: [28, 14, 3],
} as const;

/** How long a new board is left to be given its annual follow-up by hand before the sweep does. */
const NEW_BOARD_GRACE_MS = 10 * 60_000;

/** The organ kinds that make an annual follow-up to KS: the styrelse and each nämnd. */
export const REPORTING_KINDS = ['styrelse', 'nämnd'] as const;

export interface AnnualSettingsChange {
  rrule: string;
  leadDays: number;
  reminderDays: number[];
  reportOrganId?: number | null;
  version?: number;
}

type Row = Record<string, unknown>;

/**
 * The annual follow-up (årsuppföljning): every board (the styrelse and each nämnd) has one
 * obligation to report to KS each year, on the municipality's rule. The sweep sets up the ones
 * missing (a new board gets its own); a change of the rule applies to every board's next
 * occurrence (one already planned keeps its dates).
 */
@Injectable()
export class AnnualFollowups {
  private readonly logger = new Logger(AnnualFollowups.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly createObligation: CreateObligation,
    private readonly organs: Organs,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly users: Users,
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

  /**
   * Sets the rule (and applies it to every board's annual obligation); `version` is the settings'
   * version as read (0 before the first change).
   */
  async updateSettings(principal: Principal, change: AnnualSettingsChange) {
    const today = localDate(this.clock.now());
    Recurrence.of(change.rrule, today);
    const reminderDays = reminderSchedule(change.leadDays, change.reminderDays);
    if (change.reportOrganId) await this.organs.get(principal, change.reportOrganId);
    return this.transactions.run(async (tx) => {
      const existing = await tx.findOne(AnnualFollowupSettings, {
        where: { municipalityId: principal.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      const before = await this.settings(principal, tx);
      assertCurrentVersion('annual follow-up settings', before.version, change.version);
      const fields = {
        rrule: change.rrule,
        leadDays: change.leadDays,
        reminderDays,
        reportOrganId: change.reportOrganId ?? null,
        updatedAt: this.clock.now(),
      };
      if (existing) {
        await tx.update(
          AnnualFollowupSettings,
          { municipalityId: principal.municipalityId },
          { ...fields, version: existing.version + 1 },
        );
      } else {
        await tx
          .insert(AnnualFollowupSettings, {
            municipalityId: principal.municipalityId,
            ...fields,
            version: 1,
          })
          .catch((error: unknown) => {
            // Another first change got there at the same moment: this one read version 0 in vain.
            if (isDuplicateKeyError(error)) {
              assertCurrentVersion('annual follow-up settings', 1, change.version);
            }
            throw error;
          });
      }
      const reportOrganId = fields.reportOrganId ?? (await this.styrelseOf(principal));
      const boards = (
        (await tx.query(
          `SELECT id FROM obligations WHERE municipality_id = ? AND kind = 'arsuppfoljning'
              AND status = 'active' ORDER BY id FOR UPDATE`,
          [principal.municipalityId],
        )) as Array<{ id: number | string }>
      ).map((row) => Number(row.id));
      if (boards.length) {
        await tx.query(
          `UPDATE obligations SET rrule = ?, lead_days = ?, reminder_days = ?, report_organ_id = ?,
                  updated_at = ?, version = version + 1
            WHERE id IN (?) AND municipality_id = ?`,
          [
            fields.rrule,
            fields.leadDays,
            JSON.stringify(reminderDays),
            reportOrganId,
            fields.updatedAt,
            boards,
            principal.municipalityId,
          ],
        );
      }
      await this.audit.record(tx, {
        action: 'annual-followups.settings-updated',
        entityType: 'municipality',
        entityId: principal.municipalityId,
        municipalityId: principal.municipalityId,
        before: { ...before, version: undefined },
        after: { ...fields, updatedAt: undefined, appliedToObligations: boards },
      });
      return this.settings(principal, tx);
    });
  }

  /**
   * Sets up the annual obligation of every board that lacks one; returns how many. A board is
   * left alone for its first ten minutes, so that whoever creates it (an administrator, the demo)
   * can give it an annual follow-up of its own first.
   */
  async ensure(limit = 100): Promise<number> {
    const settledBefore = this.clock.now().getTime() - NEW_BOARD_GRACE_MS;
    let created = 0;
    let tried = 0;
    // Tenant by tenant: a municipality has tens of organs, so its boards are one read each.
    for (const municipality of await this.municipalities.list()) {
      const tenant = { municipalityId: municipality.id };
      const boards = (await this.organs.list(tenant)).filter(
        (organ) =>
          organ.active &&
          (REPORTING_KINDS as readonly string[]).includes(organ.kind) &&
          organ.createdAt.getTime() <= settledBefore,
      );
      if (boards.length === 0) continue;
      const covered = new Set(
        (
          (await this.dataSource.query(
            `SELECT DISTINCT organ_id AS organId FROM obligations
              WHERE municipality_id = ? AND organ_id IN (?) AND kind = 'arsuppfoljning'
                AND status IN ('proposed', 'active')`,
            [tenant.municipalityId, boards.map((organ) => organ.id)],
          )) as Row[]
        ).map((row) => Number(row.organId)),
      );
      for (const organ of boards.filter((board) => !covered.has(board.id))) {
        if (tried++ >= limit) break;
        if (await this.setUp(tenant, organ.id)) created++;
      }
    }
    if (created > 0) this.logger.log(`Set up ${created} annual follow-up(s)`);
    return created;
  }

  /**
   * Sets up the board's annual follow-up unless it has one (the sweep, and the demo for its
   * boards; the board's row is the lock they meet at). By default the board's secretary answers
   * for it and it is first due on the rule's next date.
   */
  async setUp(
    tenant: Tenant,
    organId: number,
    options: { responsibleUserId?: number | null; firstDue?: LocalDate } = {},
  ): Promise<boolean> {
    const { timeZone } = await this.municipalities.getById(tenant.municipalityId);
    return this.transactions.run(async (tx) => {
      // The board's row is where two set-ups of one board meet: the second waits, then finds one.
      const organ = await this.organs.repository.getForUpdate(tx, tenant, organId);
      const [{ n }] = (await tx.query(
        `SELECT COUNT(*) AS n FROM obligations WHERE organ_id = ? AND municipality_id = ?
            AND kind = 'arsuppfoljning' AND status IN ('proposed', 'active')`,
        [organId, tenant.municipalityId],
      )) as Array<{ n: number | string }>;
      if (Number(n) > 0) return false;
      const settings = await this.settings(tenant, tx);
      // The board's own secretary (not one for every organ), the first given the role.
      const secretaries = await this.users.holdersOf(tenant, 'sekreterare', organId, tx, {
        organOnly: true,
      });
      const [secretary] = await this.users.contacts(tenant, secretaries, tx);
      await this.createObligation.execute(
        tenant,
        {
          kind: 'arsuppfoljning',
          title: `Årsuppföljning – ${organ.name}`,
          organId,
          responsibleUserId:
            options.responsibleUserId !== undefined
              ? options.responsibleUserId
              : secretary
                ? Number(secretary.id)
                : null,
          reportOrganId: settings.reportOrganId ?? (await this.styrelseOf(tenant)),
          rrule: settings.rrule,
          firstDue:
            options.firstDue ??
            Recurrence.of(settings.rrule, localDate(this.clock.now(), timeZone)).first(),
          leadDays: settings.leadDays,
          reminderDays: settings.reminderDays,
        },
        tx,
      );
      return true;
    });
  }

  private async styrelseOf(tenant: Tenant): Promise<number | null> {
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
