import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DEFAULT_TIME_ZONE, localDate, NotFoundProblem, type Tenant } from '@nf/common';
import type { ChangeWindow, KeysetPage } from '@nf/database';
import { PublicChanges, type PublicObjectType, type Removal } from './changes/public-changes';
import { FileChecksums } from './file-checksums';
import { type AgendaItem, type Meeting, MeetingQueries } from '@nf/meetings';
import { type Proceedings, ProtocolQueries, type PublishedProtocol } from '@nf/protocols';
import { type Case, CaseQueries, DocumentQueries, withClassification } from '@nf/registry';
import {
  type Membership,
  Memberships,
  type Municipality,
  Municipalities,
  type Organ,
  Organs,
  People,
} from '@nf/tenancy';
import { type CaseRouteStep, MotionQueries, RouteQueries } from '@nf/workflow';
import {
  caseIsPublic,
  documentIsPublished,
  itemIsPublic,
  publicCaseTitle,
  publicItemTitle,
} from './public-secrecy';

/** A published file: where it comes from (`kallelse-12`), what it is, and its checksum. */
export interface PublicFile {
  key: string;
  name: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  /** OParl's checksum, worked out once from the bytes (undefined if they are missing). */
  sha512?: string;
  /** The day of the document (a local date) or of the rendering. */
  date: string;
  createdAt: Date;
  meetingId: number | null;
  agendaItemId: number | null;
  caseId: number | null;
}

export interface PublicOrgan {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A member (someone who holds or held a seat): public data only, never an e-mail address. */
export interface PublicPerson {
  id: number;
  name: string;
  party: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type PublicSeat = Pick<
  Membership,
  | 'id'
  | 'organId'
  | 'personId'
  | 'role'
  | 'party'
  | 'validFrom'
  | 'validTo'
  | 'createdAt'
  | 'updatedAt'
>;

export interface PublicAgendaItem {
  id: number;
  meetingId: number;
  ordinal: number;
  /** The § once the paragraph is adjusted. */
  paragraphNumber: number | null;
  title: string;
  public: boolean;
  caseId: number | null;
  routeStepId: number | null;
  /** The adjusted paragraph's outcome, decision text and proceedings (masked for a secret case). */
  outcome: string | null;
  decisionText: string | null;
  proceedings: Proceedings | null;
  createdAt: Date;
  modifiedAt: Date;
}

export interface PublicMeeting {
  id: number;
  organId: number;
  startsAt: Date;
  endsAt: Date | null;
  place: string;
  status: Meeting['status'];
  createdAt: Date;
  updatedAt: Date;
  kallelse: PublicFile | null;
  protocol: PublicFile | null;
  items: PublicAgendaItem[];
}

/** A notice on the anslagstavla: an adjusted protocol, while it can be appealed. */
export interface PublicNotice {
  protocolId: number;
  meetingId: number | null;
  organ: string;
  meetingDate: string;
  paragraphs: string;
  delegationDecisions: number;
  adjustedOn: string;
  postedOn: string;
  appealEndsOn: string;
  removedOn: string;
}

/** A place meetings are held at. */
export interface PublicLocation {
  key: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A place's key in its URL: stable for the same name. */
export function locationKey(place: string): string {
  return createHash('sha256').update(place).digest('hex').slice(0, 16);
}

/** A meeting as a list of meetings shows it. */
export interface PublicMeetingSummary {
  id: number;
  organId: number;
  startsAt: Date;
  place: string;
  status: Meeting['status'];
}

/** A case as a search result shows it. */
export interface PublicCaseSummary {
  id: number;
  dnr: string;
  title: string;
  secret: boolean;
  status: Case['status'];
  registeredOn: string;
}

export interface PublicStep extends CaseRouteStep {
  agendaItemId: number | null;
  meetingId: number | null;
}

export interface PublicCase {
  id: number;
  dnr: string;
  title: string;
  secret: boolean;
  status: Case['status'];
  classificationCode: string | null;
  organId: number | null;
  /** The local day it was registered. */
  registeredOn: string;
  createdAt: Date;
  updatedAt: Date;
  /** A motion's authors (the members who wrote it), each with their Person where one is known. */
  originators: Array<{ name: string; party: string; personId: number | null }>;
  /** The published files of its documents, the newest tjänsteskrivelse's first. */
  files: PublicFile[];
  steps: PublicStep[];
}

/**
 * The one read model of everything public: the portal and OParl read through it, never through
 * the owning contexts' tables. Secrecy is applied here (see public-secrecy.ts) and nowhere else.
 */
@Injectable()
export class PublicReadModel {
  constructor(
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly people: People,
    private readonly memberships: Memberships,
    private readonly meetings: MeetingQueries,
    private readonly protocols: ProtocolQueries,
    private readonly cases: CaseQueries,
    private readonly documents: DocumentQueries,
    private readonly routes: RouteQueries,
    private readonly motions: MotionQueries,
    private readonly changes: PublicChanges,
    private readonly checksums: FileChecksums,
  ) {}

  /** Gives each file its SHA-512. */
  private async withChecksums(files: PublicFile[]): Promise<void> {
    const sha512 = await this.checksums.sha512Of(files.map((file) => file.sha256));
    for (const file of files) file.sha512 = sha512.get(file.sha256);
  }

  /** Brings the record of what changed up to date, so that a read sees every change made before it. */
  async catchUp(): Promise<void> {
    await this.changes.catchUp();
  }

  /** The objects of a type changed or removed in the window, by id after `afterId`. */
  changed(
    tenant: Tenant,
    type: PublicObjectType,
    window: ChangeWindow,
    afterId: number,
    limit: number,
  ) {
    return this.changes.changed(tenant, type, window, afterId, limit);
  }

  /** The tombstones of those of the objects that were removed, by id. */
  removals(tenant: Tenant, type: PublicObjectType, ids: number[]): Promise<Map<number, Removal>> {
    return this.changes.removals(tenant, type, ids);
  }

  bodies(): Promise<Municipality[]> {
    return this.municipalities.list();
  }

  body(slug: string): Promise<Municipality> {
    return this.municipalities.getBySlug(slug);
  }

  async organList(tenant: Tenant): Promise<PublicOrgan[]> {
    const organs = await this.organs.list(tenant);
    const changed = await this.changes.modifiedOf(
      tenant,
      'organization',
      organs.map((organ) => organ.id),
    );
    return organs.map((organ: Organ) => ({
      id: organ.id,
      code: organ.code,
      name: organ.name,
      kind: organ.kind,
      parentId: organ.parentId,
      active: organ.active,
      createdAt: organ.createdAt,
      updatedAt: latest(organ.updatedAt, changed.get(organ.id)),
    }));
  }

  /** Everyone who holds or held a seat, with the seats. Officials without a seat are not listed. */
  async members(tenant: Tenant): Promise<{ people: PublicPerson[]; seats: PublicSeat[] }> {
    const all = await this.memberships.list(tenant);
    const [seatChanges, personChanges] = await Promise.all([
      this.changes.modifiedOf(
        tenant,
        'membership',
        all.map((seat) => seat.id),
      ),
      this.changes.modifiedOf(
        tenant,
        'person',
        all.map((seat) => seat.personId),
      ),
    ]);
    const seats = all.map((seat) => ({
      id: seat.id,
      organId: seat.organId,
      personId: seat.personId,
      role: seat.role,
      party: seat.party,
      validFrom: seat.validFrom,
      validTo: seat.validTo,
      createdAt: seat.createdAt,
      updatedAt: latest(seat.updatedAt, seatChanges.get(seat.id)),
    }));
    const seated = new Set(seats.map((seat) => seat.personId));
    const people = (await this.people.list(tenant))
      .filter((person) => seated.has(person.id))
      .map((person) => ({
        id: person.id,
        name: person.name,
        party: person.party,
        createdAt: person.createdAt,
        updatedAt: latest(person.updatedAt, personChanges.get(person.id)),
      }));
    return { people, seats };
  }

  /** Where meetings are held (OParl's Location), each by a key made from its name. */
  async locations(tenant: Tenant): Promise<PublicLocation[]> {
    return (await this.meetings.places(tenant)).map((row) => ({
      key: locationKey(row.place),
      description: row.place,
      createdAt: row.firstAt,
      // A place is its name: it does not change once a meeting is held there.
      updatedAt: row.firstAt,
    }));
  }

  /** The notices on the anslagstavla on the day (a local date), each with its organ and meeting. */
  async anslag(tenant: Tenant, today: string): Promise<PublicNotice[]> {
    const rows = await this.protocols.currentAnslag(tenant, today);
    const [meetings, organs] = await Promise.all([
      this.protocols.meetingsOf(
        tenant,
        rows.map((row) => row.protocolId),
      ),
      this.organs.list(tenant),
    ]);
    const names = new Map(organs.map((organ) => [organ.id, organ.name]));
    return rows.map((row) => ({
      protocolId: row.protocolId,
      meetingId: meetings.get(row.protocolId) ?? null,
      organ: names.get(row.organId) ?? '',
      meetingDate: row.meetingDate,
      paragraphs: row.paragraphs,
      delegationDecisions: row.delegationDecisions,
      adjustedOn: row.adjustedOn,
      postedOn: row.postedOn,
      appealEndsOn: row.appealEndsOn,
      removedOn: row.removedOn,
    }));
  }

  /** An organ's meetings (or every organ's), by start: what a list of meetings shows. */
  async meetingList(
    tenant: Tenant,
    filter: { organId?: number; from?: Date; until?: Date },
  ): Promise<PublicMeetingSummary[]> {
    const meetings = await this.meetings.list(tenant, filter.organId);
    return meetings
      .filter(
        (meeting) =>
          (!filter.from || meeting.startsAt >= filter.from) &&
          (!filter.until || meeting.startsAt < filter.until),
      )
      .map((meeting) => ({
        id: meeting.id,
        organId: meeting.organId,
        startsAt: meeting.startsAt,
        place: meeting.place,
        status: meeting.status,
      }));
  }

  /**
   * The public registry searched: by words (in a public case's title and its public documents'
   * descriptions, or a secret case's public title), dnr, organ and registration dates.
   */
  async searchCases(
    tenant: Tenant,
    filter: {
      q?: string;
      dnr?: string;
      organId?: number;
      registeredFrom?: string;
      registeredTo?: string;
      after?: number;
      limit: number;
    },
  ): Promise<{ cases: PublicCaseSummary[]; next: number | null }> {
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    const timeZone = municipality.timeZone ?? DEFAULT_TIME_ZONE;
    const page = await this.cases.search(tenant, filter, { seesSecrets: false, timeZone });
    return {
      cases: page.cases.map((record) => caseSummary(record, municipality)),
      next: page.next,
    };
  }

  async meetingPage(tenant: Tenant, page: KeysetPage): Promise<PublicMeeting[]> {
    return this.completeMeetings(tenant, await this.meetings.page(tenant, page));
  }

  async meetingsByIds(tenant: Tenant, ids: number[]): Promise<PublicMeeting[]> {
    const found = await this.meetings.byIds(tenant, ids);
    return this.completeMeetings(
      tenant,
      [...found.values()].sort((a, b) => a.id - b.id),
    );
  }

  /** A page of agenda items by id, each as its meeting shows it. */
  async agendaItemPage(tenant: Tenant, page: KeysetPage): Promise<PublicAgendaItem[]> {
    return this.itemsOfMeetings(tenant, await this.meetings.itemsPage(tenant, page));
  }

  async agendaItemsByIds(tenant: Tenant, ids: number[]): Promise<PublicAgendaItem[]> {
    return this.itemsOfMeetings(tenant, await this.meetings.itemsByIds(tenant, ids));
  }

  private async itemsOfMeetings(tenant: Tenant, items: AgendaItem[]): Promise<PublicAgendaItem[]> {
    const meetings = await this.meetingsByIds(
      tenant,
      items.map((item) => item.meetingId),
    );
    const shown = new Map(
      meetings.flatMap((meeting) => meeting.items).map((item) => [item.id, item]),
    );
    return items.flatMap((item) => shown.get(item.id) ?? []);
  }

  async meeting(tenant: Tenant, id: number): Promise<PublicMeeting> {
    const [meeting] = await this.completeMeetings(tenant, [await this.meetings.get(tenant, id)]);
    return meeting;
  }

  async agendaItem(tenant: Tenant, id: number): Promise<PublicAgendaItem> {
    const item = await this.meetings.item(tenant, id);
    const meeting = item && (await this.meeting(tenant, item.meetingId));
    const found = meeting?.items.find((candidate) => candidate.id === id);
    if (!found) throw new NotFoundProblem('agenda item', id);
    return found;
  }

  private async completeMeetings(tenant: Tenant, meetings: Meeting[]): Promise<PublicMeeting[]> {
    const ids = meetings.map((meeting) => meeting.id);
    const [items, kallelser, protocols] = await Promise.all([
      this.meetings.itemsOf(tenant, ids),
      this.meetings.publicKallelseFiles(tenant, ids),
      this.protocols.publishedFor(tenant, ids),
    ]);
    const [cases, meetingChanges, itemChanges] = await Promise.all([
      this.cases.byIds(
        tenant,
        items.flatMap((item) => item.caseId ?? []),
      ),
      this.changes.modifiedOf(tenant, 'meeting', ids),
      this.changes.modifiedOf(
        tenant,
        'agenda_item',
        items.map((item) => item.id),
      ),
    ]);
    const completed = meetings.map((meeting) => {
      const kallelse = kallelser.get(meeting.id);
      const protocol = protocols.get(meeting.id);
      const own = items
        .filter((item) => item.meetingId === meeting.id)
        .map((item) => publicItem(item, cases, protocol, itemChanges.get(item.id)));
      return {
        id: meeting.id,
        organId: meeting.organId,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        place: meeting.place,
        status: meeting.status,
        createdAt: meeting.createdAt,
        updatedAt: latest(
          meeting.updatedAt,
          meetingChanges.get(meeting.id),
          ...own.map((item) => item.modifiedAt),
        ),
        kallelse: kallelse
          ? {
              key: `kallelse-${kallelse.id}`,
              name: 'Kallelse (offentlig version)',
              fileName: kallelse.filename,
              mimeType: kallelse.contentType,
              size: Number(kallelse.sizeBytes),
              sha256: kallelse.sha256,
              date: localDate(kallelse.createdAt),
              createdAt: kallelse.createdAt,
              meetingId: meeting.id,
              agendaItemId: null,
              caseId: null,
            }
          : null,
        protocol: protocol?.file
          ? {
              key: `protocol-${protocol.file.id}`,
              name: 'Protokoll',
              fileName: protocol.file.filename,
              mimeType: protocol.file.contentType,
              size: protocol.file.sizeBytes,
              sha256: protocol.file.sha256,
              date: localDate(protocol.file.createdAt),
              createdAt: protocol.file.createdAt,
              meetingId: meeting.id,
              agendaItemId: null,
              caseId: null,
            }
          : null,
        items: own,
      };
    });
    await this.withChecksums(
      completed.flatMap((meeting) =>
        [meeting.kallelse, meeting.protocol].flatMap((file) => file ?? []),
      ),
    );
    return completed;
  }

  async casePage(tenant: Tenant, page: KeysetPage): Promise<PublicCase[]> {
    return this.completeCases(tenant, await this.cases.page(tenant, page));
  }

  async casesByIds(tenant: Tenant, ids: number[]): Promise<PublicCase[]> {
    const found = await this.cases.byIds(tenant, ids);
    return this.completeCases(
      tenant,
      [...found.values()].sort((a, b) => a.id - b.id),
    );
  }

  /** A page of consultations (route steps) by id, each as its paper shows it. */
  async stepPage(tenant: Tenant, afterId: number, limit: number): Promise<PublicStep[]> {
    return this.stepsOfCases(tenant, await this.routes.stepsPage(tenant, afterId, limit));
  }

  async stepsByIds(tenant: Tenant, ids: number[]): Promise<PublicStep[]> {
    return this.stepsOfCases(tenant, await this.routes.steps(tenant, { stepIds: ids }));
  }

  private async stepsOfCases(tenant: Tenant, steps: CaseRouteStep[]): Promise<PublicStep[]> {
    const cases = await this.casesByIds(
      tenant,
      steps.map((step) => step.caseId),
    );
    const shown = new Map(cases.flatMap((record) => record.steps).map((step) => [step.id, step]));
    return steps.flatMap((step) => shown.get(step.id) ?? []).sort((a, b) => a.id - b.id);
  }

  async case(tenant: Tenant, id: number): Promise<PublicCase> {
    const [record] = await this.completeCases(tenant, [await this.cases.get(tenant, id)]);
    return record;
  }

  async step(tenant: Tenant, id: number): Promise<PublicStep> {
    const [step] = await this.routes.steps(tenant, { stepIds: [id] });
    const record = step && (await this.case(tenant, step.caseId));
    const found = record?.steps.find((candidate) => candidate.id === id);
    if (!found) throw new NotFoundProblem('consultation', id);
    return found;
  }

  /** A published file by its key, with where it is stored; a file not (or no longer) public is a 404. */
  async file(tenant: Tenant, key: string): Promise<PublicFile & { storageKey: string }> {
    const match = /^(kallelse|protocol|document)-(\d+)$/.exec(key);
    const id = match ? Number(match[2]) : 0;
    if (match?.[1] === 'kallelse') {
      const found = await this.meetings.publicKallelseFile(tenant, id);
      const meeting = found && (await this.meeting(tenant, found.meetingId));
      if (found && meeting?.kallelse)
        return { ...meeting.kallelse, storageKey: found.file.storageKey };
    } else if (match?.[1] === 'protocol') {
      const found = await this.protocols.publishedFile(tenant, id);
      const meeting = found && (await this.meeting(tenant, found.meetingId));
      if (found && meeting?.protocol) return { ...meeting.protocol, storageKey: found.storageKey };
    } else if (match?.[1] === 'document') {
      const stored = await this.documents.files.findById(tenant, id);
      const document =
        stored && (await this.documents.repository.findById(tenant, stored.documentId));
      const record = document && (await this.case(tenant, document.caseId));
      const published = record?.files.find((file) => file.key === key);
      if (stored && published) return { ...published, storageKey: stored.storageKey };
    }
    throw new NotFoundProblem('file', key);
  }

  private async completeCases(tenant: Tenant, records: Case[]): Promise<PublicCase[]> {
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    const ids = records.map((record) => record.id);
    const [documents, steps, motions] = await Promise.all([
      this.documents.forCases(tenant, ids),
      this.routes.steps(tenant, { caseIds: ids }),
      this.motions.ofCases(tenant, ids),
    ]);
    // Only members are Persons: a motion's author links to one when they hold or held a seat.
    // (Read only for a page that has a motion: most have none.)
    const people = motions.size > 0 ? (await this.members(tenant)).people : [];
    const personByName = new Map(people.map((person) => [person.name, person.id]));
    const byId = new Map(records.map((record) => [record.id, record]));
    const published = documents.filter((document) =>
      documentIsPublished(document, byId.get(document.caseId)!),
    );
    const [files, placements, paperChanges, stepChanges] = await Promise.all([
      this.documents.filesOf(
        tenant,
        published.map((document) => document.id),
      ),
      this.meetings.itemsForSteps(
        tenant,
        steps.map((step) => step.id),
      ),
      this.changes.modifiedOf(tenant, 'paper', ids),
      this.changes.modifiedOf(
        tenant,
        'consultation',
        steps.map((step) => step.id),
      ),
    ]);
    const completed = records.map((record) => {
      const own = published
        .filter((document) => document.caseId === record.id)
        // The newest tjänsteskrivelse first: it is the paper's main file.
        .sort(
          (a, b) =>
            Number(b.type === 'tjansteskrivelse') - Number(a.type === 'tjansteskrivelse') ||
            b.ordinal - a.ordinal,
        );
      return {
        ...caseSummary(record, municipality),
        // A motion is a member's public act: its authors are public, whatever the case.
        originators: (motions.get(record.id)?.authors ?? []).map((author) => ({
          name: author.name,
          party: author.party,
          personId: personByName.get(author.name) ?? null,
        })),
        classificationCode: record.classificationCode,
        organId: record.organId,
        createdAt: record.createdAt,
        updatedAt: latest(record.updatedAt, paperChanges.get(record.id)),
        files: own.flatMap((document) =>
          files
            .filter((file) => file.documentId === document.id)
            .map((file) => ({
              key: `document-${file.id}`,
              name: document.description,
              fileName: file.filename,
              mimeType: file.contentType,
              size: Number(file.sizeBytes),
              sha256: file.sha256,
              date: document.documentDate,
              createdAt: file.createdAt,
              meetingId: null,
              agendaItemId: null,
              caseId: record.id,
            })),
        ),
        steps: steps
          .filter((step) => step.caseId === record.id)
          .map((step) => {
            // The newest agenda item that put the step before a meeting.
            const item = placements.filter((candidate) => candidate.routeStepId === step.id).at(-1);
            return {
              ...step,
              updatedAt: latest(step.updatedAt, step.doneAt, stepChanges.get(step.id)),
              agendaItemId: item?.id ?? null,
              meetingId: item?.meetingId ?? null,
            };
          }),
      };
    });
    await this.withChecksums(completed.flatMap((record) => record.files));
    return completed;
  }
}

/** An agenda item as the public reads it, with its adjusted paragraph where there is one. */
function publicItem(
  item: AgendaItem,
  cases: ReadonlyMap<number, Case>,
  protocol: PublishedProtocol | undefined,
  changedAt: Date | undefined,
): PublicAgendaItem {
  const record = item.caseId === null ? undefined : cases.get(item.caseId);
  const paragraph = protocol?.paragraphs.find((candidate) =>
    item.routeStepId !== null
      ? candidate.routeStepId === item.routeStepId
      : item.caseId !== null
        ? candidate.caseId === item.caseId
        : candidate.caseId === null && candidate.heading === item.title,
  );
  const open = itemIsPublic(item, record);
  // A secret case's paragraph is shown as the published protocol shows it (masked); an item
  // closed to the public for another reason shows nothing of its content.
  const shown = paragraph && (open || paragraph.masked) ? paragraph : undefined;
  return {
    id: item.id,
    meetingId: item.meetingId,
    ordinal: item.ordinal,
    paragraphNumber: paragraph?.number ?? null,
    title: publicItemTitle(item, record),
    public: open,
    caseId: item.caseId,
    routeStepId: item.routeStepId,
    outcome: paragraph?.outcome ?? null,
    decisionText: shown?.decisionText ?? null,
    proceedings: shown?.proceedings ?? null,
    createdAt: item.createdAt,
    modifiedAt: latest(item.createdAt, paragraph?.adjustedAt, changedAt),
  };
}

/** The latest of the instants given. */
function latest(first: Date, ...others: Array<Date | null | undefined>): Date {
  return others.reduce<Date>(
    (newest, instant) => (instant && instant > newest ? instant : newest),
    first,
  );
}

/** A case as the public sees it in a list: its dnr as printed, its public title, its status. */
function caseSummary(record: Case, municipality: Municipality): PublicCaseSummary {
  return {
    id: record.id,
    dnr: withClassification(
      record.dnr,
      record.classificationCode,
      municipality.classificationCodeAppended,
    ),
    title: publicCaseTitle(record),
    secret: !caseIsPublic(record),
    status: record.status,
    registeredOn: localDate(record.registeredAt, municipality.timeZone ?? DEFAULT_TIME_ZONE),
  };
}
