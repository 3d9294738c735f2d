import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { PassThrough, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** What was written for one entry of the package. */
export interface WrittenEntry {
  path: string;
  sizeBytes: number;
  sha256: string;
}

/** Counts and hashes what passes through. */
class Digest extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

/**
 * A ZIP written as a stream, one entry at a time (each entry's bytes pass through once, hashed on
 * the way), into `<path>.part`; only `finish` renames it to its name, after the bytes are on disk.
 * A process killed halfway leaves a `.part` and never a package under the final name. Memory stays
 * flat: an entry is read as a stream, and the next is not opened before the last is written.
 */
export class PackageWriter {
  private readonly zip = new ZipFile();
  private readonly digest = new Digest();
  private readonly file: WriteStream;
  private readonly written: Promise<void>;
  private failed: Error | null = null;

  constructor(readonly path: string) {
    this.file = createWriteStream(this.partPath);
    this.written = pipeline(this.zip.outputStream, this.digest, this.file).catch((error: Error) => {
      this.failed = error;
      throw error;
    });
    // The failure is reported by the next add or by finish.
    this.written.catch(() => undefined);
  }

  get partPath(): string {
    return `${this.path}.part`;
  }

  /** Bytes of the package written so far. */
  get bytesWritten(): number {
    return this.digest.bytes;
  }

  /** A folder entry (CSIP wants the structure's folders present even when empty). */
  addFolder(path: string): void {
    this.zip.addEmptyDirectory(path, { mtime: new Date(0) });
  }

  /** Adds the stream's bytes under the path, and resolves once they are written, with their hash. */
  async add(
    path: string,
    source: Readable,
    options: { compress: boolean; mtime?: Date },
  ): Promise<WrittenEntry> {
    if (this.failed) throw this.failed;
    const digest = new Digest();
    const done = new Promise<void>((resolve, reject) => {
      digest.once('end', resolve);
      digest.once('error', reject);
      source.once('error', (error) => {
        digest.destroy(error);
        reject(error);
      });
    });
    const through = new PassThrough();
    source.pipe(digest).pipe(through);
    this.zip.addReadStreamLazy(
      path,
      { compress: options.compress, mtime: options.mtime ?? new Date() },
      (callback) => callback(null, through),
    );
    await Promise.race([done, this.written.then(() => undefined)]);
    if (this.failed) throw this.failed;
    return { path, sizeBytes: digest.bytes, sha256: digest.hex() };
  }

  /** Ends the ZIP, puts its bytes on disk and gives it its name. */
  async finish(): Promise<{ sha256: string; sizeBytes: number }> {
    this.zip.end();
    await this.written;
    const handle = await open(this.partPath, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.partPath, this.path);
    return { sha256: this.digest.hex(), sizeBytes: this.digest.bytes };
  }

  /** Stops writing and removes the unfinished file. */
  async discard(): Promise<void> {
    this.zip.outputStream.unpipe();
    this.file.destroy();
    await rm(this.partPath, { force: true });
  }
}
