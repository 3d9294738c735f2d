import { Injectable, Logger } from '@nestjs/common';
import { Clock, type Tenant } from '@nf/common';
import { Users } from '@nf/identity';
import { ProtocolQueries } from '@nf/protocols';
import {
  CaseQueries,
  ClassificationQueries,
  DocumentQueries,
  FileStorage,
  type Case,
} from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { RouteQueries } from '@nf/workflow';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ArchiveDeliveries, leaseOwner, type DeliveredCase } from './archive-deliveries';
import { ermsCase, ermsHead, ermsTail, type ErmsCase, type ErmsDocument } from './erms';
import { metsFile, metsHead, metsTail, type MetsFile } from './mets';
import { PackageWriter } from './package-writer';
import { ArchiveDelivery } from '../records.entities';

/** Cases read and written per batch (and per progress report). */
const CASES_PER_BATCH = 200;

export const SOFTWARE = 'Nämndflöde';
export const SOFTWARE_VERSION = '0.1.0';

/** Where the vendored CITS ERMS schema is, from here or from the built copy in dist/. */
export function ermsSchemaPath(): string {
  let folder = __dirname;
  for (let depth = 0; depth < 8; depth += 1) {
    const candidate = join(folder, 'libs', 'records', 'schemas', 'cits-erms', 'ERMS_v3.xsd');
    if (existsSync(candidate)) return candidate;
    folder = dirname(folder);
  }
  throw new Error('The CITS ERMS schema (libs/records/schemas/cits-erms/ERMS_v3.xsd) is missing');
}

export type ExportOutcome =
  | { status: 'delivered'; delivery: ArchiveDelivery }
  | { status: 'already-delivered' | 'busy'; delivery: ArchiveDelivery };

export interface ExportProgress {
  casesDone: number;
  casesTotal: number;
  filesDone: number;
  bytesWritten: number;
}

/** A file whose bytes do not match what was registered: the package is not delivered. */
export class CorruptFileError extends Error {}

/** A selection with no closed case left to deliver (an ERMS file needs at least one). */
export class NothingToDeliverError extends Error {}

/** A writer that streams text to a file, hashing it, and waits when the disk is behind. */
class TextFile {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
  }

  async write(text: string): Promise<void> {
    const chunk = Buffer.from(text, 'utf8');
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const failed = (error: Error) => reject(error);
        this.stream.once('error', failed);
        this.stream.once('drain', () => {
          this.stream.off('error', failed);
          resolve();
        });
      });
    }
  }

  async close(): Promise<{ sizeBytes: number; sha256: string }> {
    this.stream.end();
    await finished(this.stream);
    return { sizeBytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  destroy(): void {
    this.stream.destroy();
  }
}

/** Names in a package: what a file system on any side accepts, the rest replaced. */
export function safeName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 150);
  return cleaned || 'fil';
}

const COMPRESSIBLE = /^(text\/|application\/(xml|json)|image\/svg)/;

/** A file up to this size is read whole and added as it is; a larger one is streamed. */
const READ_WHOLE_BYTES = 4 * 1024 * 1024;

/**
 * Writes a delivery's package: E-ARK CSIP / FGS Paketstruktur 2.0 as one ZIP with the package's
 * folder at the top —
 *
 *     <package>/METS.xml                            the root METS, every file with its SHA-256
 *     <package>/metadata/descriptive/erms.xml       CITS ERMS v3, the cases and their documents
 *     <package>/representations/rep1/data/<dnr>/…   the documents' files, as registered
 *     <package>/schemas/ERMS_v3.xsd
 *     <package>/documentation/
 *
 * Cases are read and written a batch at a time, and each file is streamed from the store through
 * a hash into the ZIP, so memory does not grow with the delivery. A file whose bytes no longer
 * match its registered SHA-256 (or that is gone) fails the delivery: a package is whole or it is
 * not delivered. Private notes are never read; gallrade documents are described with what the
 * plan kept of them and their gallring.
 */
@Injectable()
export class ExportDelivery {
  private readonly logger = new Logger(ExportDelivery.name);

  constructor(
    private readonly deliveries: ArchiveDeliveries,
    private readonly cases: CaseQueries,
    private readonly documents: DocumentQueries,
    private readonly classification: ClassificationQueries,
    private readonly protocols: ProtocolQueries,
    private readonly routes: RouteQueries,
    private readonly organs: Organs,
    private readonly users: Users,
    private readonly municipalities: Municipalities,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
  ) {}

  async run(
    tenant: Tenant,
    deliveryId: number,
    onProgress: (progress: ExportProgress) => void | Promise<void> = () => undefined,
  ): Promise<ExportOutcome> {
    const owner = leaseOwner();
    const delivery = await this.deliveries.claim(tenant, deliveryId, owner);
    if (!delivery) {
      const current = await this.deliveries.get(tenant, deliveryId);
      return {
        status: current.status === 'delivered' ? 'already-delivered' : 'busy',
        delivery: current,
      };
    }
    await mkdir(dirname(delivery.outputPath), { recursive: true });
    const writer = new PackageWriter(delivery.outputPath);
    const erms = new TextFile(`${delivery.outputPath}.erms.part`);
    const fileSec = new TextFile(`${delivery.outputPath}.files.part`);
    try {
      const result = await this.write(tenant, delivery, owner, writer, erms, fileSec, onProgress);
      return {
        status: 'delivered',
        delivery: await this.deliveries.finish(tenant, deliveryId, owner, result),
      };
    } catch (error) {
      erms.destroy();
      fileSec.destroy();
      await writer.discard();
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`archive delivery ${deliveryId} failed: ${message}`);
      await this.deliveries.fail(tenant, deliveryId, owner, message);
      throw error;
    } finally {
      await rm(erms.path, { force: true });
      await rm(fileSec.path, { force: true });
    }
  }

  private async write(
    tenant: Tenant,
    delivery: ArchiveDelivery,
    owner: string,
    writer: PackageWriter,
    erms: TextFile,
    fileSec: TextFile,
    onProgress: (progress: ExportProgress) => void | Promise<void>,
  ) {
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    const selection = { ...delivery.selection, timeZone: municipality.timeZone };
    const root = delivery.packageId;
    const createdAt = this.clock.now();
    const [organs, people, codes, casesTotal] = await Promise.all([
      this.organs.list(tenant),
      this.users.list(tenant),
      this.classification.list(tenant),
      this.cases.archivableCount(tenant, selection),
    ]);
    const names = {
      organ: new Map(organs.map((organ) => [organ.id, organ.name])),
      user: new Map(people.users.map((user) => [user.id, user.displayName])),
      code: new Map(codes.map((code) => [code.code, code.title])),
    };
    for (const folder of [
      '',
      'metadata/',
      'metadata/descriptive/',
      'representations/',
      'representations/rep1/',
      'representations/rep1/data/',
      'schemas/',
      'documentation/',
    ]) {
      await writer.addFolder(`${root}/${folder}`, createdAt);
    }
    const schema = await writer.add(
      `${root}/schemas/ERMS_v3.xsd`,
      createReadStream(ermsSchemaPath()),
      { compress: true, mtime: createdAt },
    );
    const schemaFiles: MetsFile[] = [
      {
        id: 'file-schema-erms',
        path: 'schemas/ERMS_v3.xsd',
        contentType: 'application/xml',
        sizeBytes: schema.sizeBytes,
        sha256: schema.sha256,
        createdAt,
      },
    ];
    await erms.write(
      ermsHead({
        packageId: root,
        municipalityName: municipality.name,
        createdAt,
        system: `${SOFTWARE} ${SOFTWARE_VERSION}`,
      }),
    );
    const progress = { casesDone: 0, casesTotal, filesDone: 0, bytesWritten: 0 };
    for (let afterId = 0; ;) {
      const page = await this.cases.archivablePage(tenant, selection, afterId, CASES_PER_BATCH);
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      const delivered = await this.deliveries.delivered(
        tenant,
        page.map((record) => record.id),
      );
      const batch = page.filter((record) => !delivered.has(record.id));
      const receipts: DeliveredCase[] = [];
      for (const record of await this.load(tenant, batch, names)) {
        const files = await this.writeFiles(writer, fileSec, root, record);
        await erms.write(ermsCase(record.erms));
        receipts.push({
          caseId: record.erms.id,
          dnr: record.erms.dnr,
          documents: record.erms.documents.length,
          files,
        });
        progress.filesDone += files;
      }
      progress.casesDone += batch.length;
      progress.bytesWritten = writer.bytesWritten;
      await this.deliveries.progress(tenant, delivery.id, owner, progress, receipts);
      await onProgress(progress);
    }
    if (progress.casesDone === 0) {
      throw new NothingToDeliverError(
        'Urvalet har inga avslutade ärenden som inte redan har levererats till e-arkivet.',
      );
    }
    await erms.write(ermsTail());
    const ermsFile = await erms.close();
    await writer.add(`${root}/metadata/descriptive/erms.xml`, createReadStream(erms.path), {
      compress: true,
      mtime: createdAt,
    });
    await fileSec.close();
    const mets = Readable.from(
      (async function* () {
        yield Buffer.from(
          metsHead(
            {
              packageId: root,
              label: `Leverans från ${municipality.name}: ${progress.casesDone} ärenden`,
              municipalityName: municipality.name,
              createdAt,
              software: SOFTWARE,
              softwareVersion: SOFTWARE_VERSION,
              erms: { path: 'metadata/descriptive/erms.xml', ...ermsFile },
            },
            schemaFiles,
          ),
        );
        for await (const chunk of createReadStream(fileSec.path)) yield chunk as Buffer;
        yield Buffer.from(metsTail(root));
      })(),
    );
    await writer.add(`${root}/METS.xml`, mets, { compress: true, mtime: createdAt });
    const written = await writer.finish();
    return { ...progress, bytesWritten: written.sizeBytes, ...written };
  }

  /** The batch's cases with their documents, files, decisions and route steps, as ERMS describes them. */
  private async load(
    tenant: Tenant,
    batch: Case[],
    names: { organ: Map<number, string>; user: Map<number, string>; code: Map<string, string> },
  ): Promise<Array<{ erms: ErmsCase; files: Map<number, StoredFileRef[]> }>> {
    const ids = batch.map((record) => record.id);
    const documents = await this.documents.forCases(tenant, ids);
    const [fileRows, decisions, steps] = await Promise.all([
      this.documents.filesOf(
        tenant,
        documents.map((document) => document.id),
      ),
      this.protocols.decisionsOfCases(tenant, ids),
      this.routes.steps(tenant, { caseIds: ids }),
    ]);
    const filesOf = new Map<number, StoredFileRef[]>();
    for (const file of fileRows) {
      const list = filesOf.get(file.documentId) ?? [];
      list.push(file);
      filesOf.set(file.documentId, list);
    }
    const organ = (id: number | null) => (id === null ? null : (names.organ.get(id) ?? null));
    return batch.map((record) => {
      const own = documents.filter((document) => document.caseId === record.id);
      const ermsDocuments: ErmsDocument[] = own.map((document) => ({
        ordinal: document.ordinal,
        direction: document.direction,
        documentDate: document.documentDate,
        senderRecipient: document.senderRecipient,
        senderProtected: document.senderProtected,
        description: document.description,
        type: document.type,
        secrecyOsl: document.secrecyOsl,
        registeredAt: document.registeredAt,
        weededAt: document.weededAt,
        weededByRule: document.weededByRule,
        files: (filesOf.get(document.id) ?? []).map((file) => ({
          path: filePath(record, document.ordinal, file),
          filename: file.filename,
          contentType: file.contentType,
        })),
      }));
      return {
        erms: {
          id: record.id,
          dnr: record.dnr,
          title: record.title,
          publicTitle: record.publicTitle,
          classificationCode: record.classificationCode,
          classificationName: record.classificationCode
            ? (names.code.get(record.classificationCode) ?? null)
            : null,
          secrecyOsl: record.secrecyOsl,
          status: record.status,
          unit: record.unit,
          organName: organ(record.organId),
          responsibleName:
            record.responsibleUserId === null
              ? null
              : (names.user.get(record.responsibleUserId) ?? null),
          registeredAt: record.registeredAt,
          decidedAt: record.decidedAt,
          closedAt: record.closedAt,
          documents: ermsDocuments,
          decisions: (decisions.get(record.id) ?? []).map((decision) => ({
            ...decision,
            organName: organ(decision.organId) ?? '',
          })),
          steps: steps
            .filter((step) => step.caseId === record.id)
            .map((step) => ({ ...step, organName: organ(step.organId) ?? '' })),
        },
        files: new Map(own.map((document) => [document.ordinal, filesOf.get(document.id) ?? []])),
      };
    });
  }

  /** Streams the case's files into the package, each checked against its registered SHA-256. */
  private async writeFiles(
    writer: PackageWriter,
    fileSec: TextFile,
    root: string,
    record: { erms: ErmsCase; files: Map<number, StoredFileRef[]> },
  ): Promise<number> {
    let count = 0;
    for (const [ordinal, files] of record.files) {
      for (const file of files) {
        const path = filePath(record.erms, ordinal, file);
        const compress = COMPRESSIBLE.test(file.contentType);
        const written =
          !compress && file.sizeBytes <= READ_WHOLE_BYTES
            ? await writer.addBuffer(`${root}/${path}`, await this.storage.read(file.storageKey), {
                mtime: file.createdAt,
              })
            : await writer.add(`${root}/${path}`, this.storage.openRead(file.storageKey), {
                compress,
                mtime: file.createdAt,
              });
        if (written.sha256 !== file.sha256) {
          throw new CorruptFileError(
            `${record.erms.dnr}: the file ${file.filename} does not match its registered SHA-256`,
          );
        }
        await fileSec.write(
          metsFile({
            id: `file-${file.id}`,
            path,
            contentType: file.contentType,
            sizeBytes: written.sizeBytes,
            sha256: written.sha256,
            createdAt: file.createdAt,
          }),
        );
        count += 1;
      }
    }
    return count;
  }
}

interface StoredFileRef {
  id: number;
  sizeBytes: number;
  filename: string;
  contentType: string;
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

/** A file's place in the package: under its case's dnr, by its document's number. */
function filePath(record: { dnr: string }, ordinal: number, file: StoredFileRef): string {
  return `representations/rep1/data/${safeName(record.dnr)}/${ordinal}-${file.id}-${safeName(file.filename)}`;
}
