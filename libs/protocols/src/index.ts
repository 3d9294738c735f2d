export {
  Anslag,
  Paragraph,
  PARAGRAPH_OUTCOMES,
  Protocol,
  PROTOCOL_STATUSES,
  ProtocolSignature,
} from './protocol.entities';
export type { ParagraphOutcome, ProtocolStatus } from './protocol.entities';
export { ProtocolQueries } from './protocol.queries';
export type {
  AdjustedProtocol,
  CaseDecision,
  PublishedParagraph,
  PublishedProtocol,
  StoredProtocolFile,
} from './protocol.queries';
export { contentHashOf, ROUTE_OUTCOMES } from './protocol-edits';
export type { ParagraphChange, ProtocolHeading, ProtocolSigners } from './protocol-edits';
export { CreateProtocol } from './use-cases/create-protocol.use-case';
export { SetProtocolHeading } from './use-cases/set-protocol-heading.use-case';
export { UpdateParagraph } from './use-cases/update-paragraph.use-case';
export { AddReservationReasons } from './use-cases/add-reservation-reasons.use-case';
export { RequestImmediateJustering } from './use-cases/request-immediate-justering.use-case';
export { LockProtocol } from './use-cases/lock-protocol.use-case';
export { SignProtocol } from './use-cases/sign-protocol.use-case';
export { ContinueParagraphSeries } from './use-cases/continue-paragraph-series.use-case';
export { ProtocolsHttpModule, ProtocolsModule } from './protocols.module';
export {
  attendanceLines,
  BALLOTS,
  countVotes,
  NO_PROCEEDINGS,
  proceedingsLines,
} from './proceedings';
export type { Attendance, Ballot, Proceedings, Recipient, Votering } from './proceedings';
export { LoginSignature, SIGNATURE_PROVIDERS } from './signatures';
export type { SignatureProvider, SignatureRequest } from './signatures';
export { ApplyParagraph } from './apply-paragraph';
export { ReportToBoard } from './report-to-board';
