import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ermsSchemaPath } from '@nf/records';
import { open as openZip, type Entry, type ZipFile } from 'yauzl';

/** A package read back: its entries' bytes by path, and its folders. */
export interface ReadPackage {
  files: Map<string, Buffer>;
  folders: string[];
}

export function readPackage(path: string): Promise<ReadPackage> {
  return new Promise((resolve, reject) => {
    openZip(path, { lazyEntries: true }, (error, zip?: ZipFile) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      const folders: string[] = [];
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName.endsWith('/')) {
          folders.push(entry.fileName);
          return zip.readEntry();
        }
        if (files.has(entry.fileName)) return reject(new Error(`${entry.fileName} twice`));
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve({ files, folders }));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * What the E-ARK CSIP rules a test can check say of a package (empty when it holds): one top
 * folder named as METS's OBJID, with METS.xml, metadata/descriptive, representations/rep1/data,
 * schemas and documentation; every file but METS.xml listed in METS exactly once (as a file or
 * as the descriptive metadata), nothing listed that is not there, every size and SHA-256 right.
 */
export function csipProblems(read: ReadPackage): string[] {
  const problems: string[] = [];
  const roots = new Set([...read.files.keys(), ...read.folders].map((path) => path.split('/')[0]));
  if (roots.size !== 1) return [`one top folder expected, found ${[...roots].join(', ')}`];
  const [root] = [...roots];
  const mets = read.files.get(`${root}/METS.xml`);
  if (!mets) return ['METS.xml is missing'];
  const text = mets.toString('utf8');
  const objid = /<mets:mets[^>]* OBJID="([^"]+)"/.exec(text)?.[1];
  if (objid !== root) problems.push(`OBJID ${objid} is not the top folder ${root}`);
  for (const folder of [
    'metadata/',
    'metadata/descriptive/',
    'representations/',
    'representations/rep1/data/',
    'schemas/',
    'documentation/',
  ]) {
    if (!read.folders.includes(`${root}/${folder}`)) problems.push(`folder ${folder} is missing`);
  }
  const listed = new Map<string, { size: number; checksum: string; type: string }>();
  const references = [
    ...text.matchAll(/<mets:file ([^>]*)><mets:FLocat [^>]*xlink:href="([^"]+)"/g),
    ...[...text.matchAll(/<mets:mdRef ([^>]*)\/>/g)].map(
      (match) => [match[0], match[1], /xlink:href="([^"]+)"/.exec(match[1])?.[1] ?? ''] as const,
    ),
  ];
  for (const [, attributes, href] of references) {
    const attribute = (name: string) =>
      new RegExp(` ${name}="([^"]*)"`).exec(` ${attributes}`)?.[1];
    if (listed.has(href)) problems.push(`${href} is listed twice`);
    listed.set(href, {
      size: Number(attribute('SIZE')),
      checksum: attribute('CHECKSUM') ?? '',
      type: attribute('CHECKSUMTYPE') ?? '',
    });
  }
  for (const [path, bytes] of read.files) {
    const relative = path.slice(root.length + 1);
    if (relative === 'METS.xml') continue;
    const entry = listed.get(relative);
    if (!entry) {
      problems.push(`${relative} is not listed in METS`);
      continue;
    }
    if (entry.type !== 'SHA-256') problems.push(`${relative}: checksum type ${entry.type}`);
    if (entry.checksum !== sha256(bytes)) problems.push(`${relative}: wrong checksum`);
    if (entry.size !== bytes.length) problems.push(`${relative}: wrong size`);
  }
  for (const href of listed.keys()) {
    if (!read.files.has(`${root}/${href}`)) problems.push(`${href} is listed but not there`);
  }
  return problems;
}

/** xmllint's verdict on the ERMS file against the vendored CITS ERMS v3 schema ('' when valid). */
export function ermsSchemaErrors(erms: Buffer): string {
  const folder = mkdtempSync(join(tmpdir(), 'erms-'));
  try {
    const file = join(folder, 'erms.xml');
    writeFileSync(file, erms);
    execFileSync('xmllint', ['--noout', '--schema', ermsSchemaPath(), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return '';
  } catch (error) {
    const failed = error as { stderr?: Buffer };
    return failed.stderr?.toString() ?? String(error);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** node-schematron, typed here: its own types pull in the DOM's (through fontoxpath) for every test. */
interface SchematronSchema {
  validateString(xml: string): Array<{ isReport: boolean; message: string | null }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Schema } = require('node-schematron') as {
  Schema: { fromString(text: string): SchematronSchema };
};

/**
 * The Schematron's failed assertions on the ERMS file. libxml2's Schematron cannot compile the
 * rules' predicates, so a JavaScript validator (node-schematron, XPath 3.1 by fontoxpath) runs
 * them; the `<emph>` markup in the rules' messages, which it cannot print, is dropped first.
 */
export function ermsSchematronFailures(erms: Buffer): string[] {
  const rules = readFileSync(ermsSchemaPath().replace(/ERMS_v3\.xsd$/, 'erms_v3.sch'), 'utf8');
  const schema = Schema.fromString(rules.replace(/<\/?emph>/g, ''));
  return schema
    .validateString(erms.toString('utf8'))
    .filter((result) => !result.isReport)
    .map((result) => (result.message ?? '').trim());
}
