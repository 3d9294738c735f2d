import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';

/** What the central directory keeps of an entry: a few numbers and its name, nothing else. */
interface CentralEntry {
  /**
   * The name as a string: a small Buffer kept would be a slice of Node's shared 8 KB pool and hold
   * the whole slab, with every other small buffer in it, for as long as the archive is written.
   */
  name: string;
  directory: boolean;
  method: 0 | 8;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const UINT32_MAX = 0xffffffff;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0008 | 0x0800;
/** Made by Unix (3), spec 4.5 (ZIP64). */
const MADE_BY = (3 << 8) | 45;

function asBuffer(chunk: unknown): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
}

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * A ZIP written front to back onto a stream, one entry at a time, by APPNOTE 6.3: each entry a
 * local header, its data (stored, or deflated) and a data descriptor with its CRC-32 and sizes;
 * then the central directory, with ZIP64 records where the archive passes 65,535 entries or 4 GiB.
 * It keeps only the central directory's few numbers per entry (a streaming ZIP library we tried
 * held every entry's data and scanned all entries for each one it wrote).
 */
export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];

  constructor(
    private readonly out: Writable,
    /** Sees every byte written (the package's SHA-256). */
    private readonly observe: (chunk: Buffer) => void = () => undefined,
  ) {}

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  private async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    this.observe(chunk);
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  private header(path: string, method: 0 | 8, stamp: { time: number; date: number }): Buffer {
    const name = Buffer.from(path, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(stamp.time, 10);
    header.writeUInt16LE(stamp.date, 12);
    // CRC and sizes: 0 here, in the data descriptor after the data (bit 3).
    header.writeUInt16LE(name.length, 26);
    return Buffer.concat([header, name]);
  }

  private async descriptor(entry: CentralEntry): Promise<void> {
    if (entry.size > UINT32_MAX || entry.compressedSize > UINT32_MAX) {
      throw new Error(`${entry.name}: an entry of 4 GiB or more is not supported`);
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.compressedSize, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.write(descriptor);
    this.entries.push(entry);
  }

  async addDirectory(path: string, mtime: Date): Promise<void> {
    const name = path.endsWith('/') ? path : `${path}/`;
    const stamp = dosDateTime(mtime);
    const offset = this.offset;
    await this.write(this.header(name, 0, stamp));
    await this.descriptor({
      name,
      directory: true,
      method: 0,
      ...stamp,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset,
    });
  }

  /** A file whose bytes are at hand, stored as they are. */
  async addBuffer(path: string, data: Buffer, mtime: Date): Promise<void> {
    const stamp = dosDateTime(mtime);
    const offset = this.offset;
    await this.write(this.header(path, 0, stamp));
    await this.write(data);
    await this.descriptor({
      name: path,
      directory: false,
      method: 0,
      ...stamp,
      crc: crc32(data),
      compressedSize: data.length,
      size: data.length,
      offset,
    });
  }

  /** A file read from a stream, deflated or stored; `seen` is given every chunk as read. */
  async addStream(
    path: string,
    source: Readable,
    options: { compress: boolean; mtime: Date; seen?: (chunk: Buffer) => void },
  ): Promise<void> {
    const stamp = dosDateTime(options.mtime);
    const method = options.compress ? 8 : 0;
    const offset = this.offset;
    await this.write(this.header(path, method, stamp));
    let crc = 0;
    let size = 0;
    const start = this.offset;
    if (options.compress) {
      const deflate = createDeflateRaw();
      const fed = (async () => {
        for await (const chunk of source) {
          const bytes = asBuffer(chunk);
          crc = crc32(bytes, crc);
          size += bytes.length;
          options.seen?.(bytes);
          if (!deflate.write(bytes)) await once(deflate, 'drain');
        }
        deflate.end();
      })();
      fed.catch((error: Error) => deflate.destroy(error));
      for await (const chunk of deflate) await this.write(chunk as Buffer);
      await fed;
    } else {
      for await (const chunk of source) {
        const bytes = asBuffer(chunk);
        crc = crc32(bytes, crc);
        size += bytes.length;
        options.seen?.(bytes);
        await this.write(bytes);
      }
    }
    await this.descriptor({
      name: path,
      directory: false,
      method,
      ...stamp,
      crc,
      compressedSize: this.offset - start,
      size,
      offset,
    });
  }

  /** The central directory and its end records; the stream is ended. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) {
      const name = Buffer.from(entry.name, 'utf8');
      const zip64: Buffer[] = [];
      const big = (value: number) => {
        const field = Buffer.alloc(8);
        field.writeBigUInt64LE(BigInt(value));
        zip64.push(field);
      };
      if (entry.offset >= UINT32_MAX) big(entry.offset);
      const extra = zip64.length
        ? Buffer.concat([Buffer.from([0x01, 0x00, zip64.length * 8, 0x00]), ...zip64])
        : Buffer.alloc(0);
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(MADE_BY, 4);
      record.writeUInt16LE(zip64.length ? 45 : 20, 6);
      record.writeUInt16LE(FLAGS, 8);
      record.writeUInt16LE(entry.method, 10);
      record.writeUInt16LE(entry.time, 12);
      record.writeUInt16LE(entry.date, 14);
      record.writeUInt32LE(entry.crc, 16);
      record.writeUInt32LE(entry.compressedSize, 20);
      record.writeUInt32LE(entry.size, 24);
      record.writeUInt16LE(name.length, 28);
      record.writeUInt16LE(extra.length, 30);
      // Unix modes: a folder 0755, a file 0644 (and the DOS folder bit).
      record.writeUInt32LE(
        entry.directory ? ((0o40755 << 16) | 0x10) >>> 0 : (0o100644 << 16) >>> 0,
        38,
      );
      record.writeUInt32LE(Math.min(entry.offset, UINT32_MAX), 42);
      await this.write(Buffer.concat([record, name, extra]));
    }
    const size = this.offset - start;
    const count = this.entries.length;
    if (count >= 0xffff || start >= UINT32_MAX || size >= UINT32_MAX) {
      const zip64End = Buffer.alloc(56);
      zip64End.writeUInt32LE(0x06064b50, 0);
      zip64End.writeBigUInt64LE(44n, 4);
      zip64End.writeUInt16LE(MADE_BY, 12);
      zip64End.writeUInt16LE(45, 14);
      zip64End.writeBigUInt64LE(BigInt(count), 24);
      zip64End.writeBigUInt64LE(BigInt(count), 32);
      zip64End.writeBigUInt64LE(BigInt(size), 40);
      zip64End.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(this.offset), 8);
      locator.writeUInt32LE(1, 16);
      await this.write(Buffer.concat([zip64End, locator]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, 0xffff), 8);
    end.writeUInt16LE(Math.min(count, 0xffff), 10);
    end.writeUInt32LE(Math.min(size, UINT32_MAX), 12);
    end.writeUInt32LE(Math.min(start, UINT32_MAX), 16);
    await this.write(end);
    this.out.end();
    await once(this.out, 'finish');
  }
}
