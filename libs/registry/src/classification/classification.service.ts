import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '@nf/audit';
import { Clock, FieldError, Tenant, ValidationProblem } from '@nf/common';
import { TenantRepository, TransactionRunner } from '@nf/database';
import { Repository } from 'typeorm';
import { ClassificationCode } from './classification-code.entity';

export interface ClassificationEntry {
  code: string;
  title: string;
  parentCode?: string | null;
}

const CODE = /^[0-9A-Za-zÅÄÖåäö][0-9A-Za-zÅÄÖåäö.-]{0,31}$/;

/**
 * Reads a classification structure from CSV: `code;title[;parent]` per line (`,` or tab also
 * accepted as separator), an optional header line `kod;rubrik`, blank lines and `#` comments ignored.
 */
export function parseClassificationCsv(text: string): ClassificationEntry[] {
  const entries: ClassificationEntry[] = [];
  const errors: FieldError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const separator = line.includes(';') ? ';' : line.includes('\t') ? '\t' : ',';
    const [code, title, parentCode] = line
      .split(separator)
      .map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
    if (index === 0 && /^(kod|code)$/i.test(code)) return;
    if (!code || !title) {
      errors.push({ field: `line ${index + 1}`, message: 'needs a code and a title' });
      return;
    }
    entries.push({ code, title, parentCode: parentCode || null });
  });
  if (errors.length)
    throw new ValidationProblem(errors, 'The classification file has lines that cannot be read.');
  return entries;
}

@Injectable()
export class ClassificationService {
  readonly repository: TenantRepository<ClassificationCode>;

  constructor(
    @InjectRepository(ClassificationCode) repository: Repository<ClassificationCode>,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    this.repository = new TenantRepository(repository, 'classification code');
  }

  list(tenant: Tenant): Promise<ClassificationCode[]> {
    return this.repository.find(tenant, {}, { code: 'ASC' });
  }

  /** Throws a 422 naming the field unless the code is an active code of the municipality. */
  async assertUsable(tenant: Tenant, code: string, field = 'classificationCode'): Promise<void> {
    const found = await this.repository.findOne(tenant, { code, active: true });
    if (!found)
      throw new ValidationProblem([
        { field, message: `no classification code ${JSON.stringify(code)} in this municipality` },
      ]);
  }

  /**
   * Imports a structure: codes are added or retitled; codes missing from the file stay (cases use
   * them) but are kept active. All or nothing, with one audit entry.
   */
  async import(
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
