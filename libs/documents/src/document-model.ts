/**
 * A document a person reads (tjänsteskrivelse, kallelse, protokoll, utdrag) as structure, before it
 * is rendered to PDF and DOCX. The wording is Swedish; the renderers only lay it out.
 */
export interface DocumentModel {
  /** Title of the file's metadata. */
  title: string;
  /** The letterhead: the municipality on the left, the kind of document and its particulars right. */
  letterhead: {
    municipality: string;
    unit?: string | null;
    kind: string;
    lines: string[];
  };
  heading: string;
  sections: DocumentSection[];
  /** Closing lines, e.g. "I tjänsten", the name and the title. */
  closing?: string[];
  /** A footer on every page (the page number is added). */
  footer?: string;
}

export interface DocumentSection {
  heading?: string;
  paragraphs?: string[];
  /** Items shown as a list (att-satser, beslutsunderlag). */
  items?: string[];
}

/** A rendered file of a document. */
export interface RenderedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
