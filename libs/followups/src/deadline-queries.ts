import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { Clock, type LocalDate, localDate } from '@nf/common';
import { canSeeSecretAt, CaseQueries, titleFor } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { DataSource, In } from 'typeorm';
import { Deadline } from './followup.entities';
import { motionDeadlineTitle } from './secret-titles';

/** Reads the legal deadlines the worker derives (see LegalDeadlines in the jobs entry). */
@Injectable()
export class DeadlineQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly municipalities: Municipalities,
    private readonly cases: CaseQueries,
    private readonly clock: Clock,
  ) {}

  /**
   * The municipality's deadlines, soonest first, with whether each was (or is) late. A motion's
   * deadline names it by the title this reader may see.
   */
  async list(
    principal: Principal,
    filter: { status?: string; kind?: string; from?: LocalDate; to?: LocalDate; id?: number } = {},
  ) {
    const { timeZone } = await this.municipalities.getById(principal.municipalityId);
    const today = localDate(this.clock.now(), timeZone);
    const query = this.dataSource.manager
      .createQueryBuilder(Deadline, 'd')
      .where('d.municipality_id = :municipalityId', { municipalityId: principal.municipalityId })
      .orderBy('d.due_on')
      .addOrderBy('d.id')
      .take(500);
    if (filter.id) query.andWhere('d.id = :id', { id: filter.id });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.from) query.andWhere('d.due_on >= :from', { from: filter.from });
    if (filter.to) query.andWhere('d.due_on <= :to', { to: filter.to });
    const deadlines = await query.getMany();
    const caseIds = [...new Set(deadlines.flatMap((deadline) => deadline.caseId ?? []))];
    const cases = new Map(
      (caseIds.length ? await this.cases.repository.find(principal, { id: In(caseIds) }) : []).map(
        (record) => [record.id, record],
      ),
    );
    const titleOf = (deadline: Deadline) => {
      const record = deadline.caseId === null ? undefined : cases.get(deadline.caseId);
      if (!record || deadline.kind !== 'motion-year') return deadline.title;
      const sees = canSeeSecretAt(principal, record, deadline.organId);
      return motionDeadlineTitle(record.dnr, titleFor(record, sees));
    };
    return deadlines.map((deadline) => ({
      id: deadline.id,
      kind: deadline.kind,
      title: titleOf(deadline),
      subject: { type: deadline.subjectType, id: deadline.subjectId },
      organId: deadline.organId,
      caseId: deadline.caseId,
      dueOn: deadline.dueOn,
      status: deadline.status,
      metAt: deadline.metAt?.toISOString() ?? null,
      late:
        deadline.status === 'met'
          ? localDate(deadline.metAt!, timeZone) > deadline.dueOn
          : deadline.status === 'open' && deadline.dueOn < today,
    }));
  }
}
