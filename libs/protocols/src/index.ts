export {
  Anslag,
  Paragraph,
  PARAGRAPH_OUTCOMES,
  Protocol,
  PROTOCOL_STATUSES,
  ProtocolSignature,
} from './protocol.entities';
export type { ParagraphOutcome, ProtocolStatus } from './protocol.entities';
export { contentHashOf, ProtocolCommands, ROUTE_OUTCOMES } from './protocol-commands';
export { ProtocolsHttpModule, ProtocolsModule } from './protocols.module';
