import { Injectable } from '@nestjs/common';
import { AuditLog, AuditRecord } from '@nf/audit';
import { Tenant } from '@nf/common';
import { EntityManager, In } from 'typeorm';
import { DocumentFile } from '../files/document-file.entity';
import { CaseDocument } from './case-document.entity';

/** What the dokumenthanteringsplan keeps of a weeded document: its register entry, or nothing. */
export type WeedingKeeps = 'register-entry' | 'nothing';

export interface Weeding {
  documentId: number;
  keep: WeedingKeeps;
  /** The rule, as the gallringsprotokoll names it (e.g. "3.2 Bygglov, ritningar: 2 år"). */
  rule: string;
}

export interface Weeded {
  filesRemoved: number;
  /** The stored bytes the removed files pointed at: the caller deletes those no one else holds. */
  storageKeys: string[];
}

/** The description a document keeps when the plan keeps nothing of it but that it existed. */
export const WEEDED_DESCRIPTION = 'Gallrad handling';

/**
 * Gallring in the registry, inside the caller's transaction (the records context's, with its
 * gallringslista): the documents' files go, the documents are marked weeded with the rule, and
 * where the plan keeps nothing their description and sender go too; the register entry of the case
 * and the document's number, date and type remain. A document already weeded is left alone.
 */
@Injectable()
export class WeedDocuments {
  constructor(private readonly audit: AuditLog) {}

  async execute(
    tx: EntityManager,
    tenant: Tenant,
    weedings: Weeding[],
    at: Date,
    audit: Pick<AuditRecord, 'actor'> = {},
  ): Promise<Map<number, Weeded>> {
    const result = new Map<number, Weeded>();
    if (weedings.length === 0) return result;
    const ids = weedings.map((weeding) => weeding.documentId);
    const documents = await tx.find(CaseDocument, {
      where: { id: In(ids), municipalityId: tenant.municipalityId },
      lock: { mode: 'pessimistic_write' },
    });
    const byId = new Map(documents.map((document) => [document.id, document]));
    const files = await tx.find(DocumentFile, {
      where: { documentId: In(ids), municipalityId: tenant.municipalityId },
    });
    const records: AuditRecord[] = [];
    for (const weeding of weedings) {
      const document = byId.get(weeding.documentId);
      if (!document || document.weededAt) {
        result.set(weeding.documentId, { filesRemoved: 0, storageKeys: [] });
        continue;
      }
      const its = files.filter((file) => file.documentId === document.id);
      const before = {
        weededAt: null,
        files: its.map((file) => ({ filename: file.filename, sha256: file.sha256 })),
      };
      document.weededAt = at;
      document.weededByRule = weeding.rule;
      document.updatedAt = at;
      if (weeding.keep === 'nothing') {
        document.description = WEEDED_DESCRIPTION;
        document.senderRecipient = null;
      }
      result.set(document.id, {
        filesRemoved: its.length,
        storageKeys: [...new Set(its.map((file) => file.storageKey))],
      });
      // The audit keeps that files went and by which rule, never the weeded content itself.
      records.push({
        ...audit,
        action: 'document.weeded',
        entityType: 'document',
        entityId: document.id,
        municipalityId: tenant.municipalityId,
        before,
        after: { weededAt: at.toISOString(), rule: weeding.rule, keep: weeding.keep, files: [] },
      });
    }
    const weeded = documents.filter((document) => document.weededAt === at);
    if (weeded.length > 0) {
      await tx.delete(DocumentFile, {
        documentId: In(weeded.map((document) => document.id)),
        municipalityId: tenant.municipalityId,
      });
      await tx.save(weeded);
    }
    await this.audit.recordMany(tx, records);
    return result;
  }
}
