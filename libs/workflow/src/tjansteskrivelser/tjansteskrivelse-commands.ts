import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  ForbiddenProblem,
  localDate,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { Users } from '@nf/identity';
import { Case, CaseQueries, DocumentQueries, RegisterDocument } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { In } from 'typeorm';
import { Routes } from '../routes/routes';
import { Tjansteskrivelse } from './tjansteskrivelse.entity';
import { Tjansteskrivelser } from './tjansteskrivelser';

export interface TjansteskrivelseFields {
  title?: string;
  documentDate?: string;
  authorTitle?: string;
  addressedOrganId?: number;
  summary?: string | null;
  description?: string | null;
  proposalClauses?: string[];
  basisDocumentIds?: number[];
  genderAnalysis?: string | null;
  followUpClause?: string | null;
}

export function snapshot(record: Tjansteskrivelse) {
  return {
    caseId: record.caseId,
    versionNo: record.versionNo,
    status: record.status,
    title: record.title,
    documentDate: record.documentDate,
    addressedOrganId: record.addressedOrganId,
    proposalClauses: record.proposalClauses,
    basisDocumentIds: record.basisDocumentIds,
    followUpClause: record.followUpClause,
  };
}

/** A handläggare writes on the cases they are responsible for; registrators and admins on any. */
function assertMayWriteOn(principal: Principal, record: Case): void {
  if (principal.can(Permission.CasesRegister)) return;
  if (record.responsibleUserId === principal.userId) return;
  throw new ForbiddenProblem(
    'You may write tjänsteskrivelser on the cases you are responsible for only.',
  );
}

function assertAuthor(principal: Principal, record: Tjansteskrivelse): void {
  if (record.authorUserId !== principal.userId) {
    throw new ForbiddenProblem('A draft tjänsteskrivelse is edited by its author only.');
  }
}

function assertDraft(record: Tjansteskrivelse): void {
  if (record.status !== 'draft') {
    throw new ConflictProblem(
      'tjansteskrivelse-submitted',
      `Version ${record.versionNo} is submitted and frozen; a new version is written when the case comes back (återremiss).`,
    );
  }
}

@Injectable()
export class TjansteskrivelseReferences {
  constructor(
    private readonly documents: DocumentQueries,
    private readonly organs: Organs,
  ) {}

  /** The organ exists in the tenant, and the basis documents belong to the same case. */
  async check(tenant: Tenant, caseId: number, fields: TjansteskrivelseFields): Promise<void> {
    if (fields.addressedOrganId !== undefined) {
      await this.organs.get(tenant, fields.addressedOrganId).catch(() => {
        throw new ValidationProblem([{ field: 'addressedOrganId', message: 'no such organ' }]);
      });
    }
    const ids = fields.basisDocumentIds ?? [];
    if (ids.length === 0) return;
    const found = await this.documents.repository.find(tenant, { caseId, id: In(ids) });
    const missing = ids.filter((id) => !found.some((document) => document.id === id));
    if (missing.length > 0) {
      throw new ValidationProblem([
        {
          field: 'basisDocumentIds',
          message: `not documents of this case: ${missing.join(', ')}`,
        },
      ]);
    }
  }
}

/**
 * Starts a tjänsteskrivelse (the next version of the case's). A new version is possible while the
 * case has none in draft and either has never had one submitted or is back for preparation.
 */
@Injectable()
export class CreateTjansteskrivelse {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseQueries,
    private readonly routes: Routes,
    private readonly references: TjansteskrivelseReferences,
    private readonly users: Users,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    caseId: number,
    fields: TjansteskrivelseFields,
  ): Promise<Tjansteskrivelse> {
    await this.references.check(principal, caseId, fields);
    const { user } = await this.users.get(principal, principal.userId);
    const municipality = await this.municipalities.getById(principal.municipalityId);
    return this.transactions.run(async (tx) => {
      const record = await this.cases.repository.getForUpdate(tx, principal, caseId);
      assertMayWriteOn(principal, record);
      if (record.status !== 'open') {
        throw new ConflictProblem('case-not-open', `Case ${record.dnr} is ${record.status}.`);
      }
      const existing = await tx.find(Tjansteskrivelse, {
        where: { caseId, municipalityId: principal.municipalityId },
        order: { versionNo: 'DESC' },
      });
      if (existing.some((version) => version.status === 'draft')) {
        throw new ConflictProblem('draft-exists', 'The case already has a draft tjänsteskrivelse.');
      }
      const route = await this.routes.forCase(principal, caseId, tx);
      if (existing.length > 0) {
        const preparing = route && route.steps[route.route.currentStep].state === 'preparing';
        if (!preparing || route.route.status !== 'active') {
          throw new ConflictProblem(
            'tjansteskrivelse-submitted',
            'The tjänsteskrivelse is submitted; a new version is written when the case comes back (återremiss).',
          );
        }
      }
      const addressedOrganId =
        fields.addressedOrganId ??
        route?.steps.find((step) => step.authoritative)?.organId ??
        record.organId;
      if (!addressedOrganId) {
        throw new ValidationProblem([
          { field: 'addressedOrganId', message: 'required: the case has no route or organ' },
        ]);
      }
      const now = this.clock.now();
      const draft = tx.create(Tjansteskrivelse, {
        municipalityId: principal.municipalityId,
        caseId,
        versionNo: (existing[0]?.versionNo ?? 0) + 1,
        status: 'draft',
        title: fields.title ?? record.title,
        documentDate: fields.documentDate ?? localDate(now, municipality.timeZone),
        authorUserId: principal.userId,
        authorName: user.displayName,
        authorTitle: fields.authorTitle ?? '',
        addressedOrganId,
        summary: fields.summary ?? null,
        description: fields.description ?? null,
        proposalClauses: fields.proposalClauses ?? [],
        basisDocumentIds: fields.basisDocumentIds ?? [],
        genderAnalysis: fields.genderAnalysis ?? null,
        followUpClause: fields.followUpClause ?? null,
        submittedAt: null,
        documentId: null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.save(draft);
      await this.audit.record(tx, {
        action: 'tjansteskrivelse.created',
        entityType: 'tjansteskrivelse',
        entityId: draft.id,
        municipalityId: principal.municipalityId,
        after: snapshot(draft),
      });
      return draft;
    });
  }
}

/** Edits a draft; only its author may, and only while it is a draft. */
@Injectable()
export class UpdateTjansteskrivelse {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly tjansteskrivelser: Tjansteskrivelser,
    private readonly references: TjansteskrivelseReferences,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: number,
    fields: TjansteskrivelseFields,
    expectedVersion?: number,
  ): Promise<Tjansteskrivelse> {
    const current = await this.tjansteskrivelser.repository.getById(principal, id);
    await this.references.check(principal, current.caseId, fields);
    return this.transactions.run(async (tx) => {
      const record = await this.tjansteskrivelser.repository.getForUpdate(tx, principal, id);
      assertAuthor(principal, record);
      assertDraft(record);
      assertCurrentVersion('tjänsteskrivelse', record.version, expectedVersion);
      const before = snapshot(record);
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) Object.assign(record, { [key]: value });
      }
      record.updatedAt = this.clock.now();
      await tx.save(record);
      await this.audit.record(tx, {
        action: 'tjansteskrivelse.updated',
        entityType: 'tjansteskrivelse',
        entityId: record.id,
        municipalityId: principal.municipalityId,
        before,
        after: snapshot(record),
      });
      return record;
    });
  }
}

/**
 * Submits a draft: frozen from now on, registered as an upprättad document of the case, and, when
 * the case's route waits for it, the route event that makes the case ready for the organ.
 */
@Injectable()
export class SubmitTjansteskrivelse {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly tjansteskrivelser: Tjansteskrivelser,
    private readonly registerDocument: RegisterDocument,
    private readonly routes: Routes,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: number,
    expectedVersion?: number,
  ): Promise<Tjansteskrivelse> {
    return this.transactions.run(async (tx) => {
      const record = await this.tjansteskrivelser.repository.getForUpdate(tx, principal, id);
      assertAuthor(principal, record);
      assertDraft(record);
      assertCurrentVersion('tjänsteskrivelse', record.version, expectedVersion);
      const missing = [
        record.proposalClauses.length === 0 && 'proposalClauses',
        !record.authorTitle.trim() && 'authorTitle',
      ].filter((field): field is string => Boolean(field));
      if (missing.length > 0) {
        throw new ValidationProblem(
          missing.map((field) => ({ field, message: 'required before submitting' })),
          'The tjänsteskrivelse is not complete.',
        );
      }
      const before = snapshot(record);
      const document = await this.registerDocument.execute(
        principal,
        principal,
        {
          caseId: record.caseId,
          direction: 'upprattad',
          date: record.documentDate,
          senderRecipient: `${record.authorName}, ${record.authorTitle}`,
          description: `Tjänsteskrivelse: ${record.title}`,
          type: 'tjansteskrivelse',
        },
        tx,
      );
      record.status = 'submitted';
      record.submittedAt = this.clock.now();
      record.documentId = document.id;
      record.updatedAt = record.submittedAt;
      await tx.save(record);
      const route = await this.routes.forCase(principal, record.caseId, tx);
      if (
        route &&
        route.route.status === 'active' &&
        route.steps[route.route.currentStep].state === 'preparing'
      ) {
        await this.routes.record(
          tx,
          principal,
          route,
          {
            kind: 'submitted',
            step: route.route.currentStep,
            round: route.route.currentRound,
            text: await this.tjansteskrivelser.proposalOf(principal, record),
          },
          { source: `tjansteskrivelse:${record.id}`, followUpClause: record.followUpClause },
          principal.userId,
        );
      }
      await this.outbox.enqueue(tx, 'documents.render-tjansteskrivelse', {
        municipalityId: principal.municipalityId,
        tjansteskrivelseId: record.id,
      });
      await this.audit.record(tx, {
        action: 'tjansteskrivelse.submitted',
        entityType: 'tjansteskrivelse',
        entityId: record.id,
        municipalityId: principal.municipalityId,
        before,
        after: { ...snapshot(record), documentId: document.id },
      });
      return record;
    });
  }
}
