import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, ProblemError } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '../cases/case.queries';
import { acceptedType, contentMatches } from '../files/content-types';
import { DocumentFile } from '../files/document-file.entity';
import { FileStorage, VirusScanner } from '../files/file-storage';
import { IncomingFile, AttachOptions, assertMayRegisterOn } from './document.commands';
import { DocumentQueries } from './document.queries';

/**
 * Stores a file of a document: accepted type, bytes that match it, within the size limit, and
 * clean by the virus scanner; then recorded with its SHA-256 in one transaction with its audit entry.
 */

@Injectable()
export class AttachFile {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly documents: DocumentQueries,
    private readonly cases: CaseQueries,
    private readonly storage: FileStorage,
    private readonly scanner: VirusScanner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async execute(
    tenant: Tenant,
    actor: Principal | null,
    documentId: number,
    file: IncomingFile,
    options: AttachOptions = {},
  ): Promise<DocumentFile> {
    const document = await this.documents.repository.getById(tenant, documentId);
    assertMayRegisterOn(actor, await this.cases.get(tenant, document.caseId));
    if (file.data.length === 0)
      throw new ProblemError(422, 'empty-file', 'Empty file', 'The file is empty.');
    if (file.data.length > this.config.files.maxBytes) {
      throw new ProblemError(
        413,
        'payload-too-large',
        'Payload too large',
        `Files may be at most ${this.config.files.maxBytes} bytes.`,
      );
    }
    const type = acceptedType(file.contentType);
    if (!type) {
      throw new ProblemError(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        `Files of type ${file.contentType ?? '(none)'} are not accepted.`,
      );
    }
    if (!contentMatches(type, file.data)) {
      throw new ProblemError(
        415,
        'content-mismatch',
        'Unsupported media type',
        `The file's contents are not ${type}.`,
      );
    }
    const verdict = await this.scanner.scan(file.data, file.filename);
    if (!verdict.clean) {
      throw new ProblemError(
        422,
        'infected-file',
        'Infected file',
        `The virus scanner refused the file: ${verdict.finding}.`,
      );
    }
    // Content-addressed: a failed transaction below leaves at most an unreferenced copy of the bytes.
    const { sha256 } = await this.storage.store(file.data);
    return this.transactions.run(async (tx) => {
      await this.documents.repository.getForUpdate(tx, tenant, documentId);
      if (options.once) {
        // Under the document's lock: a run that got here first has committed its file.
        const attached = await tx.findOne(DocumentFile, {
          where: { documentId, filename: file.filename, municipalityId: tenant.municipalityId },
        });
        if (attached) return attached;
      }
      const row = tx.create(DocumentFile, {
        municipalityId: tenant.municipalityId,
        documentId,
        filename: file.filename,
        contentType: type,
        sizeBytes: file.data.length,
        sha256,
        storageKey: sha256,
        createdAt: this.clock.now(),
        createdBy: actor?.userId ?? null,
      });
      await tx.save(row);
      await this.audit.record(tx, {
        action: 'document.file-attached',
        entityType: 'document',
        entityId: documentId,
        municipalityId: tenant.municipalityId,
        after: {
          fileId: row.id,
          filename: row.filename,
          contentType: type,
          sizeBytes: row.sizeBytes,
          sha256,
        },
      });
      return row;
    });
  }
}
