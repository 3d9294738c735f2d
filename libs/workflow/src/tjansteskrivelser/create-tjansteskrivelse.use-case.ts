import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, ValidationProblem, localDate } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Users } from '@nf/identity';
import { CaseQueries } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { Routes } from '../routes/routes';
import { TjansteskrivelseFields, assertMayWriteOn, snapshot } from './tjansteskrivelse.commands';
import { TjansteskrivelseReferences } from './tjansteskrivelse-references';
import { Tjansteskrivelse } from './tjansteskrivelse.entity';

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
