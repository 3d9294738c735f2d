import { Principal } from '@nf/access';
import { canSeeSecret, canSeeSecretAt, titleFor } from '@nf/registry';
import { Meeting } from '../meeting.entities';
import { Agenda } from '../meeting.queries';
import { toAgendaNoticeView } from './meetings.mappers';

export function toMeetingView(meeting: Meeting) {
  return {
    id: meeting.id,
    organId: meeting.organId,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt?.toISOString() ?? null,
    place: meeting.place,
    openToPublic: meeting.openToPublic,
    secretaryName: meeting.secretaryName,
    chairName: meeting.chairName,
    submissionDeadline: meeting.submissionDeadline,
    status: meeting.status,
    kallelseVersion: meeting.kallelseVersion,
    agendaChangedAfterKallelse: meeting.agendaChangedAfterKallelse,
    cancelledReason: meeting.cancelledReason,
    version: meeting.version,
  };
}

/**
 * The agenda as staff and members see it: a secret case shows its public title, except to those
 * who may see it and to the organ's own people, who prepare to decide it.
 */
export function toAgendaView(agenda: Agenda, principal: Principal) {
  const organId = agenda.meeting.organId;
  return {
    ...toMeetingView(agenda.meeting),
    items: agenda.items.map((item) => {
      const record = item.caseId === null ? undefined : agenda.cases.get(item.caseId);
      const sees = record === undefined || canSeeSecretAt(principal, record, organId);
      const hidden = record !== undefined && record.secrecyOsl !== null && !sees;
      return {
        id: item.id,
        no: item.ordinal,
        kind: item.kind,
        title: record ? titleFor({ ...record, title: item.title }, sees) : item.title,
        caseId: item.caseId,
        dnr: record?.dnr ?? null,
        classificationCode: record?.classificationCode ?? null,
        proposalText: hidden ? null : item.proposalText,
        closedOsl: item.closedOsl,
        addedAt: item.createdAt.toISOString(),
        documents:
          hidden || item.kind !== 'case' || item.caseId === null
            ? []
            : (agenda.documents.get(item.caseId) ?? [])
                .filter(
                  // Secret documents follow the registry's rule (it serves their files).
                  (document) => document.secrecyOsl === null || canSeeSecret(principal, record!),
                )
                .map((document) => ({
                  id: document.id,
                  ordinal: document.ordinal,
                  type: document.type,
                  date: document.documentDate,
                  description: document.description,
                  registeredAt: document.registeredAt.toISOString(),
                  // Read through the meeting (GET /meetings/:id/documents/:documentId/files/:fileId).
                  files: (agenda.files.get(document.id) ?? []).map((file) => ({
                    id: file.id,
                    filename: file.filename,
                    contentType: file.contentType,
                    sizeBytes: file.sizeBytes,
                  })),
                })),
        ...(item.kind === 'notices'
          ? {
              notices: agenda.notices.map(toAgendaNoticeView),
            }
          : {}),
        ...(item.kind === 'delegation-report'
          ? {
              decisions: agenda.decisions.map((decision) => ({
                id: decision.id,
                delegate: decision.delegate,
                delegateTitle: decision.delegateTitle,
                decidedOn: decision.decidedOn,
                pointCode: decision.pointCode,
                pointText: decision.pointText,
                dnr: decision.dnr,
                summary: decision.summary,
                urgent: decision.urgent,
                outsideOrder: decision.outsideOrder,
                sourceProtocolId: decision.sourceProtocolId,
                sourceParagraphs: decision.sourceParagraphs,
              })),
            }
          : {}),
      };
    }),
  };
}
