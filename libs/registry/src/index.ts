export { DnrFormat, DnrFormatError, withClassification } from './dnr/dnr-format';
export type { DnrParts } from './dnr/dnr-format';
export { DnrSeries } from './series/dnr-series.entity';
export { DnrSeriesQueries } from './series/dnr-series.queries';
export { CreateDnrSeries } from './series/create-dnr-series.use-case';
export { UpdateDnrSeries } from './series/update-dnr-series.use-case';
export { ClassificationCode } from './classification/classification-code.entity';
export { ClassificationQueries } from './classification/classification.queries';
export { ImportClassification } from './classification/import-classification.use-case';
export { parseClassificationCsv } from './classification/classification-file';
export type { ClassificationEntry } from './classification/classification-file';
export { Case, CASE_STATUSES } from './cases/case.entity';
export type { CaseStatus } from './cases/case.entity';
export type { DocumentType } from './documents/case-document.entity';
export { CaseQueries } from './cases/case.queries';
export type { ArchiveSelection } from './cases/case.queries';
export { RegisterCase } from './cases/register-case.use-case';
export type { RegisterCaseCommand } from './cases/register-case.use-case';
export { ImportCase } from './cases/import-case.use-case';
export type { ImportCaseCommand } from './cases/import-case.use-case';
export { MarkCasesDecided } from './cases/mark-cases-decided.use-case';
export { LinkCases } from './cases/link-cases.use-case';
export { MarkCaseSecrecy } from './cases/mark-case-secrecy.use-case';
export { UpdateCase } from './cases/update-case.use-case';
export { CloseCase } from './cases/close-case.use-case';
export {
  canSeeSecret,
  canSeeSecretAt,
  publicTitleOf,
  SECRET_TITLE,
  titleFor,
} from './secrecy/secrecy';
export type { SecrecyOf } from './secrecy/secrecy';
export { toCaseView, toPublicCaseView } from './cases/case-view';
export { SECRET_DESCRIPTION as SECRET_DOCUMENT_DESCRIPTION } from './documents/document-view';
export { CaseDocument, DOCUMENT_TYPES } from './documents/case-document.entity';
export { AttachFile } from './documents/attach-file.use-case';
export { DocumentQueries } from './documents/document.queries';
export { RegisterDocument } from './documents/register-document.use-case';
export { WeedDocuments, WEEDED_DESCRIPTION } from './documents/weed-documents.use-case';
export type { Weeding, WeedingKeeps, Weeded } from './documents/weed-documents.use-case';
export { DocumentFile } from './files/document-file.entity';
export { FileStorage, FilesystemStorage, NoVirusScanner, VirusScanner } from './files/file-storage';
export type { StoredFile } from './files/file-storage';
export { RegistryModule } from './registry.module';
export { RegistryHttpModule } from './registry-http.module';
export * from './http/registry.views';
