import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { AdoptDecidedPlans } from '@nf/plans';
import { CaseQueries } from '@nf/registry';
import { Organs } from '@nf/tenancy';
import { casesById, groupByTenant } from '../case-facts';
import { DataSource } from 'typeorm';
import { Obligation, Occurrence } from '../followup.entities';
import { AnnualFollowups } from '../annual-followups';
import { ClauseProposals } from './clause-proposals';
import { LegalDeadlines } from './legal-deadlines';
import { FulfilOccurrence } from './fulfil-occurrence.use-case';
import { PlanOccurrence } from './plan-occurrence.use-case';
import { WakeWakeup } from './wake-wakeup.use-case';
import { WakeupRows } from './wakeup-rows';

export interface SweepResult {
  /** Obligations proposed from decisions' follow-up clauses, waiting for a person to confirm. */
  proposed: number;
  planned: number;
  fulfilled: number;
  fired: number;
  /** Legal deadlines recorded, and those found met (or cancelled, or run out). */
  deadlines: number;
  settled: number;
  /** Annual follow-ups ended because their board is no longer active. */
  ended: number;
  /** Verksamhetsplaner adopted, their cases decided. */
  adopted: number;
  /** Pieces that failed (logged); the rest of the sweep went on without them. */
  failed: number;
}

/**
 * The follow-ups' schedule. The rows are the truth: an obligation's next occurrence with its
 * wake-ups (open the follow-up case ahead of the due date, remind the responsible official,
 * tell the secretaries when it is late). Each wake-up is armed as a delayed job carrying its
 * version; the job does its work only while the row is pending at that version, inside one
 * transaction with its notices (whose keys make them once-only). The sweep plans what has no
 * occurrence, fulfils what was decided, and fires what is due that no job woke.
 */
@Injectable()
export class FollowUpScheduler {
  private readonly logger = new Logger(FollowUpScheduler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly rows: WakeupRows,
    private readonly deadlines: LegalDeadlines,
    private readonly proposals: ClauseProposals,
    private readonly annual: AnnualFollowups,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly cases: CaseQueries,
    private readonly organs: Organs,
    private readonly planOccurrence: PlanOccurrence,
    private readonly fulfilOccurrence: FulfilOccurrence,
    private readonly wakeWakeup: WakeWakeup,
    private readonly adoptPlans: AdoptDecidedPlans,
  ) {}

  /**
   * The truth-based loop, run by a job scheduler and on the worker's own timer: plans the next
   * occurrence of every active obligation without one, fulfils the open occurrences whose
   * follow-up case is decided (and plans the next), and fires every pending wake-up that is due,
   * whether or not its job ever came (Redis flushed, workers down).
   */
  async sweep(limit = 1_000): Promise<SweepResult> {
    const result: SweepResult = {
      proposed: 0,
      planned: 0,
      fulfilled: 0,
      fired: 0,
      deadlines: 0,
      settled: 0,
      ended: 0,
      adopted: 0,
      failed: 0,
    };
    // Each piece on its own: one row that fails (a rule that no longer reads, say) is logged and
    // counted, and the rest of the sweep — above all the reminders that are due — goes on.
    const isolated = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await work();
      } catch (error) {
        result.failed++;
        this.logger.error(`Follow-up sweep: ${what} failed: ${(error as Error).message}`);
        return undefined;
      }
    };
    result.proposed = (await isolated('proposals', () => this.proposals.propose(limit))) ?? 0;
    // A plan adopted before the follow-ups that are drafted from it open.
    result.adopted = (await isolated('plans decided', () => this.adoptPlans.sweep(limit))) ?? 0;
    await isolated('annual follow-ups', () => this.annual.ensure());
    result.ended = (await isolated('inactive boards', () => this.endForInactiveBoards(limit))) ?? 0;
    const derived = await isolated('legal deadlines', () => this.deadlines.derive(limit));
    result.deadlines = derived?.recorded ?? 0;
    result.settled = derived?.settled ?? 0;
    const unplanned = (await this.dataSource.query(
      `SELECT o.id, o.municipality_id AS municipalityId FROM obligations o
        WHERE o.status = 'active' AND NOT EXISTS (
          SELECT 1 FROM obligation_occurrences c WHERE c.obligation_id = o.id AND c.status <> 'fulfilled')
        LIMIT ?`,
      [limit],
    )) as Array<{ id: number | string; municipalityId: number | string }>;
    for (const row of unplanned) {
      const tenant = { municipalityId: Number(row.municipalityId) };
      if (
        await isolated(`planning obligation ${row.id}`, () =>
          this.planOccurrence.execute(tenant, Number(row.id)),
        )
      ) {
        result.planned++;
      }
    }
    for (const row of await this.decidedFollowUps(limit)) {
      const tenant = { municipalityId: Number(row.municipalityId) };
      await isolated(`fulfilling occurrence ${row.id}`, async () => {
        await this.fulfilOccurrence.execute(tenant, Number(row.id));
        result.fulfilled++;
        if (await this.planOccurrence.execute(tenant, Number(row.obligationId))) result.planned++;
      });
    }
    const due = (await this.dataSource.query(
      `SELECT id, municipality_id AS municipalityId, version FROM wakeups
        WHERE status = 'pending' AND fires_at <= ? ORDER BY fires_at LIMIT ?`,
      [this.clock.now(), limit],
    )) as Array<{ id: number | string; municipalityId: number | string; version: number }>;
    for (const row of due) {
      const tenant = { municipalityId: Number(row.municipalityId) };
      const outcome = await isolated(`wake-up ${row.id}`, () =>
        this.wakeWakeup.execute(tenant, Number(row.id), Number(row.version)),
      );
      if (outcome?.status === 'done') result.fired++;
    }
    if (result.fired > 0) this.logger.log(`Follow-up sweep fired ${result.fired} wake-up(s)`);
    return result;
  }

  /**
   * A board that is no longer active (dissolved, merged) makes no more annual follow-ups: its
   * obligation ends and its pending reminders are cancelled; a follow-up case already open stays.
   */
  private async endForInactiveBoards(limit: number): Promise<number> {
    const annual = (await this.dataSource.query(
      `SELECT id, municipality_id AS municipalityId, organ_id AS organId FROM obligations
        WHERE kind = 'arsuppfoljning' AND status = 'active' AND organ_id IS NOT NULL ORDER BY id`,
    )) as Array<{ id: number | string; municipalityId: number | string; organId: number | string }>;
    const rows: typeof annual = [];
    for (const [municipalityId, ofTenant] of groupByTenant(annual)) {
      const active = new Set(
        (await this.organs.list({ municipalityId }))
          .filter((organ) => organ.active)
          .map((organ) => organ.id),
      );
      rows.push(...ofTenant.filter((row) => !active.has(Number(row.organId))));
    }
    rows.splice(limit);
    let ended = 0;
    for (const row of rows) {
      const done = await this.transactions.run(async (tx) => {
        const obligation = await tx.findOne(Obligation, {
          where: { id: Number(row.id), municipalityId: Number(row.municipalityId) },
          lock: { mode: 'pessimistic_write' },
        });
        if (!obligation || obligation.status !== 'active') return false;
        await tx.update(
          Obligation,
          { id: obligation.id, municipalityId: obligation.municipalityId },
          { status: 'ended', updatedAt: this.clock.now(), version: obligation.version + 1 },
        );
        let cancelled = 0;
        for (const occurrence of await tx.find(Occurrence, {
          where: { obligationId: obligation.id, municipalityId: obligation.municipalityId },
        })) {
          if (occurrence.status !== 'fulfilled') {
            cancelled += await this.rows.cancelPending(tx, obligation, {
              occurrenceId: occurrence.id,
            });
          }
        }
        await this.audit.record(tx, {
          action: 'obligation.ended',
          entityType: 'obligation',
          entityId: obligation.id,
          municipalityId: Number(row.municipalityId),
          before: { status: 'active' },
          after: { status: 'ended', reason: 'the board is no longer active', cancelled },
        });
        return true;
      });
      if (done) ended++;
    }
    return ended;
  }

  /** The open occurrences whose follow-up case the registry has decided (or closed). */
  private async decidedFollowUps(limit: number) {
    const open = (await this.dataSource.query(
      `SELECT id, municipality_id AS municipalityId, obligation_id AS obligationId,
              follow_up_case_id AS caseId
         FROM obligation_occurrences
        WHERE status = 'open' AND follow_up_case_id IS NOT NULL ORDER BY id`,
    )) as Array<{
      id: number | string;
      municipalityId: number | string;
      obligationId: number | string;
      caseId: number | string;
    }>;
    const decided: typeof open = [];
    for (const [municipalityId, ofTenant] of groupByTenant(open)) {
      const cases = await casesById(
        this.cases,
        { municipalityId },
        ofTenant.map((row) => Number(row.caseId)),
      );
      decided.push(
        ...ofTenant.filter((row) =>
          ['decided', 'closed'].includes(cases.get(Number(row.caseId))?.status ?? ''),
        ),
      );
    }
    return decided.slice(0, limit);
  }
}
