import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, Tenant } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { DnrSeries, toSeriesView } from './dnr-series.entity';

import { checkedFormat, SeriesFields } from './dnr-series.rules';

/** A new dnr series of the municipality (a default one replaces the default). */
@Injectable()
export class CreateDnrSeries {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(tenant: Tenant, fields: SeriesFields, manager?: EntityManager): Promise<DnrSeries> {
    checkedFormat(fields.format);
    const work = async (tx: EntityManager) => {
      if (fields.isDefault) {
        await tx.update(
          DnrSeries,
          { municipalityId: tenant.municipalityId, isDefault: true },
          { isDefault: false },
        );
      }
      const now = this.clock.now();
      const series = tx.create(DnrSeries, {
        municipalityId: tenant.municipalityId,
        code: fields.code,
        name: fields.name,
        format: fields.format,
        isDefault: fields.isDefault ?? false,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      await tx.save(series);
      await this.audit.record(tx, {
        action: 'dnr-series.created',
        entityType: 'dnr-series',
        entityId: series.id,
        municipalityId: tenant.municipalityId,
        after: toSeriesView(series),
      });
      return series;
    };
    try {
      return manager ? await work(manager) : await this.transactions.run(work);
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new ConflictProblem(
          'dnr-series-exists',
          `A series with code ${JSON.stringify(fields.code)} (or a default series) exists.`,
        );
      }
      throw error;
    }
  }
}
