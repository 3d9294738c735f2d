/**
 * One row that points at stored bytes (a document's, a kallelse's or a protocol's file), as the
 * check of the file store reads them: each context lists its own.
 */
export interface StoredFileRow {
  id: number;
  municipalityId: number;
  filename: string;
  sha256: string;
  storageKey: string;
}
