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
import { MeetingQueries } from '@nf/meetings';
import { ProtocolQueries } from '@nf/protocols';
import { CaseQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { Motions } from '@nf/workflow';
import { DataSource } from 'typeorm';
import { Deadline, DeadlineKind, Wakeup, WakeupKind } from '../followup.entities';
import { Notifier } from '../notifier';
import { casesById } from '../case-facts';
import { motionDeadlineTitle, publicTitleOf } from '../secret-titles';
import { dateOf as dateOrNull } from '../sql-values';
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

/** How many of the newest subjects already recorded each source is read again from. */
const LOOKBACK = 50;

/** An open deadline that is to be settled, and how. */
interface Settlement {
  id: number;
  municipalityId: number;
  outcome: 'met' | 'cancelled' | 'passed';
  metAt: Date | null;
}

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
    private readonly organs: Organs,
    private readonly meetings: MeetingQueries,
    private readonly protocols: ProtocolQueries,
    private readonly motions: Motions,
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

  /**
   * The subjects not yet given their deadlines, tenant by tenant, read through their owners:
   * meetings (justering, KF's announcement), adjusted protocols (anslag), anslag (the end of the
   * appeal period) and motions (their year). Each source is read from a little before the newest
   * subjects already recorded (`LOOKBACK` of them), so that a subject committed out of order, or
   * one that could not be recorded, is met again without rereading a municipality's history.
   */
  private async candidates(
    limit: number,
    zone: (municipalityId: number) => Promise<string>,
  ): Promise<Array<Candidate & { kind: DeadlineKind }>> {
    const result: Array<Candidate & { kind: DeadlineKind }> = [];
    for (const municipality of await this.municipalities.list()) {
      if (result.length >= limit) break;
      const tenant = { municipalityId: municipality.id };
      const timeZone = await zone(municipality.id);
      result.push(...(await this.candidatesOf(tenant, timeZone, limit)));
    }
    return result.slice(0, limit);
  }

  private async candidatesOf(
    tenant: Tenant,
    timeZone: string,
    limit: number,
  ): Promise<Array<Candidate & { kind: DeadlineKind }>> {
    const periods = this.config.deadlines;
    const { municipalityId } = tenant;
    const result: Array<Candidate & { kind: DeadlineKind }> = [];
    const remindBefore = (due: LocalDate) =>
      periods.remindDaysBefore.map((days) => ({
        kind: 'remind' as const,
        day: addDays(due, -days),
      }));
    const organs = new Map((await this.organs.list(tenant)).map((organ) => [organ.id, organ]));

    const meetings = (
      await this.meetings.createdAfter(
        tenant,
        await this.readFrom(tenant, 'meeting', ['justering', 'kf-announcement']),
        limit,
      )
    ).filter((meeting) => meeting.status !== 'cancelled');
    const meetingIds = meetings.map((meeting) => meeting.id);
    const recorded = await this.recorded(tenant, 'meeting', meetingIds);
    const adjusted = await this.protocols.adjustedAtByMeeting(tenant, meetingIds);
    const published = await this.meetings.firstPublishedAt(tenant, meetingIds);
    for (const meeting of meetings) {
      const organ = organs.get(meeting.organId);
      const meetingOn = localDate(meeting.startsAt, timeZone);
      const base = {
        municipalityId,
        subjectType: 'meeting' as const,
        subjectId: meeting.id,
        organId: meeting.organId,
        caseId: null,
      };
      if (!recorded.has(`justering:${meeting.id}`)) {
        const dueOn = workingDayOnOrAfter(addDays(meetingOn, periods.justeringWithinDays));
        result.push({
          ...base,
          kind: 'justering',
          title: `Justering av protokoll: ${organ?.name ?? ''} ${formatSwedishDate(meetingOn)}`,
          dueOn,
          metAt: adjusted.get(meeting.id) ?? null,
          moments: [...remindBefore(dueOn), { kind: 'late', day: addDays(dueOn, 1) }],
        });
      }
      if (organ?.code === 'KF' && !recorded.has(`kf-announcement:${meeting.id}`)) {
        const dueOn = addDays(meetingOn, -periods.kfAnnounceDaysBefore);
        result.push({
          ...base,
          kind: 'kf-announcement',
          title: `Kungörelse av sammanträde: ${organ.name} ${formatSwedishDate(meetingOn)}`,
          dueOn,
          metAt: published.get(meeting.id) ?? null,
          moments: [...remindBefore(dueOn), { kind: 'late', day: addDays(dueOn, 1) }],
        });
      }
    }

    const protocols = await this.protocols.adjustedAfter(
      tenant,
      await this.readFrom(tenant, 'protocol', ['anslag']),
      limit,
    );
    const protocolRecorded = await this.recorded(
      tenant,
      'protocol',
      protocols.map((protocol) => protocol.id),
    );
    const posted = await this.protocols.postedAtByProtocol(
      tenant,
      protocols.map((protocol) => protocol.id),
    );
    const held = await this.meetings.byIds(
      tenant,
      protocols.map((protocol) => protocol.meetingId),
    );
    for (const protocol of protocols) {
      if (protocolRecorded.has(`anslag:${protocol.id}`)) continue;
      const adjustedOn = localDate(protocol.adjustedAt, timeZone);
      const dueOn = workingDayOnOrAfter(addDays(adjustedOn, this.config.anslag.postWithinDays));
      const startsAt = held.get(protocol.meetingId)?.startsAt;
      result.push({
        kind: 'anslag',
        municipalityId,
        subjectType: 'protocol',
        subjectId: protocol.id,
        organId: protocol.organId,
        caseId: null,
        title:
          `Anslag om justering: ${organs.get(protocol.organId)?.name ?? ''} ${startsAt ? formatSwedishDate(localDate(startsAt, timeZone)) : ''}`.trim(),
        dueOn,
        metAt: posted.get(protocol.id) ?? null,
        moments: [{ kind: 'late', day: addDays(dueOn, 1) }],
      });
    }

    const notices = await this.protocols.postedAfter(
      tenant,
      await this.readFrom(tenant, 'protocol', ['appeal-end']),
      limit,
    );
    const noticeRecorded = await this.recorded(
      tenant,
      'protocol',
      notices.map((notice) => notice.protocolId),
    );
    for (const notice of notices) {
      if (noticeRecorded.has(`appeal-end:${notice.protocolId}`)) continue;
      const dueOn = dateOf(notice.appealEndsOn);
      result.push({
        kind: 'appeal-end',
        municipalityId,
        subjectType: 'protocol',
        subjectId: notice.protocolId,
        organId: notice.organId,
        caseId: null,
        title: `Sista dag för överklagande: ${organs.get(notice.organId)?.name ?? ''} ${formatSwedishDate(dateOf(notice.meetingDate))} ${notice.paragraphs}`,
        dueOn,
        metAt: null,
        moments: [{ kind: 'passed', day: addDays(dueOn, 1) }],
      });
    }

    const motions = await this.motions.registeredAfter(
      tenant,
      await this.readFrom(tenant, 'case', ['motion-year']),
      limit,
    );
    const motionRecorded = await this.recorded(
      tenant,
      'case',
      motions.map((motion) => motion.caseId),
    );
    const cases = await casesById(
      this.cases,
      tenant,
      motions.map((motion) => motion.caseId),
    );
    const kf = [...organs.values()].find((organ) => organ.code === 'KF');
    for (const motion of motions) {
      const record = cases.get(motion.caseId);
      if (!record || motionRecorded.has(`motion-year:${motion.caseId}`)) continue;
      const submittedOn = dateOf(motion.submittedOn);
      const dueOn = dateOf(motion.deadlineOn);
      result.push({
        kind: 'motion-year',
        municipalityId,
        subjectType: 'case',
        subjectId: motion.caseId,
        organId: kf?.id ?? record.organId,
        caseId: motion.caseId,
        // A deadline is told by e-mail and calendar: a secret motion by its public title.
        title: motionDeadlineTitle(record.dnr, publicTitleOf(record)),
        dueOn,
        metAt: motion.answeredOn ? new Date(`${dateOf(motion.answeredOn)}T12:00:00Z`) : null,
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
   * The subject id a source is read from: the `LOOKBACK`-th newest subject of these kinds already
   * recorded for the tenant (0, the beginning, while there are fewer).
   */
  private async readFrom(
    tenant: Tenant,
    subjectType: Deadline['subjectType'],
    kinds: DeadlineKind[],
  ): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT DISTINCT subject_id AS id FROM deadlines
        WHERE municipality_id = ? AND subject_type = ? AND kind IN (?)
        ORDER BY subject_id DESC LIMIT 1 OFFSET ?`,
      [tenant.municipalityId, subjectType, kinds, LOOKBACK - 1],
    )) as Array<{ id: number | string }>;
    return row ? Number(row.id) : 0;
  }

  /** Which of the subjects have which deadlines recorded already, as `kind:subjectId`. */
  private async recorded(
    tenant: Tenant,
    subjectType: Deadline['subjectType'],
    subjectIds: number[],
  ): Promise<Set<string>> {
    if (subjectIds.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT kind, subject_id AS id FROM deadlines
        WHERE municipality_id = ? AND subject_type = ? AND subject_id IN (?)`,
      [tenant.municipalityId, subjectType, subjectIds],
    )) as Array<{ kind: string; id: number | string }>;
    return new Set(rows.map((row) => `${row.kind}:${Number(row.id)}`));
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
    const rows: Settlement[] = [];
    for (const municipality of await this.municipalities.list()) {
      if (rows.length >= limit) break;
      rows.push(...(await this.settlementsOf({ municipalityId: municipality.id })));
    }
    rows.splice(limit);
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
