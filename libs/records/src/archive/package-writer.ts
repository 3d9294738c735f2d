import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ZipWriter } from './zip-writer';

/** What was written for one entry of the package. */
export interface WrittenEntry {
  path: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * A package written as one ZIP, front to back, one entry at a time (each entry's bytes pass
 * through once, hashed on the way), into `<path>.part`; only `finish` renames it to its name,
 * after its bytes are on disk. A process killed halfway leaves a `.part` and never a package under
 * the final name. Memory stays flat: an entry is read as a stream (or, when small, whole), and the
 * next is not opened before the last is written.
 */
export class PackageWriter {
  private readonly file: WriteStream;
  private readonly hash = createHash('sha256');
  private readonly zip: ZipWriter;

  constructor(readonly path: string) {
    this.file = createWriteStream(this.partPath, { highWaterMark: 1024 * 1024 });
    this.zip = new ZipWriter(this.file, (chunk) => this.hash.update(chunk));
  }

  get partPath(): string {
    return `${this.path}.part`;
  }

  /** Bytes of the package written so far. */
  get bytesWritten(): number {
    return this.zip.bytesWritten;
  }

  /** A folder entry (CSIP wants the structure's folders present even when empty). */
  addFolder(path: string, mtime: Date): Promise<void> {
    return this.zip.addDirectory(path, mtime);
  }

  /** Adds the stream's bytes under the path, once they are written, with their hash. */
  async add(
    path: string,
    source: Readable,
    options: { compress: boolean; mtime: Date },
  ): Promise<WrittenEntry> {
    const hash = createHash('sha256');
    let sizeBytes = 0;
    await this.zip.addStream(path, source, {
      ...options,
      seen: (chunk) => {
        hash.update(chunk);
        sizeBytes += chunk.length;
      },
    });
    return { path, sizeBytes, sha256: hash.digest('hex') };
  }

  /** Adds a small file's bytes as they are (stored, not compressed). */
  async addBuffer(path: string, bytes: Buffer, options: { mtime: Date }): Promise<WrittenEntry> {
    await this.zip.addBuffer(path, bytes, options.mtime);
    return {
      path,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  }

  /** Ends the ZIP, puts its bytes on disk and gives it its name. */
  async finish(): Promise<{ sha256: string; sizeBytes: number }> {
    await this.zip.finish();
    const handle = await open(this.partPath, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.partPath, this.path);
    return { sha256: this.hash.digest('hex'), sizeBytes: this.zip.bytesWritten };
  }

  /** Stops writing and removes the unfinished file. */
  async discard(): Promise<void> {
    this.file.destroy();
    await rm(this.partPath, { force: true });
  }
}
