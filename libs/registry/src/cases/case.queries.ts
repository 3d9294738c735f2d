import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { NotFoundProblem, Tenant, zonedDateTimeToInstant, addDays } from '@nf/common';
import { keysetWhere, type KeysetPage, TenantRepository } from '@nf/database';
import { In, MoreThan, Repository, SelectQueryBuilder } from 'typeorm';
import { DnrFormat } from '../dnr/dnr-format';
import { DnrSeriesQueries } from '../series/dnr-series.queries';
import { searchWords } from '../search/fulltext';

/** How many of a municipality's newest cases a text search reads directly before using the index. */
const RECENT_WINDOW = 40_000;
/** How many of its newest cases tell whether a municipality has most of the recent ids. */
const DENSITY_SAMPLE = 1_000;
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

/** Which closed cases a delivery to the e-archive takes (every condition given must hold). */
export interface ArchiveSelection {
  /** A local date: cases closed before its start. */
  closedBefore?: string | null;
  /** A classification code: the cases of the code and of the codes under it. */
  classificationCode?: string | null;
  seriesId?: number | null;
  /** Registration years (the dnr's year), inclusive. */
  yearFrom?: number | null;
  yearTo?: number | null;
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
    private readonly series: DnrSeriesQueries,
  ) {
    this.repository = new TenantRepository(cases, 'case');
  }

  get(tenant: Tenant, id: number): Promise<Case> {
    return this.repository.getById(tenant, id);
  }

  /** A page of the tenant's cases in id order (the public read model's list). */
  page(tenant: Tenant, page: KeysetPage): Promise<Case[]> {
    return this.cases.find({
      where: { municipalityId: tenant.municipalityId, ...keysetWhere(page) },
      order: { id: 'ASC' },
      take: page.limit,
    });
  }

  /** A page of the tenant's closed cases in id order (what the dokumenthanteringsplan weighs). */
  closedPage(tenant: Tenant, afterId: number, limit: number): Promise<Case[]> {
    return this.cases.find({
      where: { municipalityId: tenant.municipalityId, status: 'closed', id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /**
   * A page of the tenant's closed cases for a delivery to the e-archive, in id order: closed before
   * the local day `closedBefore` (when given), in the classification (the code or under it), of the
   * series and registered in the years given.
   */
  archivablePage(
    tenant: Tenant,
    selection: ArchiveSelection & { timeZone: string },
    afterId: number,
    limit: number,
  ): Promise<Case[]> {
    return this.archivable(tenant, selection)
      .andWhere('c.id > :afterId', { afterId })
      .orderBy('c.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** How many cases the selection holds (for a delivery's progress). */
  archivableCount(
    tenant: Tenant,
    selection: ArchiveSelection & { timeZone: string },
  ): Promise<number> {
    return this.archivable(tenant, selection).getCount();
  }

  private archivable(
    tenant: Tenant,
    selection: ArchiveSelection & { timeZone: string },
  ): SelectQueryBuilder<Case> {
    const query = this.cases
      .createQueryBuilder('c')
      .where('c.municipality_id = :municipalityId', { municipalityId: tenant.municipalityId })
      .andWhere("c.status = 'closed'");
    if (selection.closedBefore)
      query.andWhere('c.closed_at < :closedBefore', {
        closedBefore: zonedDateTimeToInstant(selection.closedBefore, '00:00', selection.timeZone),
      });
    if (selection.classificationCode)
      query.andWhere('(c.classification_code = :code OR c.classification_code LIKE :under)', {
        code: selection.classificationCode,
        under: `${selection.classificationCode.replace(/[\\%_]/g, '\\$&')}.%`,
      });
    if (selection.seriesId)
      query.andWhere('c.series_id = :seriesId', { seriesId: selection.seriesId });
    if (selection.yearFrom) query.andWhere('c.year >= :yearFrom', { yearFrom: selection.yearFrom });
    if (selection.yearTo) query.andWhere('c.year <= :yearTo', { yearTo: selection.yearTo });
    return query;
  }

  /**
   * Decided cases whose decision has been expedited (a protokollsutdrag registered on the case
   * since the decision), oldest decision first: what the registrator is asked to close.
   */
  async closingSuggestions(
    tenant: Tenant,
    limit: number,
  ): Promise<Array<{ record: Case; expeditedAt: Date }>> {
    const rows = (await this.cases.query(
      `SELECT c.id, MAX(d.registered_at) AS expeditedAt
         FROM cases c JOIN documents d ON d.case_id = c.id AND d.municipality_id = c.municipality_id
        WHERE c.municipality_id = ? AND c.status = 'decided' AND d.type = 'protokollsutdrag'
          AND d.registered_at >= c.decided_at
        GROUP BY c.id, c.decided_at ORDER BY c.decided_at, c.id LIMIT ?`,
      [tenant.municipalityId, limit],
    )) as Array<{ id: number | string; expeditedAt: Date }>;
    const cases = await this.byIds(
      tenant,
      rows.map((row) => Number(row.id)),
    );
    return rows.map((row) => ({
      record: cases.get(Number(row.id))!,
      expeditedAt: row.expeditedAt,
    }));
  }

  /** The tenant's cases among the ids, by id. */
  async byIds(tenant: Tenant, ids: number[]): Promise<Map<number, Case>> {
    if (ids.length === 0) return new Map();
    const found = await this.repository.find(tenant, { id: In([...new Set(ids)]) });
    return new Map(found.map((record) => [record.id, record]));
  }

  /** The cases linked to this one (a follow-up and the case it follows up, say), by id. */
  async linkedTo(tenant: Tenant, caseId: number): Promise<number[]> {
    const rows = (await this.cases.query(
      'SELECT related_case_id AS id FROM case_links WHERE municipality_id = ? AND case_id = ? ORDER BY related_case_id',
      [tenant.municipalityId, caseId],
    )) as Array<{ id: number | string }>;
    return rows.map((row) => Number(row.id));
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
   *
   * Text runs as separate branches (title, documents, public title), merged here. Each branch first
   * reads the municipality’s newest RECENT_WINDOW cases newest-first, matching each word as a
   * word prefix: a common word fills a page within a few hundred rows. Only when that window cannot
   * fill the page does it ask the FULLTEXT index for older matches, which is fast exactly then,
   * because such a word is rare. (An OR of the branches, or the index alone for a common word,
   * reads tens of thousands of rows.)
   */
  async search(
    tenant: Tenant,
    filter: CaseFilter,
    options: { seesSecrets: boolean; timeZone: string },
  ): Promise<CasePage> {
    const take = filter.limit + 1;
    const words = filter.q ? searchWords(filter.q) : [];
    if (filter.q && words.length === 0) return { cases: [], next: null };
    let ids: number[];
    if (words.length === 0) {
      ids = await this.ids(this.base(tenant, filter, options), take, false);
    } else {
      const window = await this.recentWindow(tenant, filter.after);
      type Shape = (
        query: SelectQueryBuilder<Case>,
        match: (column: string) => string,
        recent: boolean,
      ) => void;
      const branches: Shape[] = [
        (query, match) => {
          query.andWhere(match('c.title'));
          if (!options.seesSecrets) query.andWhere('c.secrecy_osl IS NULL');
        },
        (query, match, recent) => {
          const secret = options.seesSecrets ? '' : ' AND d.secrecy_osl IS NULL';
          // Recent: one look per case through the documents' case index; older: the index's matches.
          query.andWhere(
            recent
              ? `EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id AND ${match('d.description')}${secret})`
              : `c.id IN (SELECT d.case_id FROM documents d WHERE d.municipality_id = :municipalityId AND ${match('d.description')}${secret})`,
          );
          if (!options.seesSecrets) query.andWhere('c.secrecy_osl IS NULL');
        },
        ...(options.seesSecrets
          ? []
          : [
              ((query, match) => {
                query.andWhere('c.secrecy_osl IS NOT NULL').andWhere(match('c.public_title'));
              }) as Shape,
            ]),
      ];
      const found = await Promise.all(
        branches.map((branch) =>
          this.textBranch(tenant, filter, options, words, window, take, branch),
        ),
      );
      ids = [...new Set(found.flat())].sort((a, b) => b - a).slice(0, take);
    }
    const more = ids.length > filter.limit;
    const pageIds = ids.slice(0, filter.limit);
    const rows = pageIds.length
      ? await this.cases.find({ where: { id: In(pageIds), municipalityId: tenant.municipalityId } })
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const page = pageIds.map((id) => byId.get(id)!).filter(Boolean);
    return { cases: page, next: more ? pageIds[pageIds.length - 1] : null };
  }

  /**
   * The recent window, read directly before the FULLTEXT index takes over below its `floor`.
   * Where the municipality's cases are most of the recent ids (one municipality in the database,
   * or a few), it is the newest RECENT_WINDOW ids, read along the primary key, whose rows lie
   * together (`dense`). Where many share the database, such a window would hold mostly other
   * municipalities' cases: it is then the municipality's own newest RECENT_WINDOW cases (all of
   * them, floor 0, if it has no more), read along the (municipality, id) index.
   */
  private async recentWindow(
    tenant: Tenant,
    after: number | undefined,
  ): Promise<{ floor: number; dense: boolean }> {
    const below = after ? ' AND id < ?' : '';
    const parameters = after ? [tenant.municipalityId, after] : [tenant.municipalityId];
    /** The municipality's n-th newest case id (below `after`), if it has n. */
    const nth = async (n: number) => {
      const [row] = (await this.cases.query(
        `SELECT id FROM cases FORCE INDEX (ix_cases_recent) WHERE municipality_id = ?${below}
          ORDER BY id DESC LIMIT 1 OFFSET ${n - 1}`,
        parameters,
      )) as Array<{ id: number | string }>;
      return row ? Number(row.id) : undefined;
    };
    const newest = await nth(1);
    if (newest === undefined) return { floor: 0, dense: false };
    // Its newest thousand cases span at most two thousand ids: they are most of the ids.
    const sample = await nth(DENSITY_SAMPLE);
    if (sample !== undefined && newest - sample < 2 * DENSITY_SAMPLE) {
      return { floor: Math.max(0, newest - RECENT_WINDOW), dense: true };
    }
    return { floor: (await nth(RECENT_WINDOW)) ?? 0, dense: false };
  }

  private async textBranch(
    tenant: Tenant,
    filter: CaseFilter,
    options: { timeZone: string },
    words: string[],
    { floor, dense }: { floor: number; dense: boolean },
    take: number,
    shape: (
      query: SelectQueryBuilder<Case>,
      match: (column: string) => string,
      recent: boolean,
    ) => void,
  ): Promise<number[]> {
    const patterns = Object.fromEntries(words.map((word, index) => [`w${index}`, `\\b${word}`]));
    // Newest first, along the primary key or the (municipality, id) index (see recentWindow); any
    // other index would sort the whole municipality.
    const recent = this.base(tenant, filter, options)
      .useIndex(dense ? 'PRIMARY' : 'ix_cases_recent')
      .andWhere('c.id >= :floor', { floor })
      .setParameters(patterns);
    shape(
      recent,
      (column) => words.map((_, index) => `${column} REGEXP :w${index}`).join(' AND '),
      true,
    );
    const newest = await this.ids(recent, take);
    if (newest.length === take || floor === 0) return newest;
    const older = this.base(tenant, filter, options)
      .andWhere('c.id < :floor', { floor })
      .setParameter('words', words.map((word) => `+${word}*`).join(' '));
    shape(older, (column) => `MATCH(${column}) AGAINST (:words IN BOOLEAN MODE)`, false);
    return [...newest, ...(await this.ids(older, take - newest.length, false))];
  }

  /**
   * The ids, newest first. `recentIndex: false` keeps MariaDB off the (municipality, id) index,
   * which a `ORDER BY id DESC LIMIT` draws it to: for a filter by status, organ or month, walking a
   * municipality's cases newest first until enough match reads far more rows than the filter's
   * own index does.
   */
  private async ids(
    query: SelectQueryBuilder<Case>,
    take: number,
    recentIndex = true,
  ): Promise<number[]> {
    const [sql, parameters] = query
      .select('c.id', 'id')
      .orderBy('c.id', 'DESC')
      .limit(take)
      .getQueryAndParameters();
    const hinted = recentIndex
      ? sql
      : sql.replace('FROM `cases` `c`', 'FROM `cases` `c` IGNORE INDEX (ix_cases_recent)');
    if (!recentIndex && hinted === sql) throw new Error('search: the cases table is not aliased');
    const rows = (await this.cases.query(hinted, parameters)) as Array<{ id: number | string }>;
    return rows.map((row) => Number(row.id));
  }

  /** The tenant and every filter but the words. */
  private base(
    tenant: Tenant,
    filter: CaseFilter,
    options: { timeZone: string },
  ): SelectQueryBuilder<Case> {
    const query = this.cases
      .createQueryBuilder('c')
      .where('c.municipalityId = :municipalityId', { municipalityId: tenant.municipalityId });
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
    return query;
  }
}
