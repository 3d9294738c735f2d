import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { addDays, Clock, formatSwedishDate, type LocalDate, localDate, Tenant } from '@nf/common';
import { workingDayOnOrAfter } from '@nf/protocols-jobs';
import { MeetingQueries, NoticeQueries } from '@nf/meetings';
import { ProtocolQueries } from '@nf/protocols';
import { CaseQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { MotionQueries } from '@nf/workflow';
import { DataSource } from 'typeorm';
import { casesById } from '../case-facts';
import { Deadline, DeadlineKind, WakeupKind } from '../followup.entities';
import { motionDeadlineTitle, publicTitleOf } from '../secret-titles';
import { dateOf as dateOrNull } from '../sql-values';

export interface Candidate {
  kind: DeadlineKind;
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

/**
 * The subjects of legal deadlines not yet recorded, read through their owners: meetings
 * (justering, KF's announcement), adjusted protocols (anslag), anslag (the end of the appeal
 * period) and motions (their year), with each deadline's due day and reminders.
 */
@Injectable()
export class DeadlineCandidates {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly meetings: MeetingQueries,
    private readonly protocols: ProtocolQueries,
    private readonly motions: MotionQueries,
    private readonly cases: CaseQueries,
    private readonly notices: NoticeQueries,
    private readonly clock: Clock,
  ) {}

  /**
   * The subjects not yet given their deadlines, tenant by tenant, read through their owners:
   * meetings (justering, KF's announcement), adjusted protocols (anslag), anslag (the end of the
   * appeal period) and motions (their year). Each source is read from a little before the newest
   * subjects already recorded (`LOOKBACK` of them), so that a subject committed out of order, or
   * one that could not be recorded, is met again without rereading a municipality's history.
   */
  async pending(
    limit: number,
    zone: (municipalityId: number) => Promise<string>,
  ): Promise<Array<Candidate>> {
    const result: Array<Candidate> = [];
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
  ): Promise<Array<Candidate>> {
    const periods = this.config.deadlines;
    const { municipalityId } = tenant;
    const result: Array<Candidate> = [];
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
    // A remiss with a day to answer by: reminded before it, late after it, met when answered or
    // declined (the secretaries of the organ it was sent to are told).
    const remisses = await this.notices.remissesAfter(
      tenant,
      await this.readFrom(tenant, 'notice', ['remiss-answer']),
      limit,
    );
    const remissRecorded = await this.recorded(
      tenant,
      'notice',
      remisses.map((remiss) => remiss.id),
    );
    for (const remiss of remisses) {
      if (remissRecorded.has(`remiss-answer:${remiss.id}`)) continue;
      const dueOn = dateOf(remiss.answerBy);
      result.push({
        kind: 'remiss-answer',
        municipalityId,
        subjectType: 'notice',
        subjectId: remiss.id,
        organId: remiss.organId,
        caseId: null,
        title: `Remissvar till ${remiss.sender}${remiss.dnr ? ` (dnr ${remiss.dnr})` : ''}: ${organs.get(remiss.organId)?.name ?? ''}`,
        dueOn,
        metAt: remiss.settledAt,
        moments: [...remindBefore(dueOn), { kind: 'late', day: addDays(dueOn, 1) }],
      });
    }
    result.push(...(await this.budgetYear(tenant, timeZone, [...organs.values()], remindBefore)));
    return result;
  }

  /**
   * This year's budget deadlines: the styrelse's proposal for next year's budget by the end of
   * October and KF's budget by the end of November (kommunallagen 11 kap.), and the annual report
   * on last year to KF and the auditors by 15 April (lagen om kommunal bokföring och redovisning),
   * each moved to a working day (lag 1930:173). One already due when first seen (a municipality
   * set up in December) is not recorded: whether it was met is not the system's to know.
   */
  private async budgetYear(
    tenant: Tenant,
    timeZone: string,
    organs: Array<{ id: number; kind: string }>,
    remindBefore: (due: LocalDate) => Array<{ kind: 'remind'; day: LocalDate }>,
  ): Promise<Candidate[]> {
    const today = localDate(this.clock.now(), timeZone);
    const year = Number(today.slice(0, 4));
    const styrelse = organs.find((organ) => organ.kind === 'styrelse');
    const fullmaktige = organs.find((organ) => organ.kind === 'fullmäktige');
    const wanted = [
      styrelse && {
        kind: 'budget-proposal' as const,
        subjectId: year + 1,
        organId: styrelse.id,
        title: `Styrelsens förslag till budget ${year + 1}`,
        dueOn: workingDayOnOrAfter(`${year}-10-31`),
      },
      fullmaktige && {
        kind: 'budget-adoption' as const,
        subjectId: year + 1,
        organId: fullmaktige.id,
        title: `Fullmäktiges beslut om budget ${year + 1}`,
        dueOn: workingDayOnOrAfter(`${year}-11-30`),
      },
      styrelse && {
        kind: 'annual-report' as const,
        subjectId: year - 1,
        organId: styrelse.id,
        title: `Årsredovisning ${year - 1} till fullmäktige och revisorerna`,
        dueOn: workingDayOnOrAfter(`${year}-04-15`),
      },
    ].filter((candidate) => candidate !== undefined && candidate.dueOn >= today);
    if (wanted.length === 0) return [];
    const recorded = await this.recorded(tenant, 'year', [year - 1, year + 1]);
    return wanted
      .filter((candidate) => !recorded.has(`${candidate!.kind}:${candidate!.subjectId}`))
      .map((candidate) => ({
        ...candidate!,
        municipalityId: tenant.municipalityId,
        subjectType: 'year' as const,
        caseId: null,
        metAt: null,
        moments: [
          // A month ahead as well: a budget proposal is not written in the last week.
          ...[
            ...new Set([
              addDays(candidate!.dueOn, -30),
              ...remindBefore(candidate!.dueOn).map((m) => m.day),
            ]),
          ].map((day) => ({ kind: 'remind' as const, day })),
          { kind: 'late' as const, day: addDays(candidate!.dueOn, 1) },
        ],
      }));
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
}
