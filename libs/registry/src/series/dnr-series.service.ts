import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { isDuplicateKeyError, TenantRepository, TransactionRunner } from '@nf/database';
import { Municipalities } from '@nf/tenancy';
import { EntityManager, Repository } from 'typeorm';
import { DnrFormat, DnrFormatError } from '../dnr/dnr-format';
import { DnrSeries, toSeriesView } from './dnr-series.entity';

export interface SeriesFields {
  code: string;
  name: string;
  format: string;
  isDefault?: boolean;
}

function checkedFormat(format: string): void {
  try {
    new DnrFormat(format);
  } catch (error) {
    if (error instanceof DnrFormatError)
      throw new ValidationProblem([{ field: 'format', message: error.message }]);
    throw error;
  }
}

/** The municipality's dnr series. A municipality without one gets its default series on first use. */
@Injectable()
export class DnrSeriesService {
  readonly repository: TenantRepository<DnrSeries>;

  constructor(
    @InjectRepository(DnrSeries) repository: Repository<DnrSeries>,
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    this.repository = new TenantRepository(repository, 'dnr series');
  }

  list(tenant: Tenant): Promise<DnrSeries[]> {
    return this.repository.find(tenant, {}, { code: 'ASC' });
  }

  /** The default series, created from the municipality's dnr format when there is none yet. */
  async defaultFor(tenant: Tenant, manager?: EntityManager): Promise<DnrSeries> {
    const existing = await this.repository.findOne(tenant, { isDefault: true });
    if (existing) return existing;
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    try {
      return await this.create(
        tenant,
        { code: 'DIARIET', name: 'Diariet', format: municipality.dnrFormat, isDefault: true },
        manager,
      );
    } catch (error) {
      // Two first registrations raced to create it: use the one that won.
      if (error instanceof ConflictProblem) {
        const winner = await this.repository.findOne(tenant, { isDefault: true });
        if (winner) return winner;
      }
      throw error;
    }
  }

  async create(tenant: Tenant, fields: SeriesFields, manager?: EntityManager): Promise<DnrSeries> {
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

  async update(
    tenant: Tenant,
    id: number,
    fields: Partial<Pick<SeriesFields, 'name' | 'format'>> & { active?: boolean },
    expectedVersion?: number,
  ): Promise<DnrSeries> {
    if (fields.format !== undefined) checkedFormat(fields.format);
    return this.transactions.run(async (tx) => {
      const series = await this.repository.getForUpdate(tx, tenant, id);
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

  async get(tenant: Tenant, id: number): Promise<DnrSeries> {
    const series = await this.repository.findById(tenant, id);
    if (!series) throw new NotFoundProblem('dnr series', id);
    return series;
  }
}
