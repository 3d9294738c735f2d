import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  Clock,
  ConflictProblem,
  type LocalDate,
  localDate,
  NotFoundProblem,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Users } from '@nf/identity';
import { Outbox } from '@nf/queue';
import { Case, canSeeSecret, canSeeSecretAt, CaseQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { DataSource, EntityManager, In } from 'typeorm';
import { InboxMessage, Obligation, ObligationKind } from './followup.entities';
import { Recurrence } from './recurrence';
import { followUpTitle, publicTitleOf, secrecyOfRow } from './secret-titles';
import { dateOf, idOrNull, jsonOf } from './sql-values';
import { caseColumns, casesById } from './case-facts';

/** Lead time and reminders when the obligation does not say: open a month ahead, remind twice. */
export const DEFAULT_LEAD_DAYS = 30;
export const DEFAULT_REMINDER_DAYS = [14, 3];

/**
 * The reminders, in days before the due date, once each and earliest first; refused (422) unless
 * each comes after the follow-up case opens (`leadDays` before).
 */
export function reminderSchedule(leadDays: number, reminderDays: number[]): number[] {
  const days = [...new Set(reminderDays)].sort((a, b) => b - a);
  if (days.some((day) => day >= leadDays)) {
    throw new ValidationProblem([
      {
        field: 'reminderDays',
        message: `reminders come after the case opens (${leadDays} days before)`,
      },
    ]);
  }
  return days;
}

export interface NewObligation {
  kind?: ObligationKind;
  title: string;
  caseId?: number | null;
  /** The board whose report it is (annual follow-ups). */
  organId?: number | null;
  responsibleUserId?: number | null;
  reportOrganId?: number | null;
  /** A confirmed rule (from the phrase reader or typed), or null for a single due date. */
  rrule: string | null;
  firstDue: LocalDate;
  leadDays?: number;
  reminderDays?: number[];
}

/**
 * Sets up obligations (bevakningar). Creating one is one transaction with its audit entry and the
 * job that plans its first occurrence; the rule is checked before anything is written.
 */
@Injectable()
export class Obligations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly cases: CaseQueries,
    private readonly organs: Organs,
    private readonly users: Users,
    private readonly municipalities: Municipalities,
    private readonly clock: Clock,
  ) {}

  async create(
    principal: Principal | Tenant,
    command: NewObligation,
    tx?: EntityManager,
  ): Promise<Obligation> {
    const { recurrence, leadDays, reminderDays } = await this.checked(principal, command);
    const write = async (manager: EntityManager) => {
      const now = this.clock.now();
      const obligation = await manager.save(
        manager.create(Obligation, {
          municipalityId: principal.municipalityId,
          caseId: command.caseId ?? null,
          organId: command.organId ?? null,
          kind: command.kind ?? 'follow-up',
          title: command.title,
          responsibleUserId: command.responsibleUserId ?? null,
          reportOrganId: command.reportOrganId ?? null,
          rrule: command.rrule,
          firstDue: recurrence.first(),
          leadDays,
          reminderDays,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.planFirst(manager, principal, obligation.id);
      await this.audit.record(manager, {
        action: 'obligation.created',
        entityType: 'obligation',
        entityId: obligation.id,
        municipalityId: principal.municipalityId,
        after: {
          title: obligation.title,
          caseId: obligation.caseId,
          rrule: obligation.rrule,
          firstDue: obligation.firstDue,
          leadDays,
          reminderDays,
        },
      });
      return obligation;
    };
    return tx ? write(tx) : this.transactions.run(write);
  }

  /**
   * Confirms an obligation proposed from a decision's follow-up clause, as read or as the person
   * corrects it: it becomes active and its first occurrence is planned. Only a proposed one can be.
   */
  async confirm(
    principal: Principal,
    id: number,
    changes: Partial<Omit<NewObligation, 'kind' | 'caseId' | 'organId'>>,
  ): Promise<Obligation> {
    return this.transactions.run(async (tx) => {
      const obligation = await this.lockProposed(tx, principal, id);
      const command: NewObligation = {
        title: changes.title ?? obligation.title,
        caseId: obligation.caseId,
        responsibleUserId:
          changes.responsibleUserId !== undefined
            ? changes.responsibleUserId
            : obligation.responsibleUserId,
        reportOrganId:
          changes.reportOrganId !== undefined ? changes.reportOrganId : obligation.reportOrganId,
        rrule: changes.rrule !== undefined ? changes.rrule : obligation.rrule,
        firstDue: (changes.firstDue ?? obligation.firstDue)!,
        leadDays: changes.leadDays ?? obligation.leadDays,
        reminderDays: changes.reminderDays ?? obligation.reminderDays,
      };
      if (!command.firstDue) {
        throw new ValidationProblem([
          { field: 'firstDue', message: 'the clause gave no due date: say when the first is due' },
        ]);
      }
      const { recurrence, leadDays, reminderDays } = await this.checked(principal, command);
      const fields = {
        title: command.title,
        responsibleUserId: command.responsibleUserId ?? null,
        reportOrganId: command.reportOrganId ?? null,
        rrule: command.rrule,
        firstDue: recurrence.first(),
        leadDays,
        reminderDays,
        status: 'active' as const,
        updatedAt: this.clock.now(),
      };
      await tx.update(
        Obligation,
        { id, municipalityId: principal.municipalityId },
        { ...fields, version: obligation.version + 1 },
      );
      await this.planFirst(tx, principal, id);
      await this.audit.record(tx, {
        action: 'obligation.confirmed',
        entityType: 'obligation',
        entityId: id,
        municipalityId: principal.municipalityId,
        before: {
          status: obligation.status,
          rrule: obligation.rrule,
          firstDue: obligation.firstDue,
        },
        after: { ...fields, updatedAt: undefined },
      });
      return { ...obligation, ...fields, version: obligation.version + 1 };
    });
  }

  /** Dismisses a proposed obligation the decision did not really ask for; the reason is kept. */
  async dismiss(principal: Principal, id: number, reason: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const obligation = await this.lockProposed(tx, principal, id);
      await tx.update(
        Obligation,
        { id, municipalityId: principal.municipalityId },
        { status: 'dismissed', updatedAt: this.clock.now(), version: obligation.version + 1 },
      );
      await this.audit.record(tx, {
        action: 'obligation.dismissed',
        entityType: 'obligation',
        entityId: id,
        municipalityId: principal.municipalityId,
        before: { status: obligation.status },
        after: { status: 'dismissed', reason },
      });
    });
  }

  /** The job that plans the first occurrence of an obligation that has just become active. */
  private async planFirst(tx: EntityManager, tenant: Tenant, obligationId: number) {
    await this.outbox.enqueue(
      tx,
      'followups.plan',
      { municipalityId: tenant.municipalityId, obligationId },
      { municipalityId: tenant.municipalityId },
    );
  }

  private async lockProposed(tx: EntityManager, tenant: Tenant, id: number): Promise<Obligation> {
    const obligation = await tx.findOne(Obligation, {
      where: { id, municipalityId: tenant.municipalityId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!obligation) throw new NotFoundProblem('obligation', id);
    if (obligation.status !== 'proposed') {
      throw new ConflictProblem(
        'obligation-not-proposed',
        `The obligation is ${obligation.status}: only a proposed one can be confirmed or dismissed.`,
      );
    }
    return obligation;
  }

  /** The rule read and the references checked, before anything is written. */
  private async checked(principal: Principal | Tenant, command: NewObligation) {
    const recurrence = Recurrence.of(command.rrule, command.firstDue);
    const leadDays = command.leadDays ?? DEFAULT_LEAD_DAYS;
    const reminderDays = reminderSchedule(leadDays, command.reminderDays ?? DEFAULT_REMINDER_DAYS);
    if (command.caseId) await this.cases.get(principal, command.caseId);
    if (command.reportOrganId) await this.organs.get(principal, command.reportOrganId);
    if (command.responsibleUserId) {
      await this.users.get(principal, command.responsibleUserId).catch(() => {
        throw new ValidationProblem([
          { field: 'responsibleUserId', message: `no user ${command.responsibleUserId}` },
        ]);
      });
    }
    return { recurrence, leadDays, reminderDays };
  }

  /**
   * The municipality's obligations with their current occurrence; `late` keeps the overdue ones.
   * One that follows up a secret case is named by the case's public title, without its clause,
   * for a reader who may not see the case (the organ it reports to may).
   */
  async list(principal: Principal, filter: { late?: boolean } = {}) {
    const { timeZone } = await this.municipalities.getById(principal.municipalityId);
    const today = localDate(this.clock.now(), timeZone);
    const own = (await this.dataSource.query(
      `SELECT o.id, o.kind, o.title, o.case_id AS caseId, o.responsible_user_id AS responsibleUserId,
              o.report_organ_id AS reportOrganId, o.rrule, o.first_due AS firstDue, o.status,
              o.clause, o.proposal, o.version,
              c.id AS occurrenceId, c.due_on AS dueOn, c.opens_on AS opensOn, c.status AS occurrenceStatus,
              c.follow_up_case_id AS followUpCaseId
         FROM obligations o
         LEFT JOIN obligation_occurrences c ON c.obligation_id = o.id AND c.status <> 'fulfilled'
        WHERE o.municipality_id = ? ${filter.late ? 'AND c.due_on < ?' : ''}
        ORDER BY c.due_on IS NULL, c.due_on, o.id`,
      filter.late ? [principal.municipalityId, today] : [principal.municipalityId],
    )) as Array<Record<string, unknown>>;
    const cases = await casesById(
      this.cases,
      principal,
      own.flatMap((row) => [idOrNull(row.caseId), idOrNull(row.followUpCaseId)]),
    );
    const rows: Array<Record<string, unknown>> = own.map((row) => ({
      ...row,
      ...caseColumns(row.caseId === null ? undefined : cases.get(Number(row.caseId))),
      followUpDnr:
        row.followUpCaseId === null ? null : (cases.get(Number(row.followUpCaseId))?.dnr ?? null),
    }));
    return rows.map((row) => {
      const reportOrganId = row.reportOrganId === null ? null : Number(row.reportOrganId);
      const record = secrecyOfRow(row);
      const hidden =
        record.secrecyOsl !== null && !canSeeSecretAt(principal, record, reportOrganId);
      return {
        id: Number(row.id),
        kind: row.kind as string,
        title: hidden ? followUpTitle(publicTitleOf(record)) : (row.title as string),
        titleHidden: hidden,
        caseId: row.caseId === null ? null : Number(row.caseId),
        dnr: (row.dnr as string | null) ?? null,
        responsibleUserId: row.responsibleUserId === null ? null : Number(row.responsibleUserId),
        reportOrganId,
        rrule: (row.rrule as string | null) ?? null,
        firstDue: dateOf(row.firstDue),
        status: row.status as string,
        version: Number(row.version),
        /** For one read from a decision: the clause and what the reader made of it. */
        clause: hidden ? null : ((row.clause as string | null) ?? null),
        proposal: hidden ? null : jsonOf<Obligation['proposal']>(row.proposal),
        next:
          row.occurrenceId === null
            ? null
            : {
                id: Number(row.occurrenceId),
                dueOn: dateOf(row.dueOn),
                opensOn: dateOf(row.opensOn),
                status: row.occurrenceStatus as string,
                followUpDnr: (row.followUpDnr as string | null) ?? null,
                late: (dateOf(row.dueOn) ?? today) < today,
              },
      };
    });
  }

  /** The user's in-app inbox, newest first. */
  async inbox(principal: Principal, limit = 100) {
    const messages = await this.dataSource.manager.find(InboxMessage, {
      where: { municipalityId: principal.municipalityId, userId: principal.userId },
      order: { id: 'DESC' },
      take: limit,
    });
    return this.views(principal, messages);
  }

  /**
   * The reader's messages as they may read them: one stored before its case was marked secret
   * may name it, and is masked for a reader who may not see the case.
   */
  private async views(principal: Principal, messages: InboxMessage[]) {
    const caseIds = [...new Set(messages.flatMap((message) => message.caseId ?? []))];
    const secret = new Map(
      (caseIds.length ? await this.cases.repository.find(principal, { id: In(caseIds) }) : [])
        .filter((record) => record.secrecyOsl !== null && !canSeeSecret(principal, record))
        .map((record) => [record.id, record]),
    );
    return messages.map((message) =>
      messageView(message, message.caseId === null ? undefined : secret.get(message.caseId)),
    );
  }

  /**
   * Marks one of the user's own messages read (the first time counts: reading it again changes
   * nothing); another user's message is not found.
   */
  async markRead(principal: Principal, id: number) {
    const message = await this.transactions.run(async (tx) => {
      const message = await tx.findOne(InboxMessage, {
        where: { id, municipalityId: principal.municipalityId, userId: principal.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!message) throw new NotFoundProblem('message', id);
      if (message.readAt) return message;
      const readAt = this.clock.now();
      await tx.update(InboxMessage, { id, municipalityId: principal.municipalityId }, { readAt });
      await this.audit.record(tx, {
        action: 'inbox.message-read',
        entityType: 'inbox-message',
        entityId: id,
        municipalityId: principal.municipalityId,
        after: { readAt: readAt.toISOString() },
      });
      return { ...message, readAt };
    });
    return (await this.views(principal, [message]))[0];
  }

  async get(tenant: Tenant, id: number): Promise<Obligation> {
    const obligation = await this.dataSource.manager.findOne(Obligation, {
      where: { id, municipalityId: tenant.municipalityId },
    });
    if (!obligation) throw new NotFoundProblem('obligation', id);
    return obligation;
  }
}

/** A message as its reader sees it; one about a case secret to them says only that. */
function messageView(message: InboxMessage, secretCase?: Case) {
  return {
    id: message.id,
    subject: secretCase
      ? `Meddelande om ${publicTitleOf(secretCase)} (dnr ${secretCase.dnr})`
      : message.subject,
    body: secretCase
      ? 'Meddelandet gäller ett ärende som omfattas av sekretess. Öppna ärendet om du har behörighet att läsa det.'
      : message.body,
    caseId: message.caseId,
    createdAt: message.createdAt.toISOString(),
    readAt: message.readAt?.toISOString() ?? null,
  };
}
