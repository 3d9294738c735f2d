import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { AppConfig } from '@nf/config';
import {
  addDays,
  Clock,
  formatSwedishDate,
  formatSwedishLongDate,
  type LocalDate,
  localDate,
  Tenant,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { workingDayOnOrAfter } from '@nf/protocols-jobs';
import { JobOutcome } from '@nf/queue';
import { Municipalities } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { Deadline, DeadlineKind, Wakeup, WakeupKind } from '../followup.entities';
import { Notifier } from '../notifier';
import { motionDeadlineTitle, publicTitleOf, secrecyOfRow } from '../secret-titles';
import { dateOf as dateOrNull, idOrNull } from '../sql-values';
import { wakeupInstant, WakeupRows } from './wakeup-rows';

/** The law behind each deadline, as the notices quote it. */
const LEGAL_BASIS: Record<DeadlineKind, (days: { justering: number; kf: number }) => string> = {
  justering: ({ justering }) =>
    `Protokollet ska justeras senast ${justering} dagar efter sammanträdet (5 kap. 69 § kommunallagen).`,
  anslag: () =>
    'Justeringen ska tillkännages på kommunens anslagstavla senast andra dagen efter justeringen (8 kap. 12 § kommunallagen).',
  'appeal-end': () =>
    'Ett överklagande ska ha kommit in inom tre veckor från den dag då justeringen tillkännagavs på anslagstavlan (13 kap. 5 § kommunallagen).',
  'motion-year': () =>
    'En motion bör beredas så att fullmäktige kan besluta inom ett år från det att den väcktes (5 kap. 35 § kommunallagen).',
  'kf-announcement': ({ kf }) =>
    `Tid och plats för fullmäktiges sammanträde ska tillkännages på anslagstavlan minst ${kf} dagar före sammanträdet (5 kap. 12 § kommunallagen).`,
};

interface Candidate {
  municipalityId: number;
  subjectType: Deadline['subjectType'];
  subjectId: number;
  organId: number | null;
  caseId: number | null;
  title: string;
  dueOn: LocalDate;
  /** Done already when first seen (the protocol was adjusted, the notice posted, …). */
  metAt: Date | null;
  moments: Array<{ kind: WakeupKind; day: LocalDate }>;
}

type Row = Record<string, unknown>;
const id = idOrNull;
const dateOf = (value: unknown): LocalDate => dateOrNull(value)!;

/** `date` plus whole months, the day clamped to the month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

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
    for (const candidate of await this.candidates(limit, zone)) {
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

  private async candidates(
    limit: number,
    zone: (municipalityId: number) => Promise<string>,
  ): Promise<Array<Candidate & { kind: DeadlineKind }>> {
    const periods = this.config.deadlines;
    const notRecorded = (kind: DeadlineKind, type: string, column: string) =>
      `NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.kind = '${kind}' AND d.subject_type = '${type}' AND d.subject_id = ${column})`;
    const result: Array<Candidate & { kind: DeadlineKind }> = [];
    const remindBefore = (due: LocalDate) =>
      periods.remindDaysBefore.map((days) => ({
        kind: 'remind' as const,
        day: addDays(due, -days),
      }));

    const meetings = (await this.dataSource.query(
      `SELECT m.id, m.municipality_id AS municipalityId, m.organ_id AS organId, m.starts_at AS startsAt,
              o.name AS organName, o.code AS organCode,
              ${notRecorded('justering', 'meeting', 'm.id')} AS needsJustering,
              ${notRecorded('kf-announcement', 'meeting', 'm.id')} AS needsAnnouncement,
              (SELECT MIN(p.adjusted_at) FROM protocols p WHERE p.meeting_id = m.id AND p.status = 'adjusted') AS adjustedAt,
              (SELECT MIN(s.published_at) FROM summonses s WHERE s.meeting_id = m.id) AS publishedAt
         FROM meetings m JOIN organs o ON o.id = m.organ_id
        WHERE m.status <> 'cancelled'
          AND (${notRecorded('justering', 'meeting', 'm.id')}
               OR (o.code = 'KF' AND ${notRecorded('kf-announcement', 'meeting', 'm.id')}))
        ORDER BY m.id LIMIT ?`,
      [limit],
    )) as Row[];
    for (const row of meetings) {
      const municipalityId = Number(row.municipalityId);
      const meetingOn = localDate(row.startsAt as Date, await zone(municipalityId));
      const base = {
        municipalityId,
        subjectType: 'meeting' as const,
        subjectId: Number(row.id),
        organId: Number(row.organId),
        caseId: null,
      };
      if (Number(row.needsJustering)) {
        const dueOn = workingDayOnOrAfter(addDays(meetingOn, periods.justeringWithinDays));
        result.push({
          ...base,
          kind: 'justering',
          title: `Justering av protokoll: ${row.organName as string} ${formatSwedishDate(meetingOn)}`,
          dueOn,
          metAt: (row.adjustedAt as Date | null) ?? null,
          moments: [...remindBefore(dueOn), { kind: 'late', day: addDays(dueOn, 1) }],
        });
      }
      if (row.organCode === 'KF' && Number(row.needsAnnouncement)) {
        const dueOn = addDays(meetingOn, -periods.kfAnnounceDaysBefore);
        result.push({
          ...base,
          kind: 'kf-announcement',
          title: `Kungörelse av sammanträde: ${row.organName as string} ${formatSwedishDate(meetingOn)}`,
          dueOn,
          metAt: (row.publishedAt as Date | null) ?? null,
          moments: [...remindBefore(dueOn), { kind: 'late', day: addDays(dueOn, 1) }],
        });
      }
    }

    const adjusted = (await this.dataSource.query(
      `SELECT p.id, p.municipality_id AS municipalityId, p.organ_id AS organId, p.adjusted_at AS adjustedAt,
              m.starts_at AS startsAt, o.name AS organName,
              (SELECT a.created_at FROM anslag a WHERE a.protocol_id = p.id) AS postedAt
         FROM protocols p JOIN meetings m ON m.id = p.meeting_id JOIN organs o ON o.id = p.organ_id
        WHERE p.status = 'adjusted' AND ${notRecorded('anslag', 'protocol', 'p.id')}
        ORDER BY p.id LIMIT ?`,
      [limit],
    )) as Row[];
    for (const row of adjusted) {
      const timeZone = await zone(Number(row.municipalityId));
      const adjustedOn = localDate(row.adjustedAt as Date, timeZone);
      const dueOn = workingDayOnOrAfter(addDays(adjustedOn, this.config.anslag.postWithinDays));
      result.push({
        kind: 'anslag',
        municipalityId: Number(row.municipalityId),
        subjectType: 'protocol',
        subjectId: Number(row.id),
        organId: Number(row.organId),
        caseId: null,
        title: `Anslag om justering: ${row.organName as string} ${formatSwedishDate(localDate(row.startsAt as Date, timeZone))}`,
        dueOn,
        metAt: (row.postedAt as Date | null) ?? null,
        moments: [{ kind: 'late', day: addDays(dueOn, 1) }],
      });
    }

    const posted = (await this.dataSource.query(
      `SELECT a.protocol_id AS id, a.municipality_id AS municipalityId, a.organ_id AS organId,
              a.meeting_date AS meetingDate, a.paragraphs, a.appeal_ends_on AS appealEndsOn, o.name AS organName
         FROM anslag a JOIN organs o ON o.id = a.organ_id
        WHERE ${notRecorded('appeal-end', 'protocol', 'a.protocol_id')}
        ORDER BY a.id LIMIT ?`,
      [limit],
    )) as Row[];
    for (const row of posted) {
      const dueOn = dateOf(row.appealEndsOn);
      result.push({
        kind: 'appeal-end',
        municipalityId: Number(row.municipalityId),
        subjectType: 'protocol',
        subjectId: Number(row.id),
        organId: Number(row.organId),
        caseId: null,
        title: `Sista dag för överklagande: ${row.organName as string} ${formatSwedishDate(dateOf(row.meetingDate))} ${row.paragraphs as string}`,
        dueOn,
        metAt: null,
        moments: [{ kind: 'passed', day: addDays(dueOn, 1) }],
      });
    }

    const motions = (await this.dataSource.query(
      `SELECT mo.case_id AS id, mo.municipality_id AS municipalityId, c.dnr, c.title AS caseTitle,
              c.secrecy_osl AS secrecyOsl, c.public_title AS publicTitle,
              mo.submitted_on AS submittedOn, mo.deadline_on AS deadlineOn, mo.answered_on AS answeredOn,
              COALESCE((SELECT k.id FROM organs k WHERE k.municipality_id = mo.municipality_id AND k.code = 'KF' LIMIT 1), c.organ_id) AS organId
         FROM motions mo JOIN cases c ON c.id = mo.case_id
        WHERE ${notRecorded('motion-year', 'case', 'mo.case_id')}
        ORDER BY mo.id LIMIT ?`,
      [limit],
    )) as Row[];
    for (const row of motions) {
      const submittedOn = dateOf(row.submittedOn);
      const dueOn = dateOf(row.deadlineOn);
      result.push({
        kind: 'motion-year',
        municipalityId: Number(row.municipalityId),
        subjectType: 'case',
        subjectId: Number(row.id),
        organId: id(row.organId),
        caseId: Number(row.id),
        // A deadline is told by e-mail and calendar: a secret motion by its public title.
        title: motionDeadlineTitle(row.dnr as string, publicTitleOf(secrecyOfRow(row))),
        dueOn,
        metAt: row.answeredOn ? new Date(`${dateOf(row.answeredOn)}T12:00:00Z`) : null,
        moments: [
          ...periods.motionRemindMonths
            .map((months) => ({ kind: 'remind' as const, day: addMonths(submittedOn, months) }))
            .filter((moment) => moment.day < dueOn),
          { kind: 'late', day: addDays(dueOn, 1) },
        ],
      });
    }
    return result;
  }

  /**
   * One deadline with its wake-ups, once (the unique key on kind and subject). A moment already
   * past when the deadline is first seen is not told afterwards, except a late notice (or the end
   * of a period) within the grace days: the demo's 2023 meetings do not flood anyone's inbox.
   */
  private async record(
    candidate: Candidate & { kind: DeadlineKind },
    timeZone: string,
  ): Promise<boolean> {
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
    const today = localDate(this.clock.now());
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.municipality_id AS municipalityId, 'met' AS outcome,
              (SELECT MIN(p.adjusted_at) FROM protocols p WHERE p.meeting_id = d.subject_id AND p.status = 'adjusted') AS metAt
         FROM deadlines d WHERE d.kind = 'justering' AND d.status = 'open'
          AND EXISTS (SELECT 1 FROM protocols p WHERE p.meeting_id = d.subject_id AND p.status = 'adjusted')
       UNION ALL
       SELECT d.id, d.municipality_id, 'met', (SELECT MIN(s.published_at) FROM summonses s WHERE s.meeting_id = d.subject_id)
         FROM deadlines d WHERE d.kind = 'kf-announcement' AND d.status = 'open'
          AND EXISTS (SELECT 1 FROM summonses s WHERE s.meeting_id = d.subject_id)
       UNION ALL
       SELECT d.id, d.municipality_id, 'met', a.created_at
         FROM deadlines d JOIN anslag a ON a.protocol_id = d.subject_id
        WHERE d.kind = 'anslag' AND d.status = 'open'
       UNION ALL
       SELECT d.id, d.municipality_id, 'met', TIMESTAMP(mo.answered_on, '12:00:00')
         FROM deadlines d JOIN motions mo ON mo.case_id = d.subject_id
        WHERE d.kind = 'motion-year' AND d.status = 'open' AND mo.answered_on IS NOT NULL
       UNION ALL
       SELECT d.id, d.municipality_id, 'cancelled', NULL
         FROM deadlines d JOIN meetings m ON m.id = d.subject_id
        WHERE d.kind IN ('justering', 'kf-announcement') AND d.status = 'open' AND m.status = 'cancelled'
       UNION ALL
       SELECT d.id, d.municipality_id, 'passed', NULL
         FROM deadlines d WHERE d.kind = 'appeal-end' AND d.status = 'open' AND d.due_on < ?
          AND NOT EXISTS (SELECT 1 FROM wakeups w WHERE w.deadline_id = d.id AND w.status = 'pending')
       LIMIT ?`,
      [today, limit],
    )) as Array<{
      id: number | string;
      municipalityId: number | string;
      outcome: 'met' | 'cancelled' | 'passed';
      metAt: Date | null;
    }>;
    let settled = 0;
    for (const row of rows) {
      const done = await this.transactions.run(async (tx) => {
        const deadline = await tx.findOne(Deadline, {
          where: { id: Number(row.id) },
          lock: { mode: 'pessimistic_write' },
        });
        if (!deadline || deadline.status !== 'open') return false;
        const metAt = row.outcome === 'met' ? (row.metAt ?? this.clock.now()) : null;
        await tx.update(Deadline, { id: deadline.id }, { status: row.outcome, metAt });
        const cancelled = await this.rows.cancelPending(tx, { deadlineId: deadline.id });
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
      const current = await this.rows.claim(tx, wakeup.id, wakeup.version);
      const deadline = await tx.findOne(Deadline, {
        where: { id: wakeup.deadlineId!, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!deadline || deadline.status !== 'open') {
        await tx.update(Wakeup, { id: current.id }, { status: 'cancelled' });
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
        const [row] = (await tx.query(
          `SELECT dnr, responsible_user_id AS userId, title AS caseTitle, secrecy_osl AS secrecyOsl,
                  public_title AS publicTitle
             FROM cases WHERE id = ? AND municipality_id = ?`,
          [deadline.caseId, tenant.municipalityId],
        )) as Array<Record<string, unknown>>;
        dnr = (row?.dnr as string | undefined) ?? null;
        if (row?.userId) recipients.push(Number(row.userId));
        // Marked secret after the deadline was recorded: told by its public title.
        if (row?.secrecyOsl) title = motionDeadlineTitle(dnr!, publicTitleOf(secrecyOfRow(row)));
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
          LEGAL_BASIS[deadline.kind](periods),
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
