import { Injectable } from '@nestjs/common';
import { NotFoundProblem, StoredFileRow, Tenant } from '@nf/common';
import { keysetWhere, type KeysetPage } from '@nf/database';
import { Case, CaseDocument, CaseQueries, DocumentFile, DocumentQueries } from '@nf/registry';
import { DataSource, EntityManager, In, IsNull, MoreThan, MoreThanOrEqual } from 'typeorm';
import {
  AgendaItem,
  DelegationDecision,
  Meeting,
  Notice,
  Kallelse,
  KallelseFile,
} from './meeting.entities';
import { kallelseFileBase } from './kallelse-secrecy';

export interface Agenda {
  meeting: Meeting;
  items: AgendaItem[];
  cases: Map<number, Case>;
  /** The meeting documents of each case item: the documents registered on its case. */
  documents: Map<number, CaseDocument[]>;
  /** The files of those documents, by document. */
  files: Map<number, DocumentFile[]>;
  /** The notices and delegation decisions the agenda collects (or will, at the next kallelse). */
  notices: Notice[];
  decisions: DelegationDecision[];
}

@Injectable()
export class MeetingQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseQueries,
    private readonly caseDocuments: DocumentQueries,
  ) {}

  /**
   * The tenant's meeting, or a 404. Inside another context's transaction (`tx`), optionally
   * locked for update, so that what it writes next rests on this meeting's state.
   */
  async get(
    tenant: Tenant,
    id: number,
    options: { tx?: EntityManager; lock?: boolean } = {},
  ): Promise<Meeting> {
    const meeting = await (options.tx ?? this.dataSource.manager).findOne(Meeting, {
      where: { id, municipalityId: tenant.municipalityId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!meeting) throw new NotFoundProblem('meeting', id);
    return meeting;
  }

  /** The meeting's agenda items in agenda order. */
  items(tenant: Tenant, meetingId: number, tx?: EntityManager): Promise<AgendaItem[]> {
    return (tx ?? this.dataSource.manager).find(AgendaItem, {
      where: { meetingId, municipalityId: tenant.municipalityId },
      order: { ordinal: 'ASC' },
    });
  }

  /** The tenant's meetings created after the one with this id (cancelled ones too), by id. */
  createdAfter(tenant: Tenant, afterId: number, limit: number): Promise<Meeting[]> {
    return this.dataSource.manager.find(Meeting, {
      where: { municipalityId: tenant.municipalityId, id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** When each meeting's first kallelse was published, for the meetings that have one. */
  async firstPublishedAt(tenant: Tenant, meetingIds: number[]): Promise<Map<number, Date>> {
    if (meetingIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT meeting_id AS meetingId, MIN(published_at) AS publishedAt FROM kallelser
        WHERE municipality_id = ? AND meeting_id IN (?) GROUP BY meeting_id`,
      [tenant.municipalityId, meetingIds],
    )) as Array<{ meetingId: number | string; publishedAt: Date }>;
    return new Map(rows.map((row) => [Number(row.meetingId), row.publishedAt]));
  }

  /** The tenant's meetings among the ids, by id. */
  async byIds(tenant: Tenant, ids: number[]): Promise<Map<number, Meeting>> {
    if (ids.length === 0) return new Map();
    const found = await this.dataSource.manager.find(Meeting, {
      where: { municipalityId: tenant.municipalityId, id: In([...new Set(ids)]) },
    });
    return new Map(found.map((meeting) => [meeting.id, meeting]));
  }

  /** The meetings of the organs that start at or after the instant, by start. */
  ofOrgansSince(tenant: Tenant, organIds: number[], since: Date): Promise<Meeting[]> {
    if (organIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(Meeting, {
      where: {
        municipalityId: tenant.municipalityId,
        organId: In(organIds),
        startsAt: MoreThanOrEqual(since),
      },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  list(tenant: Tenant, organId?: number): Promise<Meeting[]> {
    return this.dataSource.manager.find(Meeting, {
      where: { municipalityId: tenant.municipalityId, ...(organId ? { organId } : {}) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  async agenda(tenant: Tenant, id: number): Promise<Agenda> {
    const meeting = await this.get(tenant, id);
    const items = await this.items(tenant, meeting.id);
    const caseIds = items
      .map((item) => item.caseId)
      .filter((caseId): caseId is number => caseId !== null);
    const cases = new Map(
      (caseIds.length ? await this.cases.repository.find(tenant, { id: In(caseIds) }) : []).map(
        (record) => [record.id, record],
      ),
    );
    // Collected by a published kallelse, or still waiting for this (the organ's next) meeting.
    // Its own, and (until the kallelse) those waiting for the organ's next meeting.
    const { municipalityId } = tenant;
    const scope =
      meeting.kallelseVersion > 0 || meeting.status !== 'planned'
        ? [{ meetingId: meeting.id, municipalityId }]
        : [
            { meetingId: meeting.id, municipalityId },
            { organId: meeting.organId, municipalityId, meetingId: IsNull() },
          ];
    const notices = await this.dataSource.manager.find(Notice, {
      where: scope,
      order: { receivedOn: 'ASC', id: 'ASC' },
    });
    const decisions = await this.dataSource.manager.find(DelegationDecision, {
      where: scope,
      order: { id: 'ASC' },
    });
    const documents = new Map<number, CaseDocument[]>();
    if (caseIds.length) {
      for (const document of await this.caseDocuments.repository.find(
        tenant,
        { caseId: In(caseIds) },
        { ordinal: 'ASC' },
      )) {
        documents.set(document.caseId, [...(documents.get(document.caseId) ?? []), document]);
      }
    }
    const files = new Map<number, DocumentFile[]>();
    const documentIds = [...documents.values()].flat().map((document) => document.id);
    if (documentIds.length) {
      for (const file of await this.caseDocuments.files.find(
        tenant,
        { documentId: In(documentIds) },
        { id: 'ASC' },
      )) {
        files.set(file.documentId, [...(files.get(file.documentId) ?? []), file]);
      }
    }
    return { meeting, items, cases, documents, files, notices, decisions };
  }

  /** The places the tenant's meetings are held at, each with when it was first used. */
  places(tenant: Tenant): Promise<Array<{ place: string; firstAt: Date }>> {
    return this.dataSource.query(
      `SELECT place, MIN(created_at) AS firstAt FROM meetings
        WHERE municipality_id = ? AND place <> '' GROUP BY place ORDER BY place`,
      [tenant.municipalityId],
    ) as Promise<Array<{ place: string; firstAt: Date }>>;
  }

  /** A page of the tenant's meetings in id order (the public read model's list). */
  page(tenant: Tenant, page: KeysetPage): Promise<Meeting[]> {
    return this.dataSource.manager.find(Meeting, {
      where: { municipalityId: tenant.municipalityId, ...keysetWhere(page) },
      order: { id: 'ASC' },
      take: page.limit,
    });
  }

  /** The agenda items of the meetings, each meeting's in agenda order. */
  itemsOf(tenant: Tenant, meetingIds: number[]): Promise<AgendaItem[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(AgendaItem, {
      where: { municipalityId: tenant.municipalityId, meetingId: In([...new Set(meetingIds)]) },
      order: { meetingId: 'ASC', ordinal: 'ASC' },
    });
  }

  /** A page of the tenant's agenda items in id order (the public read model's list). */
  itemsPage(tenant: Tenant, page: KeysetPage): Promise<AgendaItem[]> {
    return this.dataSource.manager.find(AgendaItem, {
      where: {
        municipalityId: tenant.municipalityId,
        ...keysetWhere(page, { created: 'createdAt' }),
      },
      order: { id: 'ASC' },
      take: page.limit,
    });
  }

  /** The tenant's agenda items among the ids. */
  itemsByIds(tenant: Tenant, ids: number[]): Promise<AgendaItem[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(AgendaItem, {
      where: { municipalityId: tenant.municipalityId, id: In([...new Set(ids)]) },
      order: { id: 'ASC' },
    });
  }

  /** The tenant's agenda item, or null. */
  item(tenant: Tenant, id: number): Promise<AgendaItem | null> {
    return this.dataSource.manager.findOne(AgendaItem, {
      where: { id, municipalityId: tenant.municipalityId },
    });
  }

  /** The agenda items that put these route steps before a meeting. */
  itemsForSteps(tenant: Tenant, routeStepIds: number[]): Promise<AgendaItem[]> {
    if (routeStepIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(AgendaItem, {
      where: { municipalityId: tenant.municipalityId, routeStepId: In([...new Set(routeStepIds)]) },
      order: { id: 'ASC' },
    });
  }

  /**
   * The public PDF of each meeting's current kallelse (the items closed to the public left out),
   * for the meetings that have one. An earlier version or revision may name a case now secret:
   * only the current one is given.
   */
  async publicKallelseFiles(
    tenant: Tenant,
    meetingIds: number[],
  ): Promise<Map<number, KallelseFile>> {
    if (meetingIds.length === 0) return new Map();
    const kallelser = await this.dataSource.manager
      .createQueryBuilder(Kallelse, 's')
      .innerJoin(Meeting, 'm', 'm.id = s.meetingId AND m.kallelseVersion = s.versionNo')
      .where('s.municipalityId = :municipalityId', tenant)
      .andWhere('s.meetingId IN (:...meetingIds)', { meetingIds: [...new Set(meetingIds)] })
      .getMany();
    if (kallelser.length === 0) return new Map();
    const byName = new Map(
      kallelser.map((kallelse) => [`${kallelseFileBase(kallelse)}-offentlig.pdf`, kallelse]),
    );
    const files = await this.dataSource.manager.find(KallelseFile, {
      where: {
        municipalityId: tenant.municipalityId,
        kallelseId: In(kallelser.map((kallelse) => kallelse.id)),
        filename: In([...byName.keys()]),
      },
      order: { id: 'ASC' },
    });
    const result = new Map<number, KallelseFile>();
    for (const file of files) {
      const kallelse = byName.get(file.filename);
      if (kallelse && kallelse.id === file.kallelseId) result.set(kallelse.meetingId, file);
    }
    return result;
  }

  /** The public kallelse file with this id, while it is the current one of its meeting. */
  async publicKallelseFile(
    tenant: Tenant,
    fileId: number,
  ): Promise<{ meetingId: number; file: KallelseFile } | null> {
    const file = await this.dataSource.manager.findOne(KallelseFile, {
      where: { id: fileId, municipalityId: tenant.municipalityId },
    });
    if (!file) return null;
    const kallelse = await this.dataSource.manager.findOne(Kallelse, {
      where: { id: file.kallelseId, municipalityId: tenant.municipalityId },
    });
    if (!kallelse) return null;
    const current = (await this.publicKallelseFiles(tenant, [kallelse.meetingId])).get(
      kallelse.meetingId,
    );
    return current?.id === fileId ? { meetingId: kallelse.meetingId, file } : null;
  }

  async newestKallelse(
    tenant: Tenant,
    meetingId: number,
  ): Promise<{ kallelse: Kallelse; files: KallelseFile[] }> {
    const meeting = await this.get(tenant, meetingId);
    const kallelse = await this.dataSource.manager.findOne(Kallelse, {
      where: {
        meetingId: meeting.id,
        versionNo: meeting.kallelseVersion,
        municipalityId: tenant.municipalityId,
      },
    });
    if (!kallelse) throw new NotFoundProblem('kallelse of meeting', meetingId);
    // The files of its current revision: an earlier one may name a case now secret.
    const base = kallelseFileBase(kallelse);
    const files = await this.dataSource.manager.find(KallelseFile, {
      where: {
        municipalityId: tenant.municipalityId,
        kallelseId: kallelse.id,
        filename: In([`${base}.pdf`, `${base}.docx`, `${base}-offentlig.pdf`]),
      },
      order: { id: 'ASC' },
    });
    return { kallelse, files };
  }

  /**
   * A page of the files that still point at stored bytes (weeded rows point at none), in id
   * order after `afterId`: what the check of the file store reads.
   */
  async storedFiles(afterId: number, limit: number): Promise<StoredFileRow[]> {
    const rows: Array<StoredFileRow & { id: number | string; municipalityId: number | string }> =
      await this.dataSource.query(
        `SELECT id, municipality_id AS municipalityId, filename, sha256, storage_key AS storageKey
           FROM kallelse_files WHERE id > ? AND municipality_id IS NOT NULL ORDER BY id LIMIT ?`,
        [afterId, limit],
      );
    return rows.map((row) => ({
      ...row,
      id: Number(row.id),
      municipalityId: Number(row.municipalityId),
    }));
  }

  /**
   * Which of these stored keys a kallelse's file still points at, in any municipality (the store
   * keeps bytes by their hash, shared): gallring leaves those bytes alone.
   */
  async storageKeysInUse(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Array<{ key: string }> = await this.dataSource.query(
      `SELECT DISTINCT storage_key AS \`key\` FROM kallelse_files
        WHERE storage_key IN (?) AND municipality_id IS NOT NULL`,
      [[...new Set(keys)]],
    );
    return new Set(rows.map((row) => row.key));
  }
}
