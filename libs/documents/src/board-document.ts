import { DocumentModel, DocumentSection } from './document-model';

/**
 * A board's own document (a verksamhetsplan, a follow-up report): the municipality and the board
 * in the letterhead with the dnr, the title and the board as its heading, the title in the footer.
 */
export function boardDocument(
  frame: { municipality: string; board: string; dnr: string | null },
  title: string,
  sections: DocumentSection[],
): DocumentModel {
  return {
    title: `${title} – ${frame.board}`,
    letterhead: {
      municipality: frame.municipality,
      unit: frame.board,
      kind: title,
      lines: frame.dnr ? [`Dnr ${frame.dnr}`] : [],
    },
    heading: `${title} – ${frame.board}`,
    sections,
    footer: `${frame.municipality} · ${title}`,
  };
}
