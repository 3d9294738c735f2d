import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundProblem, Tenant, zonedDateTimeToInstant, addDays } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { DnrFormat } from '../dnr/dnr-format';
import { DnrSeriesService } from '../series/dnr-series.service';
import { toBooleanQuery } from '../search/fulltext';
import { Case, CaseStatus } from './case.entity';

export interface CaseFilter {
  q?: string;
  dnr?: string;
  classificationCode?: string;
  status?: CaseStatus;
  organId?: number;
  responsibleUserId?: number;
  /** Local dates, inclusive. */
  registeredFrom?: string;
  registeredTo?: string;
  /** Keyset: cases with a smaller id than this (the `next` of the previous page). */
  after?: number;
  limit: number;
}

export interface CasePage {
  cases: Case[];
  next: number | null;
}

/** Reads of the registry, always within one municipality. */
@Injectable()
export class CaseQueries {
  readonly repository: TenantRepository<Case>;

  constructor(
    @InjectRepository(Case) private readonly cases: Repository<Case>,
    private readonly series: DnrSeriesService,
  ) {
    this.repository = new TenantRepository(cases, 'case');
  }

  get(tenant: Tenant, id: number): Promise<Case> {
    return this.repository.getById(tenant, id);
  }

  /**
   * Finds a case by its number as printed (`2023-00466`, `KS 2024/123`, also with the class code
   * after it: `2023-00466 04`), trying each of the municipality's series.
   */
  async findByDnr(tenant: Tenant, printed: string): Promise<Case | null> {
    const candidates = [printed.trim(), printed.trim().replace(/\s+\S+$/, '')];
    for (const series of await this.series.list(tenant)) {
      const format = new DnrFormat(series.format);
      for (const candidate of candidates) {
        const parts = format.parse(candidate);
        if (!parts) continue;
        const found = await this.repository.findOne(tenant, {
          seriesId: series.id,
          year: parts.year,
          serial: parts.serial,
        });
        if (found) return found;
      }
    }
    return null;
  }

  async getByDnr(tenant: Tenant, printed: string): Promise<Case> {
    const found = await this.findByDnr(tenant, printed);
    if (!found) throw new NotFoundProblem('case with dnr', printed);
    return found;
  }

  /**
   * Searches the registry, newest first, a page at a time. Words match the title and the
   * descriptions of the case's documents; for a viewer who may not see secrets, a secret case
   * matches on its public title only and secret documents do not match at all.
   */
  async search(
    tenant: Tenant,
    filter: CaseFilter,
    options: { seesSecrets: boolean; timeZone: string },
  ): Promise<CasePage> {
    const query = this.cases
      .createQueryBuilder('c')
      .where('c.municipalityId = :municipalityId', { municipalityId: tenant.municipalityId });
    this.applyFilter(query, filter, options);
    const rows = await query
      .orderBy('c.id', 'DESC')
      .take(filter.limit + 1)
      .getMany();
    const more = rows.length > filter.limit;
    const page = rows.slice(0, filter.limit);
    return { cases: page, next: more ? page[page.length - 1].id : null };
  }

  private applyFilter(
    query: SelectQueryBuilder<Case>,
    filter: CaseFilter,
    options: { seesSecrets: boolean; timeZone: string },
  ): void {
    const words = filter.q ? toBooleanQuery(filter.q) : undefined;
    if (filter.q && !words) query.andWhere('1 = 0');
    if (words) {
      const documents = `c.id IN (SELECT d.case_id FROM documents d WHERE d.municipality_id = :municipalityId
        AND MATCH(d.description) AGAINST (:words IN BOOLEAN MODE)${options.seesSecrets ? '' : ' AND d.secrecy_osl IS NULL'})`;
      if (options.seesSecrets) {
        query.andWhere(`(MATCH(c.title) AGAINST (:words IN BOOLEAN MODE) OR ${documents})`, {
          words,
        });
      } else {
        query.andWhere(
          `((c.secrecy_osl IS NULL AND (MATCH(c.title) AGAINST (:words IN BOOLEAN MODE) OR ${documents}))
            OR (c.secrecy_osl IS NOT NULL AND MATCH(c.public_title) AGAINST (:words IN BOOLEAN MODE)))`,
          { words },
        );
      }
    }
    if (filter.dnr)
      query.andWhere('c.dnr LIKE :dnr', { dnr: `${filter.dnr.replace(/[\\%_]/g, '\\$&')}%` });
    if (filter.classificationCode)
      query.andWhere('c.classificationCode = :code', { code: filter.classificationCode });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.organId) query.andWhere('c.organId = :organId', { organId: filter.organId });
    if (filter.responsibleUserId)
      query.andWhere('c.responsibleUserId = :responsible', {
        responsible: filter.responsibleUserId,
      });
    if (filter.registeredFrom) {
      query.andWhere('c.registeredAt >= :from', {
        from: zonedDateTimeToInstant(filter.registeredFrom, '00:00', options.timeZone),
      });
    }
    if (filter.registeredTo) {
      const end = zonedDateTimeToInstant(
        addDays(filter.registeredTo, 1),
        '00:00',
        options.timeZone,
      );
      query.andWhere('c.registeredAt < :to', { to: end });
    }
    if (filter.after) query.andWhere('c.id < :after', { after: filter.after });
  }
}
