import { Injectable, Logger } from '@nestjs/common';
import { Clock, type LocalDate, localDate, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Users } from '@nf/identity';
import { Municipalities, Organs } from '@nf/tenancy';
import { AnnualFollowupQueries } from './annual-followup.queries';
import { NEW_BOARD_GRACE_MS, REPORTING_KINDS } from './annual-followup.rules';
import { DataSource } from 'typeorm';
import { CreateObligation } from './use-cases/create-obligation.use-case';
import { Recurrence } from './recurrence';

/**
 * Without settings of its own a municipality's boards report by the end of February, the case
 * opening in the first days of January (55 days before 28 February is 4 January; a weekend moves
 * it to the working day before, never into December, where nyårsafton and nyårsdagen would take
 * it), with reminders four, two and a half weeks before.
 */
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
    private readonly queries: AnnualFollowupQueries,
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly createObligation: CreateObligation,
    private readonly organs: Organs,
    private readonly municipalities: Municipalities,
    private readonly clock: Clock,
    private readonly users: Users,
  ) {}

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
  /** The board's annual follow-up (its obligation), if it has one set up. */
  async obligationOf(tenant: Tenant, organId: number): Promise<number | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id FROM obligations
        WHERE municipality_id = ? AND organ_id = ? AND kind = 'arsuppfoljning' AND status = 'active'`,
      [tenant.municipalityId, organId],
    )) as Array<{ id: number | string }>;
    return row ? Number(row.id) : null;
  }

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
      const settings = await this.queries.settings(tenant, tx);
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
          reportOrganId: settings.reportOrganId ?? (await this.queries.styrelseOf(tenant)),
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
}

export { DEFAULT_ANNUAL_FOLLOWUP, REPORTING_KINDS } from './annual-followup.rules';
export type { AnnualSettingsChange } from './annual-followup.rules';
