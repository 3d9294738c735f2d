import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { addDays, Clock, localDate, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { JobOutcome } from '@nf/queue';
import { CaseQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { casesById, groupByTenant } from '../case-facts';
import { DataSource } from 'typeorm';
import { Obligation, Occurrence, Wakeup, WakeupKind } from '../followup.entities';
import { AnnualFollowups } from '../annual-followups';
import { FollowupReports } from '../followup-reports';
import { Recurrence } from '../recurrence';
import { ClauseProposals } from './clause-proposals';
import { LegalDeadlines } from './legal-deadlines';
import { OccurrenceWakeups } from './occurrence-wakeups';
import { StaleWakeup, wakeupInstant, WakeupRows } from './wakeup-rows';

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
    private readonly reports: FollowupReports,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly cases: CaseQueries,
    private readonly organs: Organs,
    private readonly occurrences: OccurrenceWakeups,
  ) {}

  /** Plans the obligation's next occurrence and its wake-ups, unless one is scheduled or open. */
  async plan(tenant: Tenant, obligationId: number): Promise<Occurrence | null> {
    const { timeZone } = await this.municipalities.getById(tenant.municipalityId);
    return this.transactions.run(async (tx) => {
      const obligation = await tx.findOne(Obligation, {
        where: { id: obligationId, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!obligation || obligation.status !== 'active' || !obligation.firstDue) return null;
      const occurrences = await tx.find(Occurrence, {
        where: { obligationId, municipalityId: tenant.municipalityId },
        order: { dueOn: 'DESC' },
      });
      if (occurrences.some((occurrence) => occurrence.status !== 'fulfilled')) return null;
      const recurrence = Recurrence.of(obligation.rrule, obligation.firstDue);
      const dueOn = occurrences.length
        ? recurrence.after(occurrences[0].dueOn)
        : recurrence.first();
      const now = this.clock.now();
      if (!dueOn) {
        await tx.update(Obligation, { id: obligation.id }, { status: 'ended', updatedAt: now });
        await this.audit.record(tx, {
          action: 'obligation.ended',
          entityType: 'obligation',
          entityId: obligation.id,
          municipalityId: tenant.municipalityId,
          after: { lastDue: occurrences[0]?.dueOn ?? null },
        });
        return null;
      }
      const occurrence = await tx.save(
        tx.create(Occurrence, {
          municipalityId: tenant.municipalityId,
          obligationId,
          dueOn,
          opensOn: addDays(dueOn, -obligation.leadDays),
          status: 'scheduled',
          followUpCaseId: null,
          openedAt: null,
          fulfilledAt: null,
        }),
      );
      const moments: Array<{ kind: WakeupKind; offsetDays: number }> = [
        { kind: 'open', offsetDays: obligation.leadDays },
        ...obligation.reminderDays
          .filter((days) => days < obligation.leadDays)
          .map((days) => ({ kind: 'remind' as const, offsetDays: days })),
        { kind: 'late', offsetDays: -1 },
      ];
      for (const moment of moments) {
        await this.rows.add(tx, {
          municipalityId: tenant.municipalityId,
          occurrenceId: occurrence.id,
          deadlineId: null,
          kind: moment.kind,
          offsetDays: moment.offsetDays,
          firesAt: wakeupInstant(addDays(dueOn, -moment.offsetDays), moment.kind, timeZone),
        });
      }
      await this.audit.record(tx, {
        action: 'obligation.occurrence-planned',
        entityType: 'obligation',
        entityId: obligation.id,
        municipalityId: tenant.municipalityId,
        after: { occurrenceId: occurrence.id, dueOn, opensOn: occurrence.opensOn },
      });
      return occurrence;
    });
  }

  /** Moves a pending wake-up: its version goes up, so the job armed before finds nothing to do. */
  async reschedule(tenant: Tenant, wakeupId: number, firesAt: Date): Promise<void> {
    await this.transactions.run(async (tx) => {
      const wakeup = await tx.findOne(Wakeup, {
        where: { id: wakeupId, municipalityId: tenant.municipalityId, status: 'pending' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!wakeup) return;
      const before = wakeup.firesAt.toISOString();
      wakeup.firesAt = firesAt;
      wakeup.version += 1;
      await tx.update(Wakeup, { id: wakeup.id }, { firesAt, version: wakeup.version });
      await this.rows.arm(tx, wakeup);
      await this.audit.record(tx, {
        action: 'obligation.wakeup-rescheduled',
        entityType: 'wakeup',
        entityId: wakeup.id,
        municipalityId: tenant.municipalityId,
        before: { firesAt: before },
        after: { firesAt: firesAt.toISOString(), version: wakeup.version },
      });
    });
  }

  /**
   * Does a wake-up's work, once: only while it is pending at `version` and due. Opening registers
   * the follow-up case (with its dnr, linked to the original case) in the transaction that marks
   * the wake-up done; a reminder or a late notice goes to the inbox and by e-mail.
   */
  async wake(tenant: Tenant, wakeupId: number, version: number): Promise<JobOutcome> {
    const wakeup = await this.dataSource.manager.findOne(Wakeup, {
      where: { id: wakeupId, municipalityId: tenant.municipalityId },
    });
    if (!wakeup || wakeup.status !== 'pending' || wakeup.version !== version) {
      return { status: 'skipped', reason: `wake-up ${wakeupId} v${version} is not pending` };
    }
    if (wakeup.firesAt.getTime() > this.clock.now().getTime() + 1_000) {
      return { status: 'skipped', reason: `wake-up ${wakeupId} is not due yet` };
    }
    try {
      if (wakeup.deadlineId !== null) return await this.deadlines.wake(tenant, wakeup);
      return await this.occurrences.wake(tenant, wakeup);
    } catch (error) {
      if (error instanceof StaleWakeup) return { status: 'skipped', reason: error.message };
      throw error;
    }
  }

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
        await isolated(`planning obligation ${row.id}`, () => this.plan(tenant, Number(row.id)))
      ) {
        result.planned++;
      }
    }
    for (const row of await this.decidedFollowUps(limit)) {
      const tenant = { municipalityId: Number(row.municipalityId) };
      await isolated(`fulfilling occurrence ${row.id}`, async () => {
        await this.fulfil(tenant, Number(row.id));
        result.fulfilled++;
        if (await this.plan(tenant, Number(row.obligationId))) result.planned++;
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
        this.wake(tenant, Number(row.id), Number(row.version)),
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

  /** An occurrence whose follow-up was decided: fulfilled, its pending wake-ups cancelled. */
  async fulfil(tenant: Tenant, occurrenceId: number): Promise<void> {
    await this.transactions.run(async (tx) => {
      const occurrence = await tx.findOne(Occurrence, {
        where: { id: occurrenceId, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!occurrence || occurrence.status === 'fulfilled') return;
      const now = this.clock.now();
      await tx.update(Occurrence, { id: occurrence.id }, { status: 'fulfilled', fulfilledAt: now });
      const cancelled = await this.rows.cancelPending(tx, tenant, { occurrenceId: occurrence.id });
      await this.reports.finalize(tx, occurrence);
      await this.audit.record(tx, {
        action: 'obligation.fulfilled',
        entityType: 'obligation',
        entityId: occurrence.obligationId,
        municipalityId: tenant.municipalityId,
        after: {
          occurrenceId: occurrence.id,
          dueOn: occurrence.dueOn,
          fulfilledOn: localDate(now),
          cancelledWakeups: cancelled,
        },
      });
    });
  }
}
