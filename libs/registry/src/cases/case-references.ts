import { Injectable } from '@nestjs/common';
import { ConflictProblem, Tenant, ValidationProblem } from '@nf/common';
import { Users } from '@nf/identity';
import { Municipalities, Organs } from '@nf/tenancy';
import { ClassificationQueries } from '../classification/classification.queries';
import { DnrSeries } from '../series/dnr-series.entity';
import { DnrSeriesQueries } from '../series/dnr-series.queries';

export interface CaseParticulars {
  title: string;
  publicTitle?: string | null;
  classificationCode?: string | null;
  organId?: number | null;
  responsibleUserId?: number | null;
  unit?: string | null;
  secrecyOsl?: string | null;
}

/**
 * A few seconds' memory of rarely changing lookups (a series, a municipality's time zone), so that
 * a registration does not read them every time. A change takes effect within the TTL.
 */
class ShortCache {
  private readonly entries = new Map<string, { value: unknown; until: number }>();

  constructor(private readonly ttlMs: number) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value as T;
    const value = await load();
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
    return value;
  }
}

/** Checks a case's references against the tenant: class code, organ, responsible official. */
@Injectable()
export class CaseReferences {
  private readonly cache = new ShortCache(5_000);

  constructor(
    private readonly classification: ClassificationQueries,
    private readonly organs: Organs,
    private readonly users: Users,
    private readonly series: DnrSeriesQueries,
    private readonly municipalities: Municipalities,
  ) {}

  async check(tenant: Tenant, particulars: Partial<CaseParticulars>): Promise<void> {
    if (particulars.classificationCode)
      await this.classification.assertUsable(tenant, particulars.classificationCode);
    if (particulars.organId != null) await this.organs.get(tenant, particulars.organId);
    if (particulars.responsibleUserId != null)
      await this.users.repository.getById(tenant, particulars.responsibleUserId);
    if (particulars.secrecyOsl === null && particulars.publicTitle) {
      throw new ValidationProblem([
        { field: 'publicTitle', message: 'a public title belongs to a secret case' },
      ]);
    }
  }

  async seriesFor(tenant: Tenant, seriesId: number | undefined): Promise<DnrSeries> {
    const series = await this.cache.get(`${tenant.municipalityId}:${seriesId ?? 'default'}`, () =>
      seriesId === undefined ? this.series.defaultFor(tenant) : this.series.get(tenant, seriesId),
    );
    if (!series.active) {
      throw new ConflictProblem(
        'dnr-series-closed',
        `The series ${series.code} is closed for new cases.`,
      );
    }
    return series;
  }

  async timeZoneOf(tenant: Tenant): Promise<string> {
    return this.cache.get(
      `${tenant.municipalityId}:tz`,
      async () => (await this.municipalities.getById(tenant.municipalityId)).timeZone,
    );
  }
}
