import { DocumentFile } from '../files/document-file.entity';
import { CaseDocument } from './case-document.entity';

export const SECRET_DESCRIPTION = 'Sekretessbelagd handling';

/**
 * A document's registration details. For a viewer without the right, a secret document (or any
 * document of a secret case) shows no description or files, and a protected sender is not shown.
 */
export function toDocumentView(
  document: CaseDocument,
  files: DocumentFile[],
  options: { canSeeSecret: boolean; caseSecret: boolean; includeFiles: boolean },
) {
  const hidden = !options.canSeeSecret && (document.secrecyOsl !== null || options.caseSecret);
  const senderHidden = !options.canSeeSecret && document.senderProtected;
  return {
    id: document.id,
    caseId: document.caseId,
    ordinal: document.ordinal,
    direction: document.direction,
    date: document.documentDate,
    senderRecipient: senderHidden ? null : document.senderRecipient,
    senderHidden,
    description: hidden ? SECRET_DESCRIPTION : document.description,
    descriptionHidden: hidden,
    type: document.type,
    secrecyOsl: document.secrecyOsl,
    registeredAt: document.registeredAt.toISOString(),
    weededAt: document.weededAt?.toISOString() ?? null,
    weededByRule: document.weededByRule,
    files:
      hidden || !options.includeFiles
        ? []
        : files
            .filter((file) => file.documentId === document.id)
            .map((file) => ({
              id: file.id,
              filename: file.filename,
              contentType: file.contentType,
              sizeBytes: file.sizeBytes,
              sha256: file.sha256,
            })),
  };
}
