import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { assertCurrentVersion, Clock, ConflictProblem, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { DnrSeries, toSeriesView } from './dnr-series.entity';

import { DnrSeriesQueries } from './dnr-series.queries';
import { checkedFormat, SeriesFields } from './dnr-series.rules';

/** Renames, reformats (while no case has a number of it) or retires a dnr series. */
@Injectable()
export class UpdateDnrSeries {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly series: DnrSeriesQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    id: number,
    fields: Partial<Pick<SeriesFields, 'name' | 'format'>> & { active?: boolean },
    expectedVersion?: number,
  ): Promise<DnrSeries> {
    if (fields.format !== undefined) checkedFormat(fields.format);
    return this.transactions.run(async (tx) => {
      const series = await this.series.repository.getForUpdate(tx, tenant, id);
      assertCurrentVersion('series', series.version, expectedVersion);
      if (fields.format !== undefined && fields.format !== series.format) {
        const [{ n }] = await tx.query(
          'SELECT COUNT(*) AS n FROM cases WHERE series_id = ? AND municipality_id = ?',
          [id, tenant.municipalityId],
        );
        if (Number(n) > 0) {
          throw new ConflictProblem(
            'dnr-series-in-use',
            'The format of a series with cases cannot change: their numbers would change. Start a new series.',
          );
        }
      }
      const before = toSeriesView(series);
      Object.assign(series, fields, { updatedAt: this.clock.now() });
      await tx.save(series);
      await this.audit.record(tx, {
        action: 'dnr-series.updated',
        entityType: 'dnr-series',
        entityId: series.id,
        municipalityId: tenant.municipalityId,
        before,
        after: toSeriesView(series),
      });
      return series;
    });
  }
}
