import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { NotFoundProblem } from '@nf/common';
import { canSeeSecretAt, Case, CaseQueries } from '@nf/registry';
import { DataSource, In } from 'typeorm';
import { paragraphContentFor, protocolFileBase } from './paragraph-secrecy';
import { Paragraph, Protocol, ProtocolSignature } from './protocol.entities';

export interface StoredProtocolFile {
  filename: string;
  contentType: string;
  storageKey: string;
}

/** A protocol as one reader may read it: its paragraphs, signatures and files. */
@Injectable()
export class ProtocolQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseQueries,
  ) {}

  /** The protocol of the reader's municipality with its paragraphs and their cases. */
  private async load(principal: Principal, id: number) {
    const protocol = await this.dataSource.manager.findOne(Protocol, {
      where: { id, municipalityId: principal.municipalityId },
    });
    if (!protocol) throw new NotFoundProblem('protocol', id);
    const paragraphs = await this.dataSource.manager.find(Paragraph, {
      where: { protocolId: id, municipalityId: principal.municipalityId },
      order: { ordinal: 'ASC' },
    });
    const caseIds = paragraphs.flatMap((paragraph) => paragraph.caseId ?? []);
    const cases = new Map(
      (caseIds.length ? await this.cases.repository.find(principal, { id: In(caseIds) }) : []).map(
        (record) => [record.id, record],
      ),
    );
    return { protocol, paragraphs, cases };
  }

  /**
   * The protocol as this reader may read it. A paragraph of a secret case is read in full by those
   * who may see the case, by the organ's own people (its members, substitutes and secretary) and by
   * the protocol's signers; everyone else reads its public title and masked text.
   */
  async view(principal: Principal, id: number) {
    const { protocol, paragraphs, cases } = await this.load(principal, id);
    const signatures = await this.dataSource.manager.find(ProtocolSignature, {
      where: { protocolId: id, municipalityId: principal.municipalityId },
      order: { id: 'ASC' },
    });
    const signer =
      protocol.chairUserId === principal.userId ||
      protocol.adjusterUserIds.includes(principal.userId);
    const files = protocol.contentHash ? await this.currentFiles(protocol, paragraphs, cases) : [];
    return {
      id: protocol.id,
      meetingId: protocol.meetingId,
      files,
      organId: protocol.organId,
      status: protocol.status,
      chairUserId: protocol.chairUserId,
      adjusterUserIds: protocol.adjusterUserIds,
      attendance: protocol.attendance,
      justeringAt: protocol.justeringAt?.toISOString() ?? null,
      justeringPlace: protocol.justeringPlace,
      contentHash: protocol.contentHash,
      lockedAt: protocol.lockedAt?.toISOString() ?? null,
      adjustedAt: protocol.adjustedAt?.toISOString() ?? null,
      version: protocol.version,
      paragraphs: paragraphs.map((paragraph) => {
        const record = paragraph.caseId === null ? undefined : cases.get(paragraph.caseId);
        const content = paragraphContentFor(
          paragraph,
          record,
          signer || (record !== undefined && canSeeSecretAt(principal, record, protocol.organId)),
        );
        return {
          id: paragraph.id,
          number: paragraph.number,
          heading: content.heading,
          caseId: paragraph.caseId,
          outcome: paragraph.outcome,
          decisionText: content.decisionText,
          motionAnswer: paragraph.motionAnswer,
          proceedings: content.proceedings,
          secrecy: record?.secrecyOsl ? { osl: record.secrecyOsl, masked: content.masked } : null,
          immediateHash: paragraph.immediateHash,
          adjustedAt: paragraph.adjustedAt?.toISOString() ?? null,
        };
      }),
      signatures: signatures.map((signature) => ({
        paragraphId: signature.paragraphId || null,
        userId: signature.userId,
        role: signature.role,
        method: signature.method,
        contentHash: signature.contentHash,
        signedAt: signature.signedAt.toISOString(),
      })),
    };
  }

  /** The files of the protocol's current rendering (an earlier one may show a title now secret). */
  private async currentFiles(
    protocol: Protocol,
    paragraphs: Paragraph[],
    cases: ReadonlyMap<number, Case>,
  ): Promise<Array<{ id: number; filename: string; contentType: string }>> {
    const base = protocolFileBase(protocol, paragraphs, cases);
    const files = (await this.dataSource.query(
      `SELECT id, filename, content_type AS contentType FROM protocol_files
        WHERE protocol_id = ? AND municipality_id = ? AND filename IN (?, ?) ORDER BY id`,
      [protocol.id, protocol.municipalityId, `${base}.pdf`, `${base}.docx`],
    )) as Array<{ id: number | string; filename: string; contentType: string }>;
    return files.map((file) => ({ ...file, id: Number(file.id) }));
  }

  /**
   * One of the protocol's files. An earlier rendering may show a title marked secret since: only
   * those who may read every secret case get it; everyone else gets the current one.
   */
  async file(principal: Principal, id: number, fileId: number): Promise<StoredProtocolFile> {
    const { protocol, paragraphs, cases } = await this.load(principal, id);
    const current =
      principal.can(Permission.SecretRead) ||
      (protocol.contentHash !== null &&
        (await this.currentFiles(protocol, paragraphs, cases)).some((file) => file.id === fileId));
    const [file] = (await this.dataSource.query(
      `SELECT filename, content_type AS contentType, storage_key AS storageKey FROM protocol_files
        WHERE id = ? AND protocol_id = ? AND municipality_id = ?`,
      [fileId, id, principal.municipalityId],
    )) as Array<{ filename: string; contentType: string; storageKey: string }>;
    if (!file || !current) throw new NotFoundProblem('file', fileId);
    return file;
  }
}
