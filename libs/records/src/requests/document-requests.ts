import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  localDate,
  NotFoundProblem,
  type Tenant,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { DocumentQueries, RegisterDocument } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { RecordHolds } from '../holds/record-holds';
import {
  DocumentRequest,
  DocumentRequestItem,
  type ItemDecision,
  RecordHold,
} from '../records.entities';

export interface RegisterRequestCommand {
  requester?: string | null;
  contact?: string | null;
  description: string;
  /** When it came in; now when not given. */
  receivedAt?: string | null;
  documentIds: number[];
}

export interface DecideItemCommand {
  decision: Exclude<ItemDecision, 'pending'>;
  oslProvision?: string | null;
  reasons?: string | null;
}

/** Who asked, when nobody said (no one has to: TF 2 kap. 18 §). */
export const ANONYMOUS_REQUESTER = 'Enskild (anonym)';

/**
 * Utlämnande: a request for allmänna handlingar registered with the documents it asks for (each
 * case put on hold against gallring while it is open), the sekretessprövning of each document, and
 * the decision — where anything is refused or redacted, a decision document registered on each
 * case concerned (rendered by a job, with the provisions and how to appeal); then the holds go.
 */
@Injectable()
export class DocumentRequests {
  constructor(
    @InjectRepository(DocumentRequest) private readonly requests: Repository<DocumentRequest>,
    @InjectRepository(DocumentRequestItem)
    private readonly items: Repository<DocumentRequestItem>,
    private readonly documents: DocumentQueries,
    private readonly registerDocument: RegisterDocument,
    private readonly holds: RecordHolds,
    private readonly municipalities: Municipalities,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Open requests first (oldest first: they are to be handled skyndsamt), then the decided. */
  list(tenant: Tenant): Promise<DocumentRequest[]> {
    return this.requests
      .createQueryBuilder('r')
      .where('r.municipality_id = :municipalityId', { municipalityId: tenant.municipalityId })
      .orderBy("CASE WHEN r.status = 'open' THEN 0 ELSE 1 END", 'ASC')
      .addOrderBy("CASE WHEN r.status = 'open' THEN r.received_at END", 'ASC')
      .addOrderBy('r.id', 'DESC')
      .take(200)
      .getMany();
  }

  async get(
    tenant: Tenant,
    id: number,
  ): Promise<{ request: DocumentRequest; items: DocumentRequestItem[] }> {
    const request = await this.requests.findOne({
      where: { id, municipalityId: tenant.municipalityId },
    });
    if (!request) throw new NotFoundProblem('document request', id);
    const items = await this.items.find({
      where: { municipalityId: tenant.municipalityId, requestId: id },
      order: { id: 'ASC' },
    });
    return { request, items };
  }

  /** Open requests that came in before the instant, for the reminders. */
  openSince(tenant: Tenant, before: Date): Promise<DocumentRequest[]> {
    return this.requests
      .createQueryBuilder('r')
      .where('r.municipality_id = :municipalityId', { municipalityId: tenant.municipalityId })
      .andWhere("r.status = 'open'")
      .andWhere('r.received_at < :before', { before })
      .orderBy('r.received_at', 'ASC')
      .getMany();
  }

  async register(principal: Principal, command: RegisterRequestCommand): Promise<DocumentRequest> {
    const now = this.clock.now();
    const receivedAt = command.receivedAt ? new Date(command.receivedAt) : now;
    const errors: Array<{ field: string; message: string }> = [];
    if (receivedAt > now)
      errors.push({ field: 'receivedAt', message: 'A request cannot come in later than now.' });
    const ids = [...new Set(command.documentIds)];
    const documents = await this.documents.byIds(principal, ids);
    const found = new Set(documents.map((document) => document.id));
    command.documentIds.forEach((id, index) => {
      if (!found.has(id))
        errors.push({ field: `documentIds[${index}]`, message: `No document ${id}.` });
    });
    if (errors.length) throw new ValidationProblem(errors);
    return this.transactions.run(async (tx) => {
      const request = await tx.save(
        tx.create(DocumentRequest, {
          municipalityId: principal.municipalityId,
          requester: command.requester?.trim() || null,
          contact: command.contact?.trim() || null,
          description: command.description,
          receivedAt,
          status: 'open',
          registeredBy: principal.userId,
          decidedBy: null,
          decidedAt: null,
        }),
      );
      await tx.insert(
        DocumentRequestItem,
        documents.map((document) => ({
          municipalityId: principal.municipalityId,
          requestId: request.id,
          caseId: document.caseId,
          documentId: document.id,
          decision: 'pending' as const,
        })),
      );
      // An open request for documents stops their gallring (each of their cases is held).
      for (const caseId of [...new Set(documents.map((document) => document.caseId))]) {
        await this.holds.place(
          principal,
          principal.userId,
          {
            caseId,
            reason: 'request',
            note: `Begäran om utlämnande nr ${request.id}`,
            requestId: request.id,
          },
          tx,
        );
      }
      await this.audit.record(tx, {
        action: 'document-request.registered',
        entityType: 'document-request',
        entityId: request.id,
        municipalityId: principal.municipalityId,
        after: {
          requester: request.requester,
          receivedAt: receivedAt.toISOString(),
          documentIds: ids,
        },
      });
      return request;
    });
  }

  /** The sekretessprövning of one requested document. */
  async decideItem(
    principal: Principal,
    requestId: number,
    itemId: number,
    command: DecideItemCommand & { version?: number },
  ): Promise<DocumentRequestItem> {
    const needsProvision = command.decision !== 'release';
    if (needsProvision && !command.oslProvision?.trim()) {
      throw new ValidationProblem([
        {
          field: 'oslProvision',
          message: 'A refusal or a redaction names the provision of OSL it rests on.',
        },
      ]);
    }
    return this.transactions.run(async (tx) => {
      const request = await this.lockedOpen(tx, principal, requestId, command.version);
      const item = await tx.findOne(DocumentRequestItem, {
        where: { id: itemId, requestId: request.id, municipalityId: principal.municipalityId },
      });
      if (!item) throw new NotFoundProblem('requested document', itemId);
      const before = { decision: item.decision, oslProvision: item.oslProvision };
      Object.assign(item, {
        decision: command.decision,
        oslProvision: needsProvision ? command.oslProvision!.trim() : null,
        reasons: command.reasons?.trim() || null,
        decidedBy: principal.userId,
        decidedAt: this.clock.now(),
      });
      await tx.save(item);
      await this.audit.record(tx, {
        action: 'document-request.item-decided',
        entityType: 'document-request',
        entityId: request.id,
        municipalityId: principal.municipalityId,
        before,
        after: {
          itemId: item.id,
          documentId: item.documentId,
          decision: item.decision,
          oslProvision: item.oslProvision,
        },
      });
      return item;
    });
  }

  /**
   * Decides the request once every document has had its prövning: a refusal or a redaction is
   * registered as a decision document (beslut, utgående, to the requester) on each case concerned,
   * rendered by `records.render-request-decision`; the request's holds are lifted.
   */
  async decide(
    principal: Principal,
    requestId: number,
    expectedVersion?: number,
  ): Promise<DocumentRequest> {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    return this.transactions.run(async (tx) => {
      const request = await this.lockedOpen(tx, principal, requestId, expectedVersion);
      const items = await tx.find(DocumentRequestItem, {
        where: { municipalityId: principal.municipalityId, requestId },
        order: { id: 'ASC' },
      });
      const pending = items.filter((item) => item.decision === 'pending');
      if (pending.length) {
        throw new ConflictProblem(
          'request-items-pending',
          `${pending.length} of the requested documents have not had their sekretessprövning.`,
        );
      }
      const now = this.clock.now();
      const appealable = items.filter((item) => item.decision !== 'release');
      const decisionDocuments: number[] = [];
      for (const caseId of [...new Set(appealable.map((item) => item.caseId))]) {
        const document = await this.registerDocument.execute(
          principal,
          principal,
          {
            caseId,
            direction: 'utgaende',
            date: localDate(now, municipality.timeZone),
            senderRecipient: request.requester ?? ANONYMOUS_REQUESTER,
            description: `Beslut om utlämnande av allmän handling (begäran nr ${request.id})`,
            type: 'beslut',
          },
          tx,
        );
        decisionDocuments.push(document.id);
        await tx.update(
          DocumentRequestItem,
          { municipalityId: principal.municipalityId, requestId, caseId },
          { decisionDocumentId: document.id },
        );
      }
      if (decisionDocuments.length) {
        await this.outbox.enqueue(tx, 'records.render-request-decision', {
          municipalityId: principal.municipalityId,
          requestId,
        });
      }
      const holds = await tx.find(RecordHold, {
        where: { municipalityId: principal.municipalityId, requestId, liftedAt: IsNull() },
      });
      for (const hold of holds)
        await this.holds.lift(principal, principal.userId, hold.id, undefined, tx);
      request.status = 'decided';
      request.decidedBy = principal.userId;
      request.decidedAt = now;
      const saved = await tx.save(request);
      await this.audit.record(tx, {
        action: 'document-request.decided',
        entityType: 'document-request',
        entityId: request.id,
        municipalityId: principal.municipalityId,
        before: { status: 'open' },
        after: {
          status: 'decided',
          released: items.filter((item) => item.decision === 'release').length,
          redacted: items.filter((item) => item.decision === 'release-redacted').length,
          refused: items.filter((item) => item.decision === 'refuse').length,
          decisionDocumentIds: decisionDocuments,
        },
      });
      return saved;
    });
  }

  /** The request's items with a decision document, for the job that renders it. */
  itemsWithDecisionDocuments(tenant: Tenant, requestId: number): Promise<DocumentRequestItem[]> {
    return this.items.find({
      where: {
        municipalityId: tenant.municipalityId,
        requestId,
        decision: In(['refuse', 'release-redacted']),
      },
      order: { id: 'ASC' },
    });
  }

  private async lockedOpen(
    tx: EntityManager,
    tenant: Tenant,
    id: number,
    expectedVersion?: number,
  ): Promise<DocumentRequest> {
    const request = await tx.findOne(DocumentRequest, {
      where: { id, municipalityId: tenant.municipalityId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!request) throw new NotFoundProblem('document request', id);
    assertCurrentVersion('document request', request.version, expectedVersion);
    if (request.status !== 'open') {
      throw new ConflictProblem('request-decided', 'The request is already decided.');
    }
    return request;
  }
}
