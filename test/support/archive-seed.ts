import { createHash, randomBytes } from 'node:crypto';
import { FilesystemStorage } from '@nf/registry';
import type { DataSource } from 'typeorm';

/**
 * Many closed cases at once for a delivery to the e-archive (the archive tests and the benchmark):
 * `cases` cases of the series, closed in 2019, with one document per file, each file a few KB of
 * its own bytes, stored in the file store as the registry stores them. Written with bulk inserts
 * (MariaDB's sequence tables): registering them one by one would take minutes.
 */
export async function seedClosedCases(
  dataSource: DataSource,
  filesDir: string,
  target: { municipalityId: number; seriesId: number; year: number },
  size: { cases: number; filesPerCase: number; bytes?: number },
): Promise<{ caseIds: number[]; files: number }> {
  const { municipalityId, seriesId, year } = target;
  const [{ first }] = (await dataSource.query(
    'SELECT COALESCE(MAX(serial), 0) + 1 AS first FROM cases WHERE series_id = ? AND year = ?',
    [seriesId, year],
  )) as Array<{ first: number | string }>;
  const start = Number(first);
  await dataSource.query(
    `INSERT INTO cases (municipality_id, series_id, year, serial, dnr, imported, title, classification_code,
       status, registered_at, decided_at, closed_at, created_at, updated_at)
     SELECT ?, ?, ?, ? + seq - 1, CONCAT(?, '-', LPAD(? + seq - 1, 5, '0')), TRUE,
       CONCAT('Arkivärende ', seq, ' om ', ELT(1 + seq % 4, 'förskola', 'bredband', 'hamnen', 'budget')),
       NULL, 'closed', TIMESTAMP(CONCAT(?, '-03-01 10:00:00')), TIMESTAMP(CONCAT(?, '-05-01 10:00:00')),
       TIMESTAMP(CONCAT(?, '-06-01 10:00:00')), NOW(3), NOW(3)
     FROM seq_1_to_${size.cases}`,
    [municipalityId, seriesId, year, start, year, start, year, year, year],
  );
  const caseIds = (
    (await dataSource.query(
      'SELECT id FROM cases WHERE series_id = ? AND year = ? AND serial >= ? ORDER BY id',
      [seriesId, year, start],
    )) as Array<{ id: number | string }>
  ).map((row) => Number(row.id));
  await dataSource.query(
    `INSERT INTO documents (municipality_id, case_id, ordinal, direction, document_date, sender_recipient,
       description, type, registered_at, created_at, updated_at)
     SELECT ?, c.id, n.seq, ELT(1 + n.seq % 3, 'inkommande', 'upprattad', 'utgaende'),
       CONCAT(?, '-04-0', n.seq), CONCAT('Avsändare ', n.seq), CONCAT('Handling ', n.seq, ' i ', c.dnr),
       ELT(1 + n.seq % 3, 'skrivelse', 'tjansteskrivelse', 'beslut'), c.registered_at, NOW(3), NOW(3)
       FROM cases c JOIN seq_1_to_${size.filesPerCase} n
      WHERE c.series_id = ? AND c.year = ? AND c.serial >= ?`,
    [municipalityId, year, seriesId, year, start],
  );
  const documents = (await dataSource.query(
    `SELECT d.id, d.ordinal FROM documents d JOIN cases c ON c.id = d.case_id
      WHERE c.series_id = ? AND c.year = ? AND c.serial >= ? ORDER BY d.id`,
    [seriesId, year, start],
  )) as Array<{ id: number | string; ordinal: number }>;
  const storage = new FilesystemStorage(filesDir);
  const rows: unknown[][] = [];
  for (const document of documents) {
    const bytes = Buffer.concat([
      Buffer.from(`Handling ${document.id}\n`),
      randomBytes(size.bytes ?? 2_048),
    ]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await storage.put(sha256, bytes);
    rows.push([
      municipalityId,
      Number(document.id),
      `handling-${document.ordinal}.pdf`,
      'application/pdf',
      bytes.length,
      sha256,
      sha256,
    ]);
  }
  for (let index = 0; index < rows.length; index += 1_000) {
    const chunk = rows.slice(index, index + 1_000);
    await dataSource.query(
      `INSERT INTO document_files (municipality_id, document_id, filename, content_type, size_bytes, sha256,
         storage_key, created_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, NOW(3))').join(', ')}`,
      chunk.flat(),
    );
  }
  return { caseIds, files: rows.length };
}
