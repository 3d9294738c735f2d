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
  /** Tables (the goals' summary, indicators, drift, investeringar, personal), after the text. */
  tables?: DocumentTable[];
  /** Charts drawn as vector graphics in the PDF (in the DOCX their figures are the tables). */
  charts?: DocumentChart[];
}

export interface DocumentTable {
  caption?: string;
  columns: string[];
  rows: string[][];
  /** A closing row in bold: the table's total. */
  total?: string[];
  /** Relative widths of the columns (the first is widest by default). */
  widths?: number[];
  /** Each column's alignment: by default the first left and the rest (figures) right. */
  align?: Array<'left' | 'right'>;
}

/** Bars of values over labels (years, verksamheter), with an optional target line. */
export interface DocumentChart {
  title: string;
  labels: string[];
  values: Array<number | null>;
  target?: number | null;
  /** How a value is written on its bar. */
  format: (value: number) => string;
}

/** A rendered file of a document. */
export interface RenderedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** How a table's column is aligned. */
export function alignOf(table: DocumentTable, column: number): 'left' | 'right' {
  return table.align?.[column] ?? (column === 0 ? 'left' : 'right');
}
