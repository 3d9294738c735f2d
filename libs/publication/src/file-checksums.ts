import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { FileStorage } from '@nf/registry';
import { DataSource } from 'typeorm';

/**
 * The SHA-512 of published files (OParl's `sha512Checksum`; we store files by their SHA-256):
 * read from what was worked out before, else worked out from the stored bytes once and kept.
 */
@Injectable()
export class FileChecksums {
  private readonly logger = new Logger(FileChecksums.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
  ) {}

  /** The SHA-512 of each file by its SHA-256, for those whose bytes are there. */
  async sha512Of(sha256s: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(sha256s.filter((sha256) => /^[0-9a-f]{64}$/.test(sha256)))];
    if (wanted.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      'SELECT sha256, sha512 FROM file_checksums WHERE sha256 IN (?)',
      [wanted],
    )) as Array<{ sha256: string; sha512: string }>;
    const known = new Map(rows.map((row) => [row.sha256, row.sha512]));
    for (const sha256 of wanted.filter((candidate) => !known.has(candidate))) {
      try {
        const sha512 = createHash('sha512')
          .update(await this.storage.read(sha256))
          .digest('hex');
        await this.dataSource.query(
          'INSERT IGNORE INTO file_checksums (sha256, sha512) VALUES (?, ?)',
          [sha256, sha512],
        );
        known.set(sha256, sha512);
      } catch (error) {
        this.logger.warn(`No bytes for the file ${sha256}: ${String(error)}`);
      }
    }
    return known;
  }
}
