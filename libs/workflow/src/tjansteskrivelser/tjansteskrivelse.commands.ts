import { Permission, Principal } from '@nf/access';
import { ConflictProblem, ForbiddenProblem } from '@nf/common';
import { Case } from '@nf/registry';
import { Tjansteskrivelse } from './tjansteskrivelse.entity';

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
export function assertMayWriteOn(principal: Principal, record: Case): void {
  if (principal.can(Permission.CasesRegister)) return;
  if (record.responsibleUserId === principal.userId) return;
  throw new ForbiddenProblem(
    'You may write tjänsteskrivelser on the cases you are responsible for only.',
  );
}

export function assertAuthor(principal: Principal, record: Tjansteskrivelse): void {
  if (record.authorUserId !== principal.userId) {
    throw new ForbiddenProblem('A draft tjänsteskrivelse is edited by its author only.');
  }
}

export function assertDraft(record: Tjansteskrivelse): void {
  if (record.status !== 'draft') {
    throw new ConflictProblem(
      'tjansteskrivelse-submitted',
      `Version ${record.versionNo} is submitted and frozen; a new version is written when the case comes back (återremiss).`,
    );
  }
}
