import { StreamableFile } from '@nestjs/common';
import { attachment } from '@nf/common';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { dirname, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';

/** Where stored bytes are, and what they are: the row a file table keeps. */
export interface StoredFile {
  sha256: string;
  storageKey: string;
  sizeBytes: number;
}

/**
 * Where document files live. Keys are content hashes, so storing the same bytes twice is harmless.
 * The filesystem implementation is the default; an S3-compatible one implements the same three calls.
 */
export abstract class FileStorage {
  abstract put(key: string, data: Buffer): Promise<void>;
  abstract read(key: string): Promise<Buffer>;
  abstract exists(key: string): Promise<boolean>;
  /** The bytes as a stream, for a reader that must not hold a large file in memory at once. */
  abstract openRead(key: string): Readable;
  /** Deletes the bytes; a key already gone is no error (gallring may run twice). */
  abstract remove(key: string): Promise<void>;

  /** Stores the bytes under their SHA-256 (the same bytes twice are stored once). */
  async store(data: Buffer): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    await this.put(sha256, data);
    return { sha256, storageKey: sha256, sizeBytes: data.length };
  }

  /** A stored file as an HTTP download (attachment, with its name). */
  async download(file: {
    storageKey: string;
    contentType: string;
    filename: string;
    sizeBytes?: number;
  }): Promise<StreamableFile> {
    return attachment(await this.read(file.storageKey), file);
  }
}

export class FilesystemStorage extends FileStorage {
  constructor(private readonly root: string) {
    super();
  }

  private pathOf(key: string): string {
    if (!/^[a-f0-9]{64}$/.test(key)) throw new Error(`Not a storage key: ${key}`);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    if (await this.exists(key)) return;
    await mkdir(dirname(path), { recursive: true });
    // Write beside, then rename: a reader never sees half a file.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  openRead(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/**
 * The hook for a virus scanner (e.g. a clamd client). The default lets everything through and says
 * so in its name; a municipality that scans plugs its scanner in here.
 */
export abstract class VirusScanner {
  abstract scan(
    data: Buffer,
    filename: string,
  ): Promise<{ clean: true } | { clean: false; finding: string }>;
}

export class NoVirusScanner extends VirusScanner {
  async scan(): Promise<{ clean: true }> {
    return { clean: true };
  }
}
