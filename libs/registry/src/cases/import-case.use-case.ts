import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, Tenant, ValidationProblem } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { DnrFormat } from '../dnr/dnr-format';
import { Case, CaseStatus } from './case.entity';
import { CaseParticulars, CaseReferences } from './case-references';
import { caseRow, insertCaseRaw } from './case-rows';

export interface ImportCaseCommand extends CaseParticulars {
  /** The historical number as printed, e.g. `2018-00278`. */
  dnr: string;
  seriesId?: number;
  registeredAt: Date;
  status?: CaseStatus;
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
