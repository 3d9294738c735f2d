import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { StoredFileRow, Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { In, IsNull, MoreThan, Not, Repository, EntityManager } from 'typeorm';
import { DocumentFile } from '../files/document-file.entity';
import { CaseDocument } from './case-document.entity';

@Injectable()
export class DocumentQueries {
  readonly repository: TenantRepository<CaseDocument>;
  readonly files: TenantRepository<DocumentFile>;

  constructor(
    @InjectRepository(CaseDocument) private readonly documents: Repository<CaseDocument>,
    @InjectRepository(DocumentFile) private readonly fileRows: Repository<DocumentFile>,
  ) {
    this.repository = new TenantRepository(documents, 'document');
    this.files = new TenantRepository(fileRows, 'file');
  }

  forCase(tenant: Tenant, caseId: number): Promise<CaseDocument[]> {
    return this.repository.find(tenant, { caseId }, { ordinal: 'ASC' });
  }

  /** The documents of the cases, each case's in registration order. */
  forCases(tenant: Tenant, caseIds: number[]): Promise<CaseDocument[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return this.repository.find(
      tenant,
      { caseId: In([...new Set(caseIds)]) },
      { caseId: 'ASC', ordinal: 'ASC' },
    );
  }

  /** The tenant's documents among the ids. */
  byIds(tenant: Tenant, ids: number[]): Promise<CaseDocument[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repository.find(tenant, { id: In([...new Set(ids)]) });
  }

  /** The files of the documents, by id. */
  filesOf(tenant: Tenant, documentIds: number[]): Promise<DocumentFile[]> {
    if (documentIds.length === 0) return Promise.resolve([]);
    return this.files.find(tenant, { documentId: In([...new Set(documentIds)]) }, { id: 'ASC' });
  }

  /**
   * A page of the files that still point at stored bytes (weeded rows point at none), in id
   * order after `afterId`: what the check of the file store reads.
   */
  async storedFiles(afterId: number, limit: number): Promise<StoredFileRow[]> {
    const rows = await this.fileRows.find({
      select: { id: true, municipalityId: true, filename: true, sha256: true, storageKey: true },
      // Every municipality's rows on purpose: the check covers the whole store.
      where: { id: MoreThan(afterId), municipalityId: Not(IsNull()) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map(({ id, municipalityId, filename, sha256, storageKey }) => ({
      id,
      municipalityId,
      filename,
      sha256,
      storageKey,
    }));
  }

  /**
   * Which of these stored keys a registered file still points at, in any municipality: the store
   * keeps bytes by their hash, so two municipalities' identical files share one (gallring removes
   * bytes only when no one holds them).
   */
  async storageKeysInUse(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.fileRows.find({
      select: { storageKey: true },
      // Every municipality's rows on purpose: the stored bytes are shared by hash.
      where: { storageKey: In([...new Set(keys)]), municipalityId: Not(IsNull()) },
    });
    return new Set(rows.map((row) => row.storageKey));
  }

  /**
   * The case's document of this type and description (a job's rendered extract, say), read in
   * the caller's transaction when one is given, so that it sees the caller's lock and writes.
   */
  findByDescription(
    tenant: Tenant,
    document: { caseId: number; type: CaseDocument['type']; description: string },
    tx?: EntityManager,
  ): Promise<CaseDocument | null> {
    return (tx ?? this.documents.manager).findOne(CaseDocument, {
      where: { municipalityId: tenant.municipalityId, ...document },
    });
  }
}
