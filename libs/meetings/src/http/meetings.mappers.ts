import { StreamableFile } from '@nestjs/common';
import { NotFoundProblem } from '@nf/common';
import { FileStorage } from '@nf/registry';
import {
  DelegationDecision,
  DelegationPoint,
  Kallelse,
  KallelseFile,
  Notice,
} from '../meeting.entities';

export function toKallelseView(
  kallelse: Kallelse,
  files: KallelseFile[],
  audience: 'members' | 'public',
) {
  return {
    ...kallelse.content,
    versionNo: kallelse.versionNo,
    publishedAt: kallelse.publishedAt.toISOString(),
    items: kallelse.content.items.filter(
      (item) => audience === 'members' || item.closedOsl === null,
    ),
    files: files
      .filter((file) => file.public === (audience === 'public'))
      .map((file) => ({
        id: file.id,
        filename: file.filename,
        contentType: file.contentType,
        sizeBytes: Number(file.sizeBytes),
      })),
  };
}

export async function streamFile(
  storage: FileStorage,
  files: KallelseFile[],
  fileId: number,
  publicOnly: boolean,
): Promise<StreamableFile> {
  const file = files.find(
    (candidate) => candidate.id === fileId && (!publicOnly || candidate.public),
  );
  if (!file) throw new NotFoundProblem('file', fileId);
  return storage.download(file);
}

/** A notice as registered: its organ, and the rest as the agenda shows it. */
export function toNoticeView(notice: Notice) {
  return { ...toAgendaNoticeView(notice), organId: notice.organId };
}

/** A notice as the agenda shows it (the organ is the meeting's). */
export function toAgendaNoticeView(notice: Notice) {
  return {
    id: notice.id,
    dnr: notice.dnr,
    sender: notice.sender,
    receivedOn: notice.receivedOn,
    text: notice.text,
    kind: notice.kind,
    answerBy: notice.answerBy,
    remissStatus: notice.remissStatus,
    answerCaseId: notice.answerCaseId,
    declinedReason: notice.declinedReason,
  };
}

export function toPointView(point: DelegationPoint) {
  return {
    code: point.code,
    text: point.text,
    delegates: point.delegates,
    substitutes: point.substitutes,
    lagrum: point.lagrum,
    limitAmount: point.limitAmount,
    limitMatters: point.limitMatters,
    mustReport: point.mustReport,
    urgent: point.urgent,
  };
}

export function toDecisionView(decision: DelegationDecision) {
  return {
    id: decision.id,
    organId: decision.organId,
    delegate: decision.delegate,
    delegateTitle: decision.delegateTitle,
    decidedOn: decision.decidedOn,
    pointCode: decision.pointCode,
    pointText: decision.pointText,
    dnr: decision.dnr,
    caseId: decision.caseId,
    amount: decision.amount,
    urgent: decision.urgent,
    summary: decision.summary,
    outsideOrder: decision.outsideOrder,
    sourceProtocolId: decision.sourceProtocolId,
    sourceParagraphs: decision.sourceParagraphs,
    meetingId: decision.meetingId,
    appealPostedOn: decision.appealPostedOn,
    appealEndsOn: decision.appealEndsOn,
  };
}
