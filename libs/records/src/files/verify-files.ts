import { Injectable } from '@nestjs/common';
import { StoredFileRow } from '@nf/common';
import { MeetingQueries } from '@nf/meetings';
import { ProtocolQueries } from '@nf/protocols';
import { DocumentQueries, FileStorage } from '@nf/registry';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';

export type FileProblemKind = 'missing' | 'corrupt';

export interface FileProblem {
  kind: FileProblemKind;
  /** Which table's row points at the bytes: `document_files`, `kallelse_files`, `protocol_files`. */
  source: string;
  file: StoredFileRow;
  /** The SHA-256 of the bytes found, for a corrupt file. */
  found?: string;
}

export interface FileCheck {
  checked: number;
  problems: FileProblem[];
}

const PAGE = 500;

/**
 * The check of the file store against the database (`cli files:verify`): every file a document,
 * kallelse or protocol still points at must be there, with the bytes its SHA-256 names. Read as a
 * stream, one file at a time, so that memory stays flat however large the store is. After a
 * restore this is how to know the files directory matches the database.
 */
@Injectable()
export class VerifyFiles {
  constructor(
    private readonly documents: DocumentQueries,
    private readonly meetings: MeetingQueries,
    private readonly protocols: ProtocolQueries,
    private readonly storage: FileStorage,
  ) {}

  async run(onProblem: (problem: FileProblem) => void = () => undefined): Promise<FileCheck> {
    const sources: Array<[string, (afterId: number, limit: number) => Promise<StoredFileRow[]>]> =
      [
        ['document_files', (after, limit) => this.documents.storedFiles(after, limit)],
        ['kallelse_files', (after, limit) => this.meetings.storedFiles(after, limit)],
        ['protocol_files', (after, limit) => this.protocols.storedFiles(after, limit)],
      ];
    const result: FileCheck = { checked: 0, problems: [] };
    for (const [source, page] of sources) {
      for (let afterId = 0; ; ) {
        const rows = await page(afterId, PAGE);
        for (const file of rows) {
          result.checked++;
          const problem = await this.check(source, file);
          if (problem) {
            result.problems.push(problem);
            onProblem(problem);
          }
        }
        if (rows.length < PAGE) break;
        afterId = rows[rows.length - 1].id;
      }
    }
    return result;
  }

  private async check(source: string, file: StoredFileRow): Promise<FileProblem | null> {
    if (!(await this.storage.exists(file.storageKey))) return { kind: 'missing', source, file };
    const hash = createHash('sha256');
    await pipeline(this.storage.openRead(file.storageKey), hash);
    const found = hash.digest('hex');
    return found === file.sha256 ? null : { kind: 'corrupt', source, file, found };
  }
}
