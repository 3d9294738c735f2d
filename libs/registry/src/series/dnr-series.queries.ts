import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ConflictProblem, NotFoundProblem, Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { Municipalities } from '@nf/tenancy';
import { EntityManager, Repository } from 'typeorm';
import { DnrSeries } from './dnr-series.entity';
import { CreateDnrSeries } from './create-dnr-series.use-case';

/**
 * The municipality's dnr series. A municipality without one gets its default series on first use
 * (`defaultFor` creates it then, once, through CreateDnrSeries).
 */
@Injectable()
export class DnrSeriesQueries {
  readonly repository: TenantRepository<DnrSeries>;

  constructor(
    @InjectRepository(DnrSeries) repository: Repository<DnrSeries>,
    private readonly municipalities: Municipalities,
    private readonly createSeries: CreateDnrSeries,
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
      return await this.createSeries.execute(
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

  async get(tenant: Tenant, id: number): Promise<DnrSeries> {
    const series = await this.repository.findById(tenant, id);
    if (!series) throw new NotFoundProblem('dnr series', id);
    return series;
  }
}
