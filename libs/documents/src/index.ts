export { DOCX, PDF } from './document-model';
export type { DocumentModel, DocumentSection, RenderedFile } from './document-model';
export { renderPdf } from './pdf-renderer';
export { renderDocx } from './docx-renderer';
export { tjansteskrivelseDocument } from './tjansteskrivelse-layout';
export type { TjansteskrivelseContent } from './tjansteskrivelse-layout';
export { kallelseDocument } from './kallelse-layout';
export type { KallelseContent } from './kallelse-layout';
