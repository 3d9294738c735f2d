import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, type Tenant } from '@nf/common';
import type { EntityManager } from 'typeorm';
import { snapshot } from './tjansteskrivelse.commands';
import { Tjansteskrivelse } from './tjansteskrivelse.entity';

/** A tjänsteskrivelse written and submitted before the case came into the system. */
export interface HistoricalTjansteskrivelse {
  title: string;
  /** Its date (YYYY-MM-DD); it counts as submitted at noon that day. */
  documentDate: string;
  authorName: string;
  authorTitle: string;
  addressedOrganId: number;
  proposalClauses: string[];
  followUpClause: string | null;
}

/**
 * Records an imported case's submitted tjänsteskrivelse, as the first version, in the caller's
 * transaction (the import starts the case's route in the same one). Audited like any other.
 */
@Injectable()
export class ImportTjansteskrivelse {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tx: EntityManager,
    tenant: Tenant,
    caseId: number,
    writing: HistoricalTjansteskrivelse,
  ): Promise<Tjansteskrivelse> {
    const now = this.clock.now();
    const record = await tx.save(
      tx.create(Tjansteskrivelse, {
        municipalityId: tenant.municipalityId,
        caseId,
        versionNo: 1,
        status: 'submitted',
        ...writing,
        authorUserId: null,
        summary: null,
        description: null,
        basisDocumentIds: [],
        genderAnalysis: null,
        submittedAt: new Date(`${writing.documentDate}T12:00:00Z`),
        documentId: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.audit.record(tx, {
      action: 'tjansteskrivelse.imported',
      entityType: 'tjansteskrivelse',
      entityId: record.id,
      municipalityId: tenant.municipalityId,
      after: snapshot(record),
    });
    return record;
  }
}
