import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity } from 'typeorm';

/** A file of a document, stored by content hash in the file storage. */
@Entity({ name: 'document_files' })
export class DocumentFile {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('document_id'))
  documentId: number;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({
    name: 'size_bytes',
    type: 'bigint',
    unsigned: true,
    transformer: { to: (v: unknown) => v, from: (v: unknown) => Number(v) },
  })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 300 })
  storageKey: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column(idColumn('created_by', true))
  createdBy: number | null;
}
