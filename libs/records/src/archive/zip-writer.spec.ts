import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { open as openZip, type Entry, type ZipFile } from 'yauzl';
import { ZipWriter } from './zip-writer';

/** Every entry of a ZIP as yauzl (an independent reader) reads it, CRC-checked. */
function readBack(path: string, only?: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    openZip(path, { lazyEntries: true, strictFileNames: true }, (error, zip?: ZipFile) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName.endsWith('/') || (only && entry.fileName !== only)) {
          entries.set(entry.fileName, Buffer.alloc(0));
          return zip.readEntry();
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('ZipWriter', () => {
  const folder = mkdtempSync(join(tmpdir(), 'zip-writer-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const mtime = new Date('2026-12-06T10:00:00Z');

  it('writes folders, stored and deflated entries (UTF-8 names, chunks of strings) that read back byte for byte', async () => {
    const path = join(folder, 'a.zip');
    const zip = new ZipWriter(createWriteStream(path));
    const stored = Buffer.from('%PDF-1.7 stored as it is\n');
    const text = 'Ärendet om hamnen: å, ä, ö.\n'.repeat(2_000);
    await zip.addDirectory('paket/', mtime);
    await zip.addBuffer('paket/handling-1.pdf', stored, mtime);
    await zip.addStream(
      'paket/erms.xml',
      Readable.from([text.slice(0, 5_000), Buffer.from(text.slice(5_000))]),
      {
        compress: true,
        mtime,
      },
    );
    await zip.addStream('paket/Beslut – slutligt.txt', Readable.from([Buffer.from('kort')]), {
      compress: false,
      mtime,
    });
    await zip.finish();
    const entries = await readBack(path);
    expect([...entries.keys()]).toEqual([
      'paket/',
      'paket/handling-1.pdf',
      'paket/erms.xml',
      'paket/Beslut – slutligt.txt',
    ]);
    expect(entries.get('paket/handling-1.pdf')!.equals(stored)).toBe(true);
    expect(entries.get('paket/erms.xml')!.toString('utf8')).toBe(text);
    expect(entries.get('paket/Beslut – slutligt.txt')!.toString()).toBe('kort');
    expect(zip.bytesWritten).toBeLessThan(text.length);
  });

  it('writes ZIP64 end records past 65,535 entries, which a reader follows to every entry', async () => {
    const path = join(folder, 'many.zip');
    const zip = new ZipWriter(createWriteStream(path, { highWaterMark: 1024 * 1024 }));
    for (let index = 0; index < 70_000; index += 1) {
      await zip.addBuffer(`d/${index}.txt`, Buffer.from(String(index)), mtime);
    }
    await zip.finish();
    const entries = await readBack(path, 'd/69999.txt');
    expect(entries.size).toBe(70_000);
    expect(entries.get('d/69999.txt')!.toString()).toBe('69999');
  }, 30_000);
});
