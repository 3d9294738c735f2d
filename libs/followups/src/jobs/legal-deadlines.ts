import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { AppConfig } from '@nf/config';
import {
  Clock,
  formatSwedishDate,
  formatSwedishLongDate,
  type LocalDate,
  Tenant,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { JobOutcome } from '@nf/queue';
import { CaseQueries } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { Deadline, DeadlineKind, Wakeup } from '../followup.entities';
import { Candidate, DeadlineCandidates } from './deadline-candidates';
import { DeadlineSettlements } from './deadline-settlements';
import { Notifier } from '../notifier';
import { motionDeadlineTitle, publicTitleOf } from '../secret-titles';
import { wakeupInstant, WakeupRows } from './wakeup-rows';

/** Sweden's general elections: every fourth year in September (2022, 2026, …). */
export const isElectionYear = (year: number) => (year - 2022) % 4 === 0;

/** The law behind each deadline, as the notices quote it (a budget year's by its year). */
const LEGAL_BASIS: Record<
  DeadlineKind,
  (days: { justering: number; kf: number }, subjectId: number) => string
> = {
  justering: ({ justering }) =>
    `Protokollet ska justeras senast ${justering} dagar efter sammanträdet (5 kap. 69 § kommunallagen).`,
  anslag: () =>
    'Justeringen ska tillkännages på kommunens anslagstavla senast andra dagen efter justeringen (8 kap. 12 § kommunallagen).',
  'appeal-end': () =>
    'Ett överklagande ska ha kommit in inom tre veckor från den dag då justeringen tillkännagavs på anslagstavlan (13 kap. 5 § kommunallagen).',
  'motion-year': () =>
    'En motion bör beredas så att fullmäktige kan besluta inom ett år från det att den väcktes (5 kap. 35 § kommunallagen).',
  'remiss-answer': () =>
    'Remissen ska besvaras senast den dag avsändaren har angett; nämnden kan också avstå från att svara.',
  'kf-announcement': ({ kf }) =>
    `Tid och plats för fullmäktiges sammanträde ska tillkännages på anslagstavlan minst ${kf} dagar före sammanträdet (5 kap. 12 § kommunallagen).`,
  'budget-proposal': () =>
    'Styrelsen ska upprätta förslaget till budget före oktober månads utgång (11 kap. kommunallagen).',
  'budget-adoption': (_, budgetYear) =>
    `Fullmäktige ska fastställa budgeten före november månads utgång (11 kap. kommunallagen).${
      isElectionYear(budgetYear - 1)
        ? ` ${budgetYear - 1} är valår: budgeten fastställs av de nyvalda fullmäktige.`
        : ''
    }`,
  'annual-report': () =>
    'Årsredovisningen ska lämnas till fullmäktige och revisorerna senast den 15 april året efter det år den avser (lagen (2018:597) om kommunal bokföring och redovisning).',
};

function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * The legal deadlines of kommunallagen as records with reminders, derived from the rows they
 * follow: a meeting's justering (14 days), the notice of an adjusted protocol (by the second day),
 * the end of the appeal period (three weeks from posting, moved to a working day), a motion's year,
 * and KF's announcement (a week before). Derived once per subject (a unique key), settled when the
 * thing is done, reminded through the same wake-up rows as the obligations. Periods come from the
 * configuration; a period's last day moves to the next working day (lag 1930:173), except KF's
 * announcement, whose deadline counts backwards and must not move later.
 */
@Injectable()
export class LegalDeadlines {
  private readonly logger = new Logger(LegalDeadlines.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly rows: WakeupRows,
    private readonly notifier: Notifier,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly candidates: DeadlineCandidates,
    private readonly settlements: DeadlineSettlements,
    private readonly cases: CaseQueries,
  ) {}

  /** Records the deadlines not yet recorded, then settles those whose thing was done. */
  async derive(limit = 1_000): Promise<{ recorded: number; settled: number }> {
    let recorded = 0;
    // Each municipality's time zone once per derivation, for the candidates and their wake-ups.
    const zones = new Map<number, Promise<string>>();
    const zone = (municipalityId: number) => {
      let timeZone = zones.get(municipalityId);
      if (!timeZone) {
        timeZone = this.municipalities.getById(municipalityId).then((found) => found.timeZone);
        zones.set(municipalityId, timeZone);
      }
      return timeZone;
    };
    for (const candidate of await this.candidates.pending(limit, zone)) {
      const timeZone = await zone(candidate.municipalityId);
      // One that cannot be recorded (logged) does not hold up the others.
      const done = await this.record(candidate, timeZone).catch((error: Error) => {
        this.logger.error(
          `Deadline ${candidate.kind} of ${candidate.subjectType} ${candidate.subjectId}: not recorded (${error.message})`,
        );
        return false;
      });
      if (done) recorded++;
    }
    const settled = await this.settle(limit);
    if (recorded + settled > 0) {
      this.logger.log(`Legal deadlines: ${recorded} recorded, ${settled} settled`);
    }
    return { recorded, settled };
  }

  /**
   * One deadline with its wake-ups, once (the unique key on kind and subject). A moment already
   * past when the deadline is first seen is not told afterwards, except a late notice (or the end
   * of a period) within the grace days: the demo's 2023 meetings do not flood anyone's inbox.
   */
  private async record(candidate: Candidate, timeZone: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const now = this.clock.now();
      const status = candidate.metAt ? 'met' : 'open';
      const inserted = (await tx.query(
        `INSERT IGNORE INTO deadlines (municipality_id, kind, subject_type, subject_id, organ_id, case_id,
            title, due_on, status, met_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          candidate.municipalityId,
          candidate.kind,
          candidate.subjectType,
          candidate.subjectId,
          candidate.organId,
          candidate.caseId,
          candidate.title.slice(0, 500),
          candidate.dueOn,
          status,
          candidate.metAt,
          now,
        ],
      )) as { affectedRows: number; insertId: number | string };
      if (inserted.affectedRows !== 1) return false;
      const deadlineId = Number(inserted.insertId);
      const grace = this.config.deadlines.lateGraceDays * 86_400_000;
      let armed = 0;
      if (status === 'open') {
        for (const moment of candidate.moments) {
          const firesAt = wakeupInstant(moment.day, moment.kind, timeZone);
          const past = firesAt.getTime() < now.getTime();
          if (past && (moment.kind === 'remind' || firesAt.getTime() < now.getTime() - grace)) {
            continue;
          }
          await this.rows.add(tx, {
            municipalityId: candidate.municipalityId,
            occurrenceId: null,
            deadlineId,
            kind: moment.kind,
            offsetDays: daysBetween(moment.day, candidate.dueOn),
            firesAt,
          });
          armed++;
        }
      }
      await this.audit.record(tx, {
        action: 'deadline.recorded',
        entityType: 'deadline',
        entityId: deadlineId,
        municipalityId: candidate.municipalityId,
        after: {
          kind: candidate.kind,
          subject: `${candidate.subjectType}:${candidate.subjectId}`,
          dueOn: candidate.dueOn,
          status,
          wakeups: armed,
        },
      });
      return true;
    });
  }

  /**
   * Settles the open deadlines whose thing was done (met), whose meeting was cancelled, or whose
   * period ran out with nothing left to tell (passed); their pending wake-ups are cancelled.
   */
  private async settle(limit: number): Promise<number> {
    const rows = await this.settlements.due(limit);
    let settled = 0;
    for (const row of rows) {
      const done = await this.transactions.run(async (tx) => {
        const deadline = await tx.findOne(Deadline, {
          where: { id: row.id, municipalityId: row.municipalityId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!deadline || deadline.status !== 'open') return false;
        const metAt = row.outcome === 'met' ? (row.metAt ?? this.clock.now()) : null;
        await tx.update(Deadline, { id: deadline.id }, { status: row.outcome, metAt });
        const cancelled = await this.rows.cancelPending(tx, deadline, { deadlineId: deadline.id });
        await this.audit.record(tx, {
          action: `deadline.${row.outcome}`,
          entityType: 'deadline',
          entityId: deadline.id,
          municipalityId: deadline.municipalityId,
          before: { status: 'open' },
          after: {
            status: row.outcome,
            dueOn: deadline.dueOn,
            metAt: metAt?.toISOString() ?? null,
            cancelledWakeups: cancelled,
          },
        });
        return true;
      });
      if (done) settled++;
    }
    return settled;
  }

  /**
   * A deadline's wake-up, once: a reminder before it, a late notice after it to the organ's
   * secretaries (and for a motion its responsible official), or the end of the appeal period.
   */
  async wake(tenant: Tenant, wakeup: Wakeup): Promise<JobOutcome> {
    return this.transactions.run(async (tx) => {
      const current = await this.rows.claim(tx, tenant, wakeup.id, wakeup.version);
      const deadline = await tx.findOne(Deadline, {
        where: { id: wakeup.deadlineId!, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!deadline || deadline.status !== 'open') {
        await tx.update(
          Wakeup,
          { id: current.id, municipalityId: current.municipalityId },
          { status: 'cancelled' },
        );
        return { status: 'skipped', reason: `deadline ${wakeup.deadlineId} is settled` };
      }
      const recipients = await this.notifier.secretariesOf(
        tx,
        tenant.municipalityId,
        deadline.organId,
      );
      let dnr: string | null = null;
      let title = deadline.title;
      if (deadline.caseId !== null) {
        const record = await this.cases.repository.findById(tenant, deadline.caseId);
        dnr = record?.dnr ?? null;
        if (record?.responsibleUserId) recipients.push(record.responsibleUserId);
        // Marked secret after the deadline was recorded: told by its public title.
        if (record?.secrecyOsl) title = motionDeadlineTitle(record.dnr, publicTitleOf(record));
      }
      const periods = {
        justering: this.config.deadlines.justeringWithinDays,
        kf: this.config.deadlines.kfAnnounceDaysBefore,
      };
      const due = formatSwedishLongDate(deadline.dueOn);
      const notice = {
        remind: {
          subject: `Påminnelse: ${title}, senast ${formatSwedishDate(deadline.dueOn)}`,
          line: `Sista dag är ${due}.`,
        },
        late: {
          subject: `Försenat: ${title}`,
          line: `Sista dag var ${due}, och det är ännu inte gjort.`,
        },
        passed: {
          subject: `Tiden har gått ut: ${title}`,
          line: `Sista dag för överklagande var ${due}. Har inget överklagande kommit in har besluten vunnit laga kraft.`,
        },
        open: { subject: title, line: `Sista dag är ${due}.` },
      }[wakeup.kind];
      const told = await this.notifier.tell(tx, [...new Set(recipients)], {
        municipalityId: tenant.municipalityId,
        key: `wakeup:${wakeup.id}`,
        caseId: deadline.caseId,
        subject: notice.subject,
        body: [
          notice.line,
          LEGAL_BASIS[deadline.kind](periods, deadline.subjectId),
          ...(dnr ? [`Ärende: dnr ${dnr}.`] : []),
        ].join('\n'),
      });
      if (wakeup.kind === 'passed') {
        await tx.update(Deadline, { id: deadline.id }, { status: 'passed' });
        await this.audit.record(tx, {
          action: 'deadline.passed',
          entityType: 'deadline',
          entityId: deadline.id,
          municipalityId: deadline.municipalityId,
          before: { status: 'open' },
          after: { status: 'passed', dueOn: deadline.dueOn },
        });
      }
      await this.rows.done(tx, current, `deadline.${wakeup.kind}`);
      return { status: 'done', detail: `${deadline.kind} ${wakeup.kind}: ${told} told` };
    });
  }
}
