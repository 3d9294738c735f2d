import { DocumentModel, DOCX, PDF, type RenderedFile } from './document-model';
import { renderDocx } from './docx-renderer';
import { renderPdf } from './pdf-renderer';

/** A document rendered as the reader asked: `<stem>.pdf` (dated `at`) or `<stem>.docx`. */
export async function renderDocument(
  model: DocumentModel,
  format: 'pdf' | 'docx',
  stem: string,
  at: Date,
): Promise<RenderedFile> {
  return format === 'pdf'
    ? { filename: `${stem}.pdf`, contentType: PDF, data: await renderPdf(model, at) }
    : { filename: `${stem}.docx`, contentType: DOCX, data: await renderDocx(model) };
}
