import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditReader } from '@nf/audit';
import { NotFoundProblem, type StoredFileRow, type Tenant } from '@nf/common';
import { canSeeSecretAt, Case, CaseQueries } from '@nf/registry';
import { DataSource, In, MoreThan } from 'typeorm';
import { paragraphContentFor, protocolFileBase } from './paragraph-secrecy';
import type { Proceedings } from './proceedings';
import {
  Anslag,
  Paragraph,
  type ParagraphOutcome,
  Protocol,
  ProtocolSignature,
} from './protocol.entities';

/** An adjusted decision on a case: its paragraph, in full. */
export interface CaseDecision {
  caseId: number;
  organId: number;
  meetingId: number;
  year: number;
  number: number | null;
  heading: string;
  outcome: ParagraphOutcome;
  decisionText: string | null;
  adjustedAt: Date;
}

export interface StoredProtocolFile {
  filename: string;
  contentType: string;
  storageKey: string;
}

/** A protocol as one reader may read it: its paragraphs, signatures and files. */
/** An adjusted protocol, as the legal deadlines follow it. */
export interface AdjustedProtocol {
  id: number;
  meetingId: number;
  organId: number;
  adjustedAt: Date;
}

/** A paragraph as everyone may read it once adjusted: a secret case's is masked. */
export interface PublishedParagraph {
  id: number;
  number: number | null;
  caseId: number | null;
  routeStepId: number | null;
  outcome: string;
  heading: string;
  decisionText: string | null;
  proceedings: Proceedings;
  masked: boolean;
  adjustedAt: Date;
}

/** What of a meeting's protocol is public: its adjusted paragraphs and, once adjusted, its PDF. */
export interface PublishedProtocol {
  id: number;
  meetingId: number;
  adjustedAt: Date | null;
  updatedAt: Date;
  file: {
    id: number;
    filename: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    createdAt: Date;
  } | null;
  paragraphs: PublishedParagraph[];
}

@Injectable()
export class ProtocolQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseQueries,
    private readonly auditReader: AuditReader,
  ) {}

  /** The id of the meeting's protocol, once it is opened. */
  async idForMeeting(principal: Principal, meetingId: number): Promise<number> {
    const protocol = await this.dataSource.manager.findOne(Protocol, {
      select: { id: true },
      where: { meetingId, municipalityId: principal.municipalityId },
    });
    if (!protocol) throw new NotFoundProblem('protocol of meeting', meetingId);
    return protocol.id;
  }

  /**
   * What waits for the reader's signature: locked protocols they chair or adjust and have not
   * signed as they stand, and paragraphs put to immediate justering they have not signed.
   */
  async awaitingSignatureOf(principal: Principal) {
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.meeting_id AS meetingId, p.organ_id AS organId, p.status,
              p.locked_at AS lockedAt,
              (SELECT COUNT(*) FROM paragraphs pp
                WHERE pp.protocol_id = p.id AND pp.immediate_hash IS NOT NULL
                  AND pp.adjusted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM protocol_signatures s
                    WHERE s.protocol_id = p.id AND s.paragraph_id = pp.id AND s.user_id = ?))
                AS immediateParagraphs,
              EXISTS (SELECT 1 FROM protocol_signatures s
                WHERE s.protocol_id = p.id AND s.paragraph_id = 0 AND s.user_id = ?) AS signed
         FROM protocols p
        WHERE p.municipality_id = ? AND p.status IN ('draft', 'locked')
          AND (p.chair_user_id = ? OR JSON_CONTAINS(p.adjuster_user_ids, ?))
        ORDER BY p.id`,
      [
        principal.userId,
        principal.userId,
        principal.municipalityId,
        principal.userId,
        String(principal.userId),
      ],
    )) as Array<{
      id: number | string;
      meetingId: number | string;
      organId: number | string;
      status: string;
      lockedAt: Date | null;
      immediateParagraphs: number | string;
      signed: number | string;
    }>;
    return rows
      .map((row) => ({
        protocolId: Number(row.id),
        meetingId: Number(row.meetingId),
        organId: Number(row.organId),
        lockedAt: row.lockedAt?.toISOString() ?? null,
        protocol: row.status === 'locked' && Number(row.signed) === 0,
        immediateParagraphs: Number(row.immediateParagraphs),
      }))
      .filter((row) => row.protocol || row.immediateParagraphs > 0);
  }

  /** The tenant's adjusted protocols with an id above `afterId`, by id. */
  async adjustedAfter(tenant: Tenant, afterId: number, limit: number): Promise<AdjustedProtocol[]> {
    const rows = await this.dataSource.manager.find(Protocol, {
      where: {
        municipalityId: tenant.municipalityId,
        id: MoreThan(afterId),
        status: 'adjusted',
      },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.flatMap((protocol) =>
      protocol.adjustedAt
        ? [
            {
              id: protocol.id,
              meetingId: protocol.meetingId,
              organId: protocol.organId,
              adjustedAt: protocol.adjustedAt,
            },
          ]
        : [],
    );
  }

  /** The meeting of each protocol, by protocol id. */
  async meetingsOf(tenant: Tenant, protocolIds: number[]): Promise<Map<number, number>> {
    if (protocolIds.length === 0) return new Map();
    const rows = await this.dataSource.manager.find(Protocol, {
      select: { id: true, meetingId: true },
      where: { municipalityId: tenant.municipalityId, id: In([...new Set(protocolIds)]) },
    });
    return new Map(rows.map((row) => [row.id, row.meetingId]));
  }

  /** When each meeting's protocol was adjusted, for the meetings whose protocol is. */
  async adjustedAtByMeeting(tenant: Tenant, meetingIds: number[]): Promise<Map<number, Date>> {
    if (meetingIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT meeting_id AS meetingId, MIN(adjusted_at) AS adjustedAt FROM protocols
        WHERE municipality_id = ? AND meeting_id IN (?) AND status = 'adjusted'
        GROUP BY meeting_id`,
      [tenant.municipalityId, meetingIds],
    )) as Array<{ meetingId: number | string; adjustedAt: Date }>;
    return new Map(rows.map((row) => [Number(row.meetingId), row.adjustedAt]));
  }

  /** The tenant's anslag (notices of justering) of protocols with an id above `afterId`. */
  postedAfter(tenant: Tenant, afterProtocolId: number, limit: number): Promise<Anslag[]> {
    return this.dataSource.manager.find(Anslag, {
      where: { municipalityId: tenant.municipalityId, protocolId: MoreThan(afterProtocolId) },
      order: { protocolId: 'ASC' },
      take: limit,
    });
  }

  /** The notices on the board on the day (a local date): not yet taken down, the newest first. */
  currentAnslag(tenant: Tenant, today: string): Promise<Anslag[]> {
    return this.dataSource.manager.find(Anslag, {
      where: { municipalityId: tenant.municipalityId, removedOn: MoreThan(today) },
      order: { postedOn: 'DESC', id: 'DESC' },
    });
  }

  /** When each protocol's anslag was posted, for the protocols that have one. */
  async postedAtByProtocol(tenant: Tenant, protocolIds: number[]): Promise<Map<number, Date>> {
    if (protocolIds.length === 0) return new Map();
    const rows = await this.dataSource.manager.find(Anslag, {
      where: { municipalityId: tenant.municipalityId, protocolId: In(protocolIds) },
    });
    return new Map(rows.map((row) => [row.protocolId, row.createdAt]));
  }

  /**
   * What the public may read of the meetings' protocols, by meeting: the paragraphs adjusted (the
   * whole protocol, or one put to immediate justering), a secret case's masked, and the PDF of the
   * current rendering of an adjusted protocol (an earlier one may show a title now secret).
   */
  async publishedFor(
    tenant: Tenant,
    meetingIds: number[],
  ): Promise<Map<number, PublishedProtocol>> {
    if (meetingIds.length === 0) return new Map();
    const protocols = await this.dataSource.manager.find(Protocol, {
      where: { municipalityId: tenant.municipalityId, meetingId: In([...new Set(meetingIds)]) },
    });
    if (protocols.length === 0) return new Map();
    const paragraphs = await this.dataSource.manager.find(Paragraph, {
      where: {
        municipalityId: tenant.municipalityId,
        protocolId: In(protocols.map((protocol) => protocol.id)),
      },
      order: { protocolId: 'ASC', ordinal: 'ASC' },
    });
    const cases = await this.cases.byIds(
      tenant,
      paragraphs.flatMap((paragraph) => paragraph.caseId ?? []),
    );
    const result = new Map<number, PublishedProtocol>();
    for (const protocol of protocols) {
      const own = paragraphs.filter((paragraph) => paragraph.protocolId === protocol.id);
      const adjusted = protocol.status === 'adjusted' && protocol.contentHash !== null;
      const [file] = adjusted
        ? ((await this.dataSource.query(
            `SELECT id, filename, content_type AS contentType, size_bytes AS sizeBytes, sha256,
                    created_at AS createdAt
               FROM protocol_files WHERE protocol_id = ? AND municipality_id = ? AND filename = ?`,
            [protocol.id, tenant.municipalityId, `${protocolFileBase(protocol, own, cases)}.pdf`],
          )) as Array<Record<string, unknown>>)
        : [];
      result.set(protocol.meetingId, {
        id: protocol.id,
        meetingId: protocol.meetingId,
        adjustedAt: adjusted ? protocol.adjustedAt : null,
        updatedAt: protocol.updatedAt,
        file: file
          ? {
              id: Number(file.id),
              filename: String(file.filename),
              contentType: String(file.contentType),
              sizeBytes: Number(file.sizeBytes),
              sha256: String(file.sha256),
              createdAt: file.createdAt as Date,
            }
          : null,
        paragraphs: own.flatMap((paragraph) => {
          if (!paragraph.adjustedAt) return [];
          const record = paragraph.caseId === null ? undefined : cases.get(paragraph.caseId);
          const content = paragraphContentFor(paragraph, record, false);
          return [
            {
              id: paragraph.id,
              number: paragraph.number,
              caseId: paragraph.caseId,
              routeStepId: paragraph.routeStepId,
              outcome: paragraph.outcome,
              heading: content.heading,
              decisionText: content.decisionText,
              proceedings: content.proceedings,
              masked: content.masked,
              adjustedAt: paragraph.adjustedAt,
            },
          ];
        }),
      });
    }
    return result;
  }

  /**
   * The adjusted decisions on the cases (each paragraph adjusted with its protocol or on its own),
   * by case, oldest first, in full: what a delivery to the e-archive records of each case (the
   * archive keeps a secret case's decision under its secrecy marking).
   */
  async decisionsOfCases(tenant: Tenant, caseIds: number[]): Promise<Map<number, CaseDecision[]>> {
    const result = new Map<number, CaseDecision[]>();
    if (caseIds.length === 0) return result;
    const rows = (await this.dataSource.query(
      `SELECT p.case_id AS caseId, p.organ_id AS organId, p.year, p.number, p.heading, p.outcome,
              p.decision_text AS decisionText, p.adjusted_at AS adjustedAt, r.meeting_id AS meetingId
         FROM paragraphs p JOIN protocols r ON r.id = p.protocol_id AND r.municipality_id = p.municipality_id
        WHERE p.municipality_id = ? AND p.case_id IN (?) AND p.adjusted_at IS NOT NULL
        ORDER BY p.case_id, p.adjusted_at, p.id`,
      [tenant.municipalityId, [...new Set(caseIds)]],
    )) as Array<Record<string, unknown>>;
    for (const row of rows) {
      const caseId = Number(row.caseId);
      const decisions = result.get(caseId) ?? [];
      decisions.push({
        caseId,
        organId: Number(row.organId),
        meetingId: Number(row.meetingId),
        year: Number(row.year),
        number: row.number === null ? null : Number(row.number),
        heading: String(row.heading),
        outcome: row.outcome as ParagraphOutcome,
        decisionText: row.decisionText === null ? null : String(row.decisionText),
        adjustedAt: row.adjustedAt as Date,
      });
      result.set(caseId, decisions);
    }
    return result;
  }

  /** The meeting of the public protocol file with this id, while it is the current rendering. */
  async publishedFile(
    tenant: Tenant,
    fileId: number,
  ): Promise<(StoredProtocolFile & { meetingId: number }) | null> {
    const [row] = (await this.dataSource.query(
      `SELECT f.filename, f.content_type AS contentType, f.storage_key AS storageKey,
              p.meeting_id AS meetingId
         FROM protocol_files f JOIN protocols p ON p.id = f.protocol_id
        WHERE f.id = ? AND f.municipality_id = ?`,
      [fileId, tenant.municipalityId],
    )) as Array<{ filename: string; contentType: string; storageKey: string; meetingId: number }>;
    if (!row) return null;
    const meetingId = Number(row.meetingId);
    const published = (await this.publishedFor(tenant, [meetingId])).get(meetingId);
    return published?.file?.id === fileId ? { ...row, meetingId } : null;
  }

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
    const anslag = await this.dataSource.manager.findOne(Anslag, {
      where: { protocolId: id, municipalityId: principal.municipalityId },
    });
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
      anslag: anslag && {
        adjustedOn: anslag.adjustedOn,
        postedOn: anslag.postedOn,
        appealEndsOn: anslag.appealEndsOn,
        removedOn: anslag.removedOn,
      },
      droppedSignatures: protocol.lockedAt ? await this.droppedSignatures(principal, protocol) : [],
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

  /**
   * The signatures that stopped counting because the locked protocol changed (written reasons of a
   * reservation handed in), as the audit log recorded them.
   */
  private async droppedSignatures(tenant: Tenant, protocol: Protocol) {
    const { entries } = await this.auditReader.list(tenant, {
      entityType: 'protocol',
      entityId: String(protocol.id),
      limit: 200,
    });
    return entries
      .filter((entry) => entry.action === 'protocol.reservation-reasons-added')
      .flatMap((entry) => {
        const after = (entry.after ?? {}) as { invalidatedSignatures?: number[]; member?: string };
        return (after.invalidatedSignatures ?? []).map((userId) => ({
          userId,
          droppedAt: entry.occurredAt.toISOString(),
          /** Whose written reservation changed the protocol. */
          reservationOf: after.member ?? null,
        }));
      })
      .reverse();
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

  /**
   * A page of the files that still point at stored bytes (weeded rows point at none), in id
   * order after `afterId`: what the check of the file store reads.
   */
  async storedFiles(afterId: number, limit: number): Promise<StoredFileRow[]> {
    const rows: Array<StoredFileRow & { id: number | string; municipalityId: number | string }> =
      await this.dataSource.query(
        `SELECT id, municipality_id AS municipalityId, filename, sha256, storage_key AS storageKey
           FROM protocol_files WHERE id > ? AND municipality_id IS NOT NULL ORDER BY id LIMIT ?`,
        [afterId, limit],
      );
    return rows.map((row) => ({
      ...row,
      id: Number(row.id),
      municipalityId: Number(row.municipalityId),
    }));
  }

  /**
   * Which of these stored keys a protocol's file still points at, in any municipality (the store
   * keeps bytes by their hash, shared): gallring leaves those bytes alone.
   */
  async storageKeysInUse(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Array<{ key: string }> = await this.dataSource.query(
      `SELECT DISTINCT storage_key AS \`key\` FROM protocol_files
        WHERE storage_key IN (?) AND municipality_id IS NOT NULL`,
      [[...new Set(keys)]],
    );
    return new Set(rows.map((row) => row.key));
  }
}
