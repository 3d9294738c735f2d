import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, localYear, Tenant, ValidationProblem } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { Users } from '@nf/identity';
import { Municipalities, Organs } from '@nf/tenancy';
import { EntityManager } from 'typeorm';
import { ClassificationService } from '../classification/classification.service';
import { DnrFormat } from '../dnr/dnr-format';
import { DnrSeries } from '../series/dnr-series.entity';
import { DnrSeriesService } from '../series/dnr-series.service';
import { Case, CaseStatus } from './case.entity';

export interface CaseParticulars {
  title: string;
  publicTitle?: string | null;
  classificationCode?: string | null;
  organId?: number | null;
  responsibleUserId?: number | null;
  unit?: string | null;
  secrecyOsl?: string | null;
}

export interface RegisterCaseCommand extends CaseParticulars {
  seriesId?: number;
}

export interface ImportCaseCommand extends CaseParticulars {
  /** The historical number as printed, e.g. `2018-00278`. */
  dnr: string;
  seriesId?: number;
  registeredAt: Date;
  status?: CaseStatus;
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
    private readonly classification: ClassificationService,
    private readonly organs: Organs,
    private readonly users: Users,
    private readonly series: DnrSeriesService,
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

function caseRow(
  tenant: Tenant,
  particulars: CaseParticulars,
  actorId: number | null,
  now: Date,
): Partial<Case> {
  return {
    municipalityId: tenant.municipalityId,
    title: particulars.title,
    publicTitle: particulars.publicTitle ?? null,
    classificationCode: particulars.classificationCode ?? null,
    organId: particulars.organId ?? null,
    responsibleUserId: particulars.responsibleUserId ?? null,
    unit: particulars.unit ?? null,
    status: 'open',
    secrecyOsl: particulars.secrecyOsl ?? null,
    secrecyMarkedBy: particulars.secrecyOsl ? actorId : null,
    secrecyMarkedAt: particulars.secrecyOsl ? now : null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Registers a new case and gives it the next diary number of its series for the local year of
 * registration. The serial comes from the counter row of (series, year), locked and incremented in
 * the same transaction that inserts the case: a rolled-back registration gives its number back, so
 * serials are gapless, and the unique key (series, year, serial) is the backstop. Numbers taken by
 * imported cases are stepped over, never handed out. Everything that can be prepared is prepared
 * before the counter is locked, so that the lock is held for three statements and the commit.
 */
@Injectable()
export class RegisterCase {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly references: CaseReferences,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    actorId: number | null,
    command: RegisterCaseCommand,
    hooks: { beforeCommit?: (manager: EntityManager, record: Case) => Promise<void> } = {},
  ): Promise<Case> {
    await this.references.check(tenant, command);
    const series = await this.references.seriesFor(tenant, command.seriesId);
    const format = new DnrFormat(series.format);
    const timeZone = await this.references.timeZoneOf(tenant);
    return this.transactions.run(async (tx) => {
      const now = this.clock.now();
      const year = localYear(now, timeZone);
      const record = Object.assign(new Case(), {
        ...caseRow(tenant, command, actorId, now),
        seriesId: series.id,
        year,
        imported: false,
        registeredAt: now,
        version: 1,
      } as Partial<Case>);
      record.serial = await takeSerial(tx, series.id, year);
      for (;;) {
        record.dnr = format.print({ year, serial: record.serial });
        try {
          record.id = await insertCaseRaw(tx, record);
          break;
        } catch (error) {
          // Taken by an imported case: step over it; the counter never hands it out.
          if (!isDuplicateKeyError(error)) throw error;
          record.serial = await takeSerial(tx, series.id, year);
        }
      }
      await this.audit.record(tx, {
        action: 'case.registered',
        entityType: 'case',
        entityId: record.id,
        municipalityId: tenant.municipalityId,
        after: {
          dnr: record.dnr,
          title: record.title,
          classificationCode: record.classificationCode,
          secrecyOsl: record.secrecyOsl,
        },
      });
      await hooks.beforeCommit?.(tx, record);
      return record;
    });
  }
}

/**
 * Takes the next serial of (series, year) in one statement that creates the counter row for a new
 * year or increments it, holding its row lock until commit. LAST_INSERT_ID(expr) hands the new
 * value back in the statement's reply, so no SELECT … FOR UPDATE round trip is needed.
 */
async function takeSerial(tx: EntityManager, seriesId: number, year: number): Promise<number> {
  const result = (await tx.query(
    `INSERT INTO dnr_counters (series_id, year, next_serial) VALUES (?, ?, LAST_INSERT_ID(2))
       ON DUPLICATE KEY UPDATE next_serial = LAST_INSERT_ID(next_serial + 1)`,
    [seriesId, year],
  )) as { insertId: number };
  return Number(result.insertId) - 1;
}

const CASE_COLUMNS = [
  'municipality_id',
  'series_id',
  'year',
  'serial',
  'dnr',
  'imported',
  'title',
  'public_title',
  'classification_code',
  'organ_id',
  'responsible_user_id',
  'unit',
  'status',
  'registered_at',
  'secrecy_osl',
  'secrecy_marked_by',
  'secrecy_marked_at',
  'created_at',
  'updated_at',
  'version',
];
const INSERT_CASE = `INSERT INTO cases (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`;

/** A plain INSERT, so that no ORM work happens while the counter is locked. */
async function insertCaseRaw(tx: EntityManager, record: Case): Promise<number> {
  const result = (await tx.query(INSERT_CASE, [
    record.municipalityId,
    record.seriesId,
    record.year,
    record.serial,
    record.dnr,
    record.imported ? 1 : 0,
    record.title,
    record.publicTitle,
    record.classificationCode,
    record.organId,
    record.responsibleUserId,
    record.unit,
    record.status,
    record.registeredAt,
    record.secrecyOsl,
    record.secrecyMarkedBy,
    record.secrecyMarkedAt,
    record.createdAt,
    record.updatedAt,
    1,
  ])) as { insertId: number };
  return Number(result.insertId);
}

/** Brings a case over from an earlier registry with its historical number, leaving the counter alone. */
@Injectable()
export class ImportCase {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly references: CaseReferences,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    actorId: number | null,
    command: ImportCaseCommand,
    manager?: EntityManager,
  ): Promise<Case> {
    await this.references.check(tenant, command);
    const series = await this.references.seriesFor(tenant, command.seriesId);
    const format = new DnrFormat(series.format);
    const parts = format.parse(command.dnr);
    if (!parts) {
      throw new ValidationProblem([
        {
          field: 'dnr',
          message: `${JSON.stringify(command.dnr)} is not a number of the form ${series.format}`,
        },
      ]);
    }
    const work = async (tx: EntityManager) => {
      const now = this.clock.now();
      const record = tx.create(Case, {
        ...caseRow(tenant, command, actorId, now),
        seriesId: series.id,
        year: parts.year,
        serial: parts.serial,
        dnr: format.print(parts),
        imported: true,
        status: command.status ?? 'open',
        registeredAt: command.registeredAt,
      });
      record.id = await insertCaseRaw(tx, record);
      await this.audit.record(tx, {
        action: 'case.imported',
        entityType: 'case',
        entityId: record.id,
        municipalityId: tenant.municipalityId,
        after: {
          dnr: record.dnr,
          title: record.title,
          registeredAt: record.registeredAt.toISOString(),
        },
      });
      return record;
    };
    try {
      return manager ? await work(manager) : await this.transactions.run(work);
    } catch (error) {
      if (isDuplicateKeyError(error))
        throw new ConflictProblem(
          'dnr-taken',
          `The number ${command.dnr} is already in the registry.`,
        );
      throw error;
    }
  }
}
