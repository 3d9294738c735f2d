import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, localYear, Tenant } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { DnrFormat } from '../dnr/dnr-format';
import { Case } from './case.entity';
import { CaseParticulars, CaseReferences } from './case-references';
import { caseRow, insertCaseRaw } from './case-rows';

export interface RegisterCaseCommand extends CaseParticulars {
  seriesId?: number;
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
