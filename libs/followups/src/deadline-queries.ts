import { Injectable } from '@nestjs/common';
import { Clock, type LocalDate, localDate, Tenant } from '@nf/common';
import { Municipalities } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { Deadline } from './followup.entities';

/** Reads the legal deadlines the worker derives (see LegalDeadlines in the jobs entry). */
@Injectable()
export class DeadlineQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly municipalities: Municipalities,
    private readonly clock: Clock,
  ) {}

  /** The municipality's deadlines, soonest first, with whether each was (or is) late. */
  async list(
    tenant: Tenant,
    filter: { status?: string; kind?: string; from?: LocalDate; to?: LocalDate } = {},
  ) {
    const { timeZone } = await this.municipalities.getById(tenant.municipalityId);
    const today = localDate(this.clock.now(), timeZone);
    const query = this.dataSource.manager
      .createQueryBuilder(Deadline, 'd')
      .where('d.municipality_id = :municipalityId', { municipalityId: tenant.municipalityId })
      .orderBy('d.due_on')
      .addOrderBy('d.id')
      .take(500);
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.from) query.andWhere('d.due_on >= :from', { from: filter.from });
    if (filter.to) query.andWhere('d.due_on <= :to', { to: filter.to });
    const deadlines = await query.getMany();
    return deadlines.map((deadline) => ({
      id: deadline.id,
      kind: deadline.kind,
      title: deadline.title,
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
