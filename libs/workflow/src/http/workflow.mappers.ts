import { toEventView } from '../timeline/workflow.queries';
import { Motion } from '../motions/motion.entity';
import { RouteEvent } from '../routes/route.entities';
import { Tjansteskrivelse } from '../tjansteskrivelser/tjansteskrivelse.entity';

export function toTjansteskrivelseView(record: Tjansteskrivelse) {
  return {
    id: record.id,
    caseId: record.caseId,
    versionNo: record.versionNo,
    status: record.status,
    title: record.title,
    documentDate: record.documentDate,
    author: { userId: record.authorUserId, name: record.authorName, title: record.authorTitle },
    addressedOrganId: record.addressedOrganId,
    summary: record.summary,
    description: record.description,
    proposalClauses: record.proposalClauses,
    basisDocumentIds: record.basisDocumentIds,
    genderAnalysis: record.genderAnalysis,
    followUpClause: record.followUpClause,
    submittedAt: record.submittedAt?.toISOString() ?? null,
    documentId: record.documentId,
    version: record.version,
  };
}

export function toMotionView(motion: Motion) {
  return {
    caseId: motion.caseId,
    submittedOn: motion.submittedOn,
    authors: motion.authors,
    deadlineOn: motion.deadlineOn,
    remittedOn: motion.remittedOn,
    remittedParagraph: motion.remittedParagraph,
    reportedOn: motion.reportedOn,
    answer: motion.answer,
    answeredOn: motion.answeredOn,
  };
}

export function accepted(event: RouteEvent) {
  return { ...toEventView(event), step: event.step, caseId: event.caseId };
}
