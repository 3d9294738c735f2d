import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  addDays,
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  ForbiddenProblem,
  formatSwedishLongDate,
  formatSwedishTime,
  localDate,
  NotFoundProblem,
  ValidationProblem,
  zonedDateTimeToInstant,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { CaseQueries, titleFor, withClassification } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { AgendaPlacements } from '@nf/workflow';
import { EntityManager, In, IsNull } from 'typeorm';
import { AgendaTemplates } from './agenda-templates';
import {
  AgendaItem,
  DelegationDecision,
  Meeting,
  Notice,
  Summons,
  SummonsContent,
  SummonsItem,
} from './meeting.entities';

export interface CreateMeetingCommand {
  organId: number;
  /** Local date and time, `2023-12-11T09:00`. */
  startsAt: string;
  endsAt?: string | null;
  place: string;
  secretaryName?: string | null;
  chairName?: string | null;
}

export type AddAgendaItemCommand =
  | { kind: 'case'; caseId: number; closedOsl?: string | null }
  | { kind: 'information'; title: string; closedOsl?: string | null };

export interface UpdateAgendaItemCommand {
  title?: string;
  closedOsl?: string | null;
  /** A case the item refers to without being its route step (the Meddelanden item's own case). */
  caseId?: number | null;
}

const OPEN_STATUSES = ['planned', 'summoned'] as const;

/** "2023-12-11T09:00" in the municipality's zone → the instant. */
function instantOf(local: string, timeZone: string): Date {
  const [date, time] = local.split('T');
  return zonedDateTimeToInstant(date, time.slice(0, 5), timeZone);
}

function snapshot(meeting: Meeting) {
  return {
    organId: meeting.organId,
    startsAt: meeting.startsAt.toISOString(),
    place: meeting.place,
    status: meeting.status,
    summonsVersion: meeting.summonsVersion,
  };
}

/** The meeting locked for an agenda edit: of the tenant, open, the caller's, and not stale. */
async function lockForEdit(
  tx: EntityManager,
  principal: Principal,
  meetingId: number,
  expectedVersion: number | undefined,
): Promise<Meeting> {
  const meeting = await tx.findOne(Meeting, {
    where: { id: meetingId, municipalityId: principal.municipalityId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!meeting) throw new NotFoundProblem('meeting', meetingId);
  if (!principal.can(Permission.MeetingsManage, { organId: meeting.organId })) {
    throw new ForbiddenProblem('The agenda is kept by the secretary of the organ.');
  }
  if (!(OPEN_STATUSES as readonly string[]).includes(meeting.status)) {
    throw new ConflictProblem('meeting-closed', `The meeting is ${meeting.status}.`);
  }
  assertCurrentVersion('agenda', meeting.version, expectedVersion);
  return meeting;
}

/** Saves the edit's new version of the meeting; after a kallelse, a tilläggskallelse is due. */
async function touch(tx: EntityManager, meeting: Meeting, now: Date): Promise<void> {
  // Later than the last edit, even within its millisecond: the save then always writes the row,
  // so the version goes up and a second edit with the same version is refused.
  meeting.updatedAt = new Date(Math.max(now.getTime(), meeting.updatedAt.getTime() + 1));
  if (meeting.summonsVersion > 0) meeting.agendaChangedAfterSummons = true;
  await tx.save(meeting);
}

async function itemsOf(tx: EntityManager, meeting: Meeting): Promise<AgendaItem[]> {
  return tx.find(AgendaItem, {
    where: { meetingId: meeting.id, municipalityId: meeting.municipalityId },
    order: { ordinal: 'ASC' },
  });
}

/** Takes the case off the open agenda it was on: it is ready for the organ again. */
async function releaseCase(
  tx: EntityManager,
  placements: AgendaPlacements,
  item: AgendaItem,
): Promise<void> {
  if (item.kind !== 'case' || item.routeStepId === null) return;
  await placements.release(tx, item, item.routeStepId, item.meetingId);
}

@Injectable()
export class MeetingCommands {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly templates: AgendaTemplates,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly cases: CaseQueries,
    private readonly placements: AgendaPlacements,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Plans a meeting; its agenda starts with the organ's standing items. */
  async create(principal: Principal, command: CreateMeetingCommand): Promise<Meeting> {
    const organ = await this.organs.get(principal, command.organId);
    if (!principal.can(Permission.MeetingsManage, { organId: organ.id })) {
      throw new ForbiddenProblem('Meetings are planned by the secretary of the organ.');
    }
    const municipality = await this.municipalities.getById(principal.municipalityId);
    const startsAt = instantOf(command.startsAt, municipality.timeZone);
    const endsAt = command.endsAt ? instantOf(command.endsAt, municipality.timeZone) : null;
    if (endsAt && endsAt <= startsAt) {
      throw new ValidationProblem([{ field: 'endsAt', message: 'must be after startsAt' }]);
    }
    return this.transactions.run((tx) =>
      this.insertMeeting(tx, principal, organ, municipality, { ...command, startsAt, endsAt }),
    );
  }

  /**
   * Plans a year's meetings of an organ in one go (the sammanträdesplan), each with its last day to
   * submit a tjänsteskrivelse. All or none.
   */
  async plan(
    principal: Principal,
    organId: number,
    year: number,
    meetings: Array<{ startsAt: string; place: string }>,
  ): Promise<Meeting[]> {
    const organ = await this.organs.get(principal, organId);
    if (!principal.can(Permission.MeetingsManage, { organId: organ.id })) {
      throw new ForbiddenProblem('Meetings are planned by the secretary of the organ.');
    }
    const outside = meetings.filter((meeting) => !meeting.startsAt.startsWith(`${year}-`));
    if (outside.length > 0) {
      throw new ValidationProblem([
        {
          field: 'meetings',
          message: `not in ${year}: ${outside.map((meeting) => meeting.startsAt).join(', ')}`,
        },
      ]);
    }
    const municipality = await this.municipalities.getById(principal.municipalityId);
    return this.transactions.run(async (tx) => {
      const created: Meeting[] = [];
      for (const meeting of [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
        created.push(
          await this.insertMeeting(tx, principal, organ, municipality, {
            organId,
            place: meeting.place,
            startsAt: instantOf(meeting.startsAt, municipality.timeZone),
            endsAt: null,
          }),
        );
      }
      return created;
    });
  }

  private async insertMeeting(
    tx: EntityManager,
    principal: Principal,
    organ: { id: number; code: string },
    municipality: { slug: string; timeZone: string },
    command: Omit<CreateMeetingCommand, 'startsAt' | 'endsAt'> & {
      startsAt: Date;
      endsAt: Date | null;
    },
  ): Promise<Meeting> {
    const { startsAt, endsAt } = command;
    const now = this.clock.now();
    const offset = this.templates.submissionDeadlineDays(municipality.slug, organ.code);
    const meeting = tx.create(Meeting, {
      municipalityId: principal.municipalityId,
      organId: organ.id,
      startsAt,
      endsAt,
      place: command.place,
      secretaryName: command.secretaryName ?? null,
      chairName: command.chairName ?? null,
      submissionDeadline:
        offset === undefined ? null : addDays(localDate(startsAt, municipality.timeZone), -offset),
      status: 'planned',
      summonsVersion: 0,
      agendaChangedAfterSummons: false,
      cancelledReason: null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.save(meeting);
    const standing = this.templates.standingItems(municipality.slug, organ.code);
    await tx.insert(
      AgendaItem,
      standing.map((item, index) => ({
        municipalityId: principal.municipalityId,
        meetingId: meeting.id,
        ordinal: index + 1,
        kind: item.kind,
        title: item.title,
        createdAt: now,
      })),
    );
    await this.audit.record(tx, {
      action: 'meeting.created',
      entityType: 'meeting',
      entityId: meeting.id,
      municipalityId: principal.municipalityId,
      after: {
        ...snapshot(meeting),
        submissionDeadline: meeting.submissionDeadline,
        standingItems: standing.length,
      },
    });
    return meeting;
  }

  /**
   * Adds a case from the organ's ready list (at most one open agenda: taken by compare-and-set on
   * its route step) or an information item, at the end of the agenda.
   */
  async addItem(
    principal: Principal,
    meetingId: number,
    command: AddAgendaItemCommand,
    expectedVersion: number,
  ): Promise<AgendaItem> {
    return this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const now = this.clock.now();
      const items = await itemsOf(tx, meeting);
      const item = tx.create(AgendaItem, {
        municipalityId: principal.municipalityId,
        meetingId: meeting.id,
        ordinal: items.length + 1,
        kind: command.kind,
        title: command.kind === 'information' ? command.title : '',
        caseId: null,
        routeStepId: null,
        routeRound: null,
        proposalText: null,
        closedOsl: command.closedOsl ?? null,
        createdAt: now,
      });
      if (command.kind === 'case') {
        const record = await this.cases.repository.getById(principal, command.caseId, tx);
        const step = await this.placements.place(tx, principal, {
          caseId: record.id,
          dnr: record.dnr,
          organId: meeting.organId,
          meetingId: meeting.id,
        });
        Object.assign(item, {
          title: record.title,
          caseId: record.id,
          ...step,
          closedOsl: command.closedOsl ?? record.secrecyOsl,
        });
      }
      await tx.save(item);
      await touch(tx, meeting, now);
      await this.audit.record(tx, {
        action: 'agenda.item-added',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        after: { itemId: item.id, ordinal: item.ordinal, kind: item.kind, caseId: item.caseId },
      });
      return item;
    });
  }

  async updateItem(
    principal: Principal,
    meetingId: number,
    itemId: number,
    command: UpdateAgendaItemCommand,
    expectedVersion: number,
  ): Promise<AgendaItem> {
    return this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const item = await tx.findOne(AgendaItem, {
        where: { id: itemId, meetingId: meeting.id, municipalityId: meeting.municipalityId },
      });
      if (!item) throw new NotFoundProblem('agenda item', itemId);
      const before = { title: item.title, closedOsl: item.closedOsl, caseId: item.caseId };
      if (command.caseId !== undefined) {
        if (item.kind === 'case') {
          throw new ConflictProblem(
            'item-case-fixed',
            'A case item keeps its case; remove it instead.',
          );
        }
        if (command.caseId !== null)
          await this.cases.repository.getById(principal, command.caseId, tx);
        item.caseId = command.caseId;
      }
      if (command.title !== undefined) item.title = command.title;
      if (command.closedOsl !== undefined) {
        const record =
          item.caseId === null
            ? null
            : await this.cases.repository.getById(principal, item.caseId, tx);
        if (command.closedOsl === null && record?.secrecyOsl) {
          throw new ValidationProblem([
            {
              field: 'closedOsl',
              message: `the case is secret (${record.secrecyOsl}); its item stays closed`,
            },
          ]);
        }
        item.closedOsl = command.closedOsl;
      }
      await tx.save(item);
      await touch(tx, meeting, this.clock.now());
      await this.audit.record(tx, {
        action: 'agenda.item-updated',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before: { itemId: item.id, ...before },
        after: {
          itemId: item.id,
          title: item.title,
          closedOsl: item.closedOsl,
          caseId: item.caseId,
        },
      });
      return item;
    });
  }

  /** Removes an item; a case goes back to the organ's ready list. */
  async removeItem(
    principal: Principal,
    meetingId: number,
    itemId: number,
    expectedVersion: number,
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const items = await itemsOf(tx, meeting);
      const item = items.find((candidate) => candidate.id === itemId);
      if (!item) throw new NotFoundProblem('agenda item', itemId);
      await releaseCase(tx, this.placements, item);
      await tx.delete(AgendaItem, { id: item.id, municipalityId: item.municipalityId });
      await this.renumber(
        tx,
        items.filter((candidate) => candidate.id !== item.id),
      );
      await touch(tx, meeting, this.clock.now());
      await this.audit.record(tx, {
        action: 'agenda.item-removed',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before: { itemId: item.id, ordinal: item.ordinal, kind: item.kind, caseId: item.caseId },
      });
    });
  }

  /**
   * Moves an item to another open meeting of the same organ (at the end of its agenda). Both
   * agendas are locked in id order and both versions checked; a case moves with its place.
   */
  async moveItem(
    principal: Principal,
    meetingId: number,
    itemId: number,
    target: { meetingId: number; version: number },
    expectedVersion: number,
  ): Promise<AgendaItem> {
    if (target.meetingId === meetingId) {
      throw new ValidationProblem([{ field: 'toMeetingId', message: 'is the same meeting' }]);
    }
    return this.transactions.run(async (tx) => {
      const [first, second] = [meetingId, target.meetingId].sort((a, b) => a - b);
      const locked = new Map<number, Meeting>();
      locked.set(
        first,
        await lockForEdit(
          tx,
          principal,
          first,
          first === meetingId ? expectedVersion : target.version,
        ),
      );
      locked.set(
        second,
        await lockForEdit(
          tx,
          principal,
          second,
          second === meetingId ? expectedVersion : target.version,
        ),
      );
      const source = locked.get(meetingId)!;
      const destination = locked.get(target.meetingId)!;
      if (source.organId !== destination.organId) {
        throw new ConflictProblem(
          'other-organ',
          'An item moves only between meetings of the same organ.',
        );
      }
      const items = await itemsOf(tx, source);
      const item = items.find((candidate) => candidate.id === itemId);
      if (!item) throw new NotFoundProblem('agenda item', itemId);
      const from = { meetingId: source.id, ordinal: item.ordinal };
      if (item.kind === 'case' && item.routeStepId !== null) {
        const moved = await this.placements.move(
          tx,
          source,
          item.routeStepId,
          source.id,
          destination.id,
        );
        if (!moved)
          throw new ConflictProblem('case-moved', 'The case is no longer on this agenda.');
      }
      await this.renumber(
        tx,
        items.filter((candidate) => candidate.id !== item.id),
      );
      item.meetingId = destination.id;
      item.ordinal = (await itemsOf(tx, destination)).length + 1;
      await tx.save(item);
      const now = this.clock.now();
      await touch(tx, source, now);
      await touch(tx, destination, now);
      await this.audit.record(tx, {
        action: 'agenda.item-moved',
        entityType: 'meeting',
        entityId: source.id,
        municipalityId: principal.municipalityId,
        before: { itemId: item.id, ...from },
        after: { itemId: item.id, meetingId: destination.id, ordinal: item.ordinal },
      });
      return item;
    });
  }

  /** Puts the items in the given order; the list must name every item once. */
  async reorder(
    principal: Principal,
    meetingId: number,
    itemIds: number[],
    expectedVersion: number,
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const items = await itemsOf(tx, meeting);
      const byId = new Map(items.map((item) => [item.id, item]));
      if (
        itemIds.length !== items.length ||
        new Set(itemIds).size !== itemIds.length ||
        itemIds.some((id) => !byId.has(id))
      ) {
        throw new ValidationProblem([
          { field: 'itemIds', message: 'must list every item of the agenda once' },
        ]);
      }
      const before = items.map((item) => item.id);
      await this.renumber(
        tx,
        itemIds.map((id) => byId.get(id)!),
      );
      await touch(tx, meeting, this.clock.now());
      await this.audit.record(tx, {
        action: 'agenda.reordered',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before: { itemIds: before },
        after: { itemIds },
      });
    });
  }

  /** Cancels the meeting: its cases return to the ready list, its notices and decisions wait for the next. */
  async cancel(
    principal: Principal,
    meetingId: number,
    reason: string,
    expectedVersion: number,
  ): Promise<Meeting> {
    return this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const before = snapshot(meeting);
      for (const item of await itemsOf(tx, meeting)) await releaseCase(tx, this.placements, item);
      await tx.update(
        Notice,
        { meetingId: meeting.id, municipalityId: meeting.municipalityId },
        { meetingId: null },
      );
      await tx.update(
        DelegationDecision,
        { meetingId: meeting.id, municipalityId: meeting.municipalityId },
        { meetingId: null },
      );
      meeting.status = 'cancelled';
      meeting.cancelledReason = reason;
      meeting.updatedAt = this.clock.now();
      await tx.save(meeting);
      await this.audit.record(tx, {
        action: 'meeting.cancelled',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before,
        after: { ...snapshot(meeting), reason },
      });
      return meeting;
    });
  }

  /**
   * Publishes the kallelse: the agenda frozen as it is now (with the notices and delegation
   * decisions it collects), rendered to PDF and DOCX by a job. Publishing again after a change
   * makes a tilläggskallelse. For KF, a warning when less than a week remains (KL 5:12).
   */
  async publish(
    principal: Principal,
    meetingId: number,
    expectedVersion: number,
  ): Promise<{ meeting: Meeting; summons: Summons; warnings: string[] }> {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    return this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      if (meeting.summonsVersion > 0 && !meeting.agendaChangedAfterSummons) {
        throw new ConflictProblem(
          'summons-unchanged',
          'The agenda has not changed since the kallelse was published.',
        );
      }
      const organ = await this.organs.get(principal, meeting.organId);
      const now = this.clock.now();
      const meetingDay = localDate(meeting.startsAt, municipality.timeZone);
      const open = {
        organId: organ.id,
        meetingId: IsNull(),
      };
      const waitingNotices = await tx.find(Notice, {
        where: { ...open, municipalityId: principal.municipalityId },
        order: { receivedOn: 'ASC', id: 'ASC' },
      });
      const waitingDecisions = await tx.find(DelegationDecision, {
        where: { ...open, municipalityId: principal.municipalityId },
        order: { id: 'ASC' },
      });
      if (waitingNotices.length) {
        await tx.update(
          Notice,
          { id: In(waitingNotices.map((row) => row.id)), municipalityId: meeting.municipalityId },
          { meetingId: meeting.id },
        );
      }
      if (waitingDecisions.length) {
        await tx.update(
          DelegationDecision,
          { id: In(waitingDecisions.map((row) => row.id)), municipalityId: meeting.municipalityId },
          { meetingId: meeting.id },
        );
      }
      const notices = await tx.find(Notice, {
        where: { meetingId: meeting.id, municipalityId: meeting.municipalityId },
        order: { receivedOn: 'ASC', id: 'ASC' },
      });
      const decisions = await tx.find(DelegationDecision, {
        where: { meetingId: meeting.id, municipalityId: meeting.municipalityId },
        order: { id: 'ASC' },
      });
      const items = await itemsOf(tx, meeting);
      const caseIds = items.map((item) => item.caseId).filter((id): id is number => id !== null);
      const cases = new Map(
        (caseIds.length
          ? await this.cases.repository.find(principal, { id: In(caseIds) })
          : []
        ).map((record) => [record.id, record]),
      );
      const content: SummonsContent = {
        municipality: municipality.name,
        organ: { code: organ.code, name: organ.name, kind: organ.kind },
        versionNo: meeting.summonsVersion + 1,
        dateText: formatSwedishLongDate(meetingDay),
        timeText: formatSwedishTime(meeting.startsAt, municipality.timeZone),
        place: meeting.place,
        secretaryName: meeting.secretaryName,
        items: items.map((item): SummonsItem => {
          const record = item.caseId === null ? undefined : cases.get(item.caseId);
          const base: SummonsItem = {
            no: item.ordinal,
            kind: item.kind,
            caseId: item.caseId,
            // A kallelse is sent and published: a secret case is named by its public title.
            title:
              record && item.kind === 'case'
                ? titleFor({ ...record, title: item.title }, false)
                : item.title,
            dnr: record
              ? withClassification(
                  record.dnr,
                  record.classificationCode,
                  municipality.classificationCodeAppended,
                )
              : null,
            classificationCode: record?.classificationCode ?? null,
            proposalText: record?.secrecyOsl ? null : item.proposalText,
            closedOsl: item.closedOsl,
          };
          if (item.kind === 'notices') {
            return {
              ...base,
              entries: notices.map(
                (notice, index) =>
                  `${index + 1}. ${notice.dnr ? `Dnr ${notice.dnr}, ` : ''}${notice.sender}, ${notice.receivedOn}: ${notice.text}`,
              ),
              ...(notices.length > 0
                ? {
                    decisionText: `${organ.name} har tagit del av meddelandena och beslutar lägga dem till handlingarna.`,
                  }
                : {}),
            };
          }
          if (item.kind === 'delegation-report') {
            return {
              ...base,
              entries: decisions.map((decision, index) => {
                const who = [decision.delegate, decision.delegateTitle].filter(Boolean).join(', ');
                const point = decision.pointCode
                  ? `punkt ${decision.pointCode}`
                  : (decision.pointText ?? null);
                const particulars = [
                  decision.dnr ? `Dnr ${decision.dnr}` : null,
                  decision.decidedOn,
                  point,
                ]
                  .filter(Boolean)
                  .join(', ');
                return `${index + 1}. ${who}${particulars ? ` (${particulars})` : ''}${decision.urgent ? ' [brådskande]' : ''}: ${decision.summary}`;
              }),
              decisionText:
                decisions.length === 0
                  ? `${organ.name} beslutar notera att inga delegationsbeslut har redovisats.`
                  : `${organ.name} beslutar godkänna redovisningen av delegationsbeslut punkterna ${decisions.length === 1 ? '1' : `1–${decisions.length}`}.`,
            };
          }
          return base;
        }),
      };
      const summons = tx.create(Summons, {
        municipalityId: principal.municipalityId,
        meetingId: meeting.id,
        versionNo: content.versionNo,
        content,
        publishedAt: now,
        publishedBy: principal.userId,
      });
      await tx.save(summons);
      const before = snapshot(meeting);
      meeting.status = 'summoned';
      meeting.summonsVersion = content.versionNo;
      meeting.agendaChangedAfterSummons = false;
      meeting.updatedAt = now;
      await tx.save(meeting);
      await this.outbox.enqueue(tx, 'documents.render-kallelse', {
        municipalityId: principal.municipalityId,
        summonsId: summons.id,
      });
      await this.audit.record(tx, {
        action: 'meeting.summoned',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before,
        after: {
          ...snapshot(meeting),
          items: content.items.length,
          notices: notices.length,
          delegationDecisions: decisions.length,
        },
      });
      const warnings: string[] = [];
      const daysLeft =
        (Date.parse(meetingDay) - Date.parse(localDate(now, municipality.timeZone))) / 86_400_000;
      if (organ.kind === 'fullmäktige' && daysLeft < 7) {
        warnings.push(
          `Kungörelsen publiceras ${daysLeft} dagar före sammanträdet; kommunallagen (5 kap. 12 §) kräver minst en vecka.`,
        );
      }
      return { meeting, summons, warnings };
    });
  }

  private async renumber(tx: EntityManager, ordered: AgendaItem[]): Promise<void> {
    for (const [index, item] of ordered.entries()) {
      if (item.ordinal !== index + 1) {
        await tx.update(
          AgendaItem,
          { id: item.id, municipalityId: item.municipalityId },
          { ordinal: index + 1 },
        );
        item.ordinal = index + 1;
      }
    }
  }
}
