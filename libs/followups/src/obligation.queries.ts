import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { Clock, localDate, NotFoundProblem, Tenant } from '@nf/common';
import { Case, canSeeSecret, canSeeSecretAt, CaseQueries } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { DataSource, In } from 'typeorm';
import { InboxMessage, Obligation } from './followup.entities';
import { followUpTitle, publicTitleOf, secrecyOfRow } from './secret-titles';
import { dateOf, idOrNull, jsonOf } from './sql-values';
import { caseColumns, casesById } from './case-facts';

/** The obligations and the inbox as a reader may read them. */
@Injectable()
export class ObligationQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseQueries,
    private readonly municipalities: Municipalities,
    private readonly clock: Clock,
  ) {}

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
    return this.messageViews(principal, messages);
  }

  /**
   * The reader's messages as they may read them: one stored before its case was marked secret
   * may name it, and is masked for a reader who may not see the case.
   */
  /**
   * The reader's messages as they may read them: one stored before its case was marked secret
   * may name it, and is masked for a reader who may not see the case.
   */
  async messageViews(principal: Principal, messages: InboxMessage[]) {
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

  async get(tenant: Tenant, id: number): Promise<Obligation> {
    const obligation = await this.dataSource.manager.findOne(Obligation, {
      where: { id, municipalityId: tenant.municipalityId },
    });
    if (!obligation) throw new NotFoundProblem('obligation', id);
    return obligation;
  }
}

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
