import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { AppConfig } from '@nf/config';
import { Clock, ForbiddenProblem, ProblemError, Tenant } from '@nf/common';
import { TenantRepository, TransactionRunner } from '@nf/database';
import { EntityManager, Repository } from 'typeorm';
import { Case } from '../cases/case.entity';
import { CaseQueries } from '../cases/case.queries';
import { acceptedType, contentMatches } from '../files/content-types';
import { DocumentFile } from '../files/document-file.entity';
import { FileStorage, VirusScanner } from '../files/file-storage';
import { CaseDocument, DocumentDirection, DocumentType } from './case-document.entity';

export interface RegisterDocumentCommand {
  caseId: number;
  direction: DocumentDirection;
  /** Local date received (inkommande) or drawn up (upprättad). */
  date: string;
  senderRecipient?: string | null;
  senderProtected?: boolean;
  description: string;
  type: DocumentType;
  secrecyOsl?: string | null;
}

/** Registrators register on any case; a handläggare on the cases they are responsible for. */
export function assertMayRegisterOn(actor: Principal | null, record: Case): void {
  if (!actor || actor.can(Permission.CasesRegister)) return;
  if (actor.can(Permission.DocumentsRegister) && record.responsibleUserId === actor.userId) return;
  throw new ForbiddenProblem(
    'You may register documents on the cases you are responsible for only.',
  );
}

/** Registers a document (handling) on a case, numbered 1, 2, 3 … within the case. */
@Injectable()
export class RegisterDocument {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    actor: Principal | null,
    command: RegisterDocumentCommand,
    manager?: EntityManager,
  ): Promise<CaseDocument> {
    const work = async (tx: EntityManager) => {
      // Locking the case serialises the ordinals of its documents.
      const record = await this.cases.repository.getForUpdate(tx, tenant, command.caseId);
      assertMayRegisterOn(actor, record);
      const [{ last }] = (await tx.query(
        'SELECT COALESCE(MAX(ordinal), 0) AS last FROM documents WHERE case_id = ? AND municipality_id = ?',
        [record.id, tenant.municipalityId],
      )) as Array<{ last: number | string }>;
      const now = this.clock.now();
      const document = tx.create(CaseDocument, {
        municipalityId: tenant.municipalityId,
        caseId: record.id,
        ordinal: Number(last) + 1,
        direction: command.direction,
        documentDate: command.date,
        senderRecipient: command.senderRecipient ?? null,
        senderProtected: command.senderProtected ?? false,
        description: command.description,
        type: command.type,
        secrecyOsl: command.secrecyOsl ?? null,
        registeredAt: now,
        registeredBy: actor?.userId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.save(document);
      await this.audit.record(tx, {
        action: 'document.registered',
        entityType: 'document',
        entityId: document.id,
        municipalityId: tenant.municipalityId,
        after: {
          caseId: record.id,
          dnr: record.dnr,
          ordinal: document.ordinal,
          direction: document.direction,
          type: document.type,
          secrecyOsl: document.secrecyOsl,
        },
      });
      return document;
    };
    return manager ? work(manager) : this.transactions.run(work);
  }
}

@Injectable()
export class DocumentQueries {
  readonly repository: TenantRepository<CaseDocument>;
  readonly files: TenantRepository<DocumentFile>;

  constructor(
    @InjectRepository(CaseDocument) private readonly documents: Repository<CaseDocument>,
    @InjectRepository(DocumentFile) files: Repository<DocumentFile>,
  ) {
    this.repository = new TenantRepository(documents, 'document');
    this.files = new TenantRepository(files, 'file');
  }

  forCase(tenant: Tenant, caseId: number): Promise<CaseDocument[]> {
    return this.repository.find(tenant, { caseId }, { ordinal: 'ASC' });
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

export interface IncomingFile {
  filename: string;
  contentType: string | undefined;
  data: Buffer;
}

export interface AttachOptions {
  /**
   * At most one file of this name on the document: a job that renders a file passes it, so that
   * two runs of the job (a retry beside a stalled run) attach it once. The second gets the first's.
   */
  once?: boolean;
}

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
