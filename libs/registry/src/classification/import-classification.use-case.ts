import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, FieldError, Tenant, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { ClassificationCode } from './classification-code.entity';
import { ClassificationEntry, CODE } from './classification-file';

/**
 * Imports a structure: codes are added or retitled; codes missing from the file stay (cases use
 * them) but are kept active. All or nothing, with one audit entry.
 */
@Injectable()
export class ImportClassification {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    entries: ClassificationEntry[],
  ): Promise<{ added: number; updated: number }> {
    const errors: FieldError[] = [];
    const codes = new Set<string>();
    entries.forEach((entry, index) => {
      if (!CODE.test(entry.code))
        errors.push({ field: `codes.${index}.code`, message: 'not a valid classification code' });
      if (codes.has(entry.code))
        errors.push({ field: `codes.${index}.code`, message: `code ${entry.code} appears twice` });
      codes.add(entry.code);
      if (!entry.title?.trim() || entry.title.length > 300)
        errors.push({
          field: `codes.${index}.title`,
          message: 'needs a title of at most 300 characters',
        });
    });
    entries.forEach((entry, index) => {
      if (entry.parentCode && !codes.has(entry.parentCode)) {
        errors.push({
          field: `codes.${index}.parentCode`,
          message: `parent ${entry.parentCode} is not in the file`,
        });
      }
    });
    if (errors.length) throw new ValidationProblem(errors);
    return this.transactions.run(async (tx) => {
      const existing = new Map(
        (
          await tx.find(ClassificationCode, {
            where: { municipalityId: tenant.municipalityId },
            lock: { mode: 'pessimistic_write' },
          })
        ).map((row) => [row.code, row]),
      );
      const now = this.clock.now();
      let added = 0;
      let updated = 0;
      for (const entry of entries) {
        const row = existing.get(entry.code);
        if (!row) {
          await tx.insert(ClassificationCode, {
            municipalityId: tenant.municipalityId,
            code: entry.code,
            title: entry.title.trim(),
            parentCode: entry.parentCode ?? null,
            active: true,
            createdAt: now,
            updatedAt: now,
          });
          added++;
        } else if (
          row.title !== entry.title.trim() ||
          row.parentCode !== (entry.parentCode ?? null) ||
          !row.active
        ) {
          await tx.update(
            ClassificationCode,
            { id: row.id, municipalityId: tenant.municipalityId },
            {
              title: entry.title.trim(),
              parentCode: entry.parentCode ?? null,
              active: true,
              updatedAt: now,
            },
          );
          updated++;
        }
      }
      await this.audit.record(tx, {
        action: 'classification.imported',
        entityType: 'classification',
        municipalityId: tenant.municipalityId,
        after: { codes: entries.length, added, updated },
      });
      return { added, updated };
    });
  }
}
