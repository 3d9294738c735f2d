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
export type { AdjustedProtocol, StoredProtocolFile } from './protocol.queries';
export { contentHashOf, ProtocolCommands, ROUTE_OUTCOMES } from './protocol-commands';
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
