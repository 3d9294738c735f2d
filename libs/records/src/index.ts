export { RecordsModule } from './records.module';
export { RecordsHttpModule } from './records-http.module';
export { RetentionPlans } from './retention/retention-plans';
export type {
  AdoptPlanCommand,
  RetentionRuleInput,
  PlanInForce,
} from './retention/retention-plans';
export { RecordHolds } from './holds/record-holds';
export { GallringLists, EXCLUDED_AT_APPROVAL } from './gallring/gallring-lists';
export { selectDue, dueFor } from './gallring/due';
export type { ClosedCaseFacts, DocumentFacts, DueDocument } from './gallring/due';
export { addMonths, dueOn, ruleFor, describeRetention } from './retention/retention-rules';
export type { RetentionRuleTerms } from './retention/retention-rules';
export {
  GallringItem,
  GallringList,
  RecordHold,
  RetentionPlan,
  RetentionRule,
} from './records.entities';
export { ArchiveDeliveries } from './archive/archive-deliveries';
export { ExportDelivery, ermsSchemaPath } from './archive/export-delivery';
export { ArchiveDelivery, ArchiveReceipt } from './records.entities';
export { DocumentRequests } from './requests/document-requests';
export { DocumentRequest, DocumentRequestItem } from './records.entities';
export { VerifyFiles } from './files/verify-files';
export type { FileCheck, FileProblem, FileProblemKind } from './files/verify-files';
