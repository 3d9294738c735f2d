import type { Proceedings } from '@nf/protocols';
import type { Municipality } from '@nf/tenancy';
import type {
  PublicAgendaItem,
  PublicCase,
  PublicFile,
  PublicMeeting,
  PublicOrgan,
  PublicPerson,
  PublicSeat,
  PublicStep,
} from '../public-read-model';
import { locationKey } from '../public-read-model';

/** OParl 1.1 (https://oparl.org): the schema's type URLs and the vendor prefix of our extension. */
export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
export const VENDOR_PREFIX = 'namndflode';
const type = (name: string) => `${OPARL_VERSION}${name}`;

export type OparlObject = Record<string, unknown> & { id: string; type: string };

/** Where everything of one body is, under the api's public address. */
export class OparlUrls {
  readonly body: string;

  constructor(
    readonly root: string,
    readonly slug: string,
  ) {
    this.body = `${root}/bodies/${encodeURIComponent(slug)}`;
  }

  /** The portal's page of the same thing, for residents (OParl's `web`). */
  web(path = ''): string {
    return `${this.root.replace(/\/oparl\/v1$/, '')}/portal/${encodeURIComponent(this.slug)}${path}`;
  }
  list(name: string): string {
    return `${this.body}/${name}`;
  }
  organ(id: number): string {
    return `${this.body}/organizations/organ-${id}`;
  }
  party(name: string): string {
    return `${this.body}/organizations/party-${partyKey(name)}`;
  }
  person(id: number): string {
    return `${this.body}/people/${id}`;
  }
  membership(id: number): string {
    return `${this.body}/memberships/${id}`;
  }
  meeting(id: number): string {
    return `${this.body}/meetings/${id}`;
  }
  agendaItem(id: number): string {
    return `${this.body}/agenda-items/${id}`;
  }
  paper(id: number): string {
    return `${this.body}/papers/${id}`;
  }
  consultation(id: number): string {
    return `${this.body}/consultations/${id}`;
  }
  file(key: string): string {
    return `${this.body}/files/${key}`;
  }
  location(key: string): string {
    return `${this.body}/locations/${key}`;
  }
  legislativeTerm(startYear: number): string {
    return `${this.body}/legislative-terms/${startYear}`;
  }
}

/** A party's key in its URL: its name in lower case, letters and digits only (å, ä, ö kept). */
export function partyKey(name: string): string {
  return encodeURIComponent(
    name
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, ''),
  );
}

const iso = (instant: Date) => instant.toISOString();

/** The common tail of every object. */
function stamps(created: Date, modified: Date) {
  return { created: iso(created), modified: iso(modified > created ? modified : created) };
}

export function systemObject(root: string): OparlObject {
  return {
    id: root,
    type: type('System'),
    oparlVersion: OPARL_VERSION,
    body: `${root}/bodies`,
    name: 'Nämndflöde',
  };
}

/**
 * The mandate periods (mandatperioder) of the boards' seats: four calendar years from the year
 * after an election year (2023–2026, 2027–2030, …), from the first seat's to the last's.
 */
export function legislativeTerms(seats: PublicSeat[], today: string): number[] {
  const years = [
    ...seats.flatMap((seat) => [seat.validFrom, seat.validTo ?? seat.validFrom]),
    today,
  ].map((day) => Number(day.slice(0, 4)));
  const startOf = (year: number) => 2023 + 4 * Math.floor((year - 2023) / 4);
  const starts: number[] = [];
  for (let start = startOf(Math.min(...years)); start <= startOf(Math.max(...years)); start += 4) {
    starts.push(start);
  }
  return starts;
}

export function legislativeTermObject(
  urls: OparlUrls,
  start: number,
  body: Municipality,
): OparlObject {
  return {
    id: urls.legislativeTerm(start),
    type: type('LegislativeTerm'),
    body: urls.body,
    name: `Mandatperioden ${start}–${start + 3}`,
    startDate: `${start}-01-01`,
    endDate: `${start + 3}-12-31`,
    ...stamps(body.createdAt, body.updatedAt),
  };
}

export function bodyObject(urls: OparlUrls, body: Municipality, terms: number[]): OparlObject {
  return {
    id: urls.body,
    type: type('Body'),
    system: urls.root,
    shortName: body.slug,
    name: body.name,
    classification: 'Kommun',
    [`${VENDOR_PREFIX}:kommunkod`]: body.kommunkod ?? undefined,
    organization: urls.list('organizations'),
    person: urls.list('people'),
    meeting: urls.list('meetings'),
    paper: urls.list('papers'),
    membership: urls.list('memberships'),
    agendaItem: urls.list('agenda-items'),
    consultation: urls.list('consultations'),
    legislativeTerm: terms.map((start) => legislativeTermObject(urls, start, body)),
    legislativeTermList: urls.list('legislative-terms'),
    locationList: urls.list('locations'),
    web: urls.web(),
    ...stamps(body.createdAt, body.updatedAt),
  };
}

const ORGAN_TYPES: Record<string, string> = {
  fullmäktige: 'Fullmäktige',
  styrelse: 'Styrelse',
  nämnd: 'Nämnd',
  utskott: 'Utskott',
};

export function organObject(urls: OparlUrls, organ: PublicOrgan, seats: PublicSeat[]): OparlObject {
  return {
    id: urls.organ(organ.id),
    type: type('Organization'),
    body: urls.body,
    name: organ.name,
    shortName: organ.code,
    organizationType: 'Gremium',
    classification: ORGAN_TYPES[organ.kind] ?? organ.kind,
    membership: seats
      .filter((seat) => seat.organId === organ.id)
      .map((seat) => urls.membership(seat.id)),
    subOrganizationOf: organ.parentId === null ? undefined : urls.organ(organ.parentId),
    web: urls.web(`/organ/${organ.id}`),
    ...stamps(organ.createdAt, organ.updatedAt),
  };
}

export function partyObject(
  urls: OparlUrls,
  name: string,
  seats: PublicSeat[],
  body: Municipality,
): OparlObject {
  const own = seats.filter((seat) => seat.party === name);
  const created = new Date(Math.min(...own.map((seat) => seat.createdAt.getTime())));
  const modified = new Date(Math.max(...own.map((seat) => seat.updatedAt.getTime())));
  return {
    id: urls.party(name),
    type: type('Organization'),
    body: urls.body,
    name,
    organizationType: 'Partei',
    classification: 'Parti',
    ...stamps(own.length ? created : body.createdAt, own.length ? modified : body.updatedAt),
  };
}

export function personObject(
  urls: OparlUrls,
  person: PublicPerson,
  seats: PublicSeat[],
): OparlObject {
  return {
    id: urls.person(person.id),
    type: type('Person'),
    body: urls.body,
    name: person.name,
    membership: seats
      .filter((seat) => seat.personId === person.id)
      .map((seat) => membershipObject(urls, seat)),
    ...stamps(person.createdAt, person.updatedAt),
  };
}

const ROLE_TEXT: Record<string, string> = {
  ordforande: 'Ordförande',
  vice_ordforande: 'Vice ordförande',
  ledamot: 'Ledamot',
  ersattare: 'Ersättare',
};

export function membershipObject(urls: OparlUrls, seat: PublicSeat): OparlObject {
  return {
    id: urls.membership(seat.id),
    type: type('Membership'),
    person: urls.person(seat.personId),
    organization: urls.organ(seat.organId),
    role: ROLE_TEXT[seat.role] ?? seat.role,
    // An ersättare votes only when serving for an absent member.
    votingRight: seat.role !== 'ersattare',
    startDate: seat.validFrom,
    endDate: seat.validTo ?? undefined,
    onBehalfOf: seat.party ? urls.party(seat.party) : undefined,
    ...stamps(seat.createdAt, seat.updatedAt),
  };
}

export function fileObject(urls: OparlUrls, file: PublicFile): OparlObject {
  return {
    id: urls.file(file.key),
    type: type('File'),
    name: file.name,
    fileName: file.fileName,
    mimeType: file.mimeType,
    date: file.date,
    size: file.size,
    sha512Checksum: file.sha512,
    [`${VENDOR_PREFIX}:sha256Checksum`]: file.sha256,
    accessUrl: `${urls.file(file.key)}/content`,
    downloadUrl: `${urls.file(file.key)}/content`,
    meeting: file.meetingId === null ? undefined : [urls.meeting(file.meetingId)],
    paper: file.caseId === null ? undefined : [urls.paper(file.caseId)],
    ...stamps(file.createdAt, file.createdAt),
  };
}

const MEETING_STATE: Record<string, string> = {
  planned: 'Planerat',
  summoned: 'Kallat',
  held: 'Hållet',
  adjusted: 'Protokollet justerat',
  posted: 'Anslaget',
  cancelled: 'Inställt',
};

export function meetingObject(
  urls: OparlUrls,
  meeting: PublicMeeting,
  organName: string,
  people: ReadonlyMap<string, number>,
  internal = true,
): OparlObject {
  const modified = [meeting.updatedAt, ...meeting.items.map((item) => item.modifiedAt)].reduce(
    (latest, instant) => (instant > latest ? instant : latest),
  );
  return {
    id: urls.meeting(meeting.id),
    type: type('Meeting'),
    name: `${organName}, sammanträde`,
    meetingState: MEETING_STATE[meeting.status] ?? meeting.status,
    cancelled: meeting.status === 'cancelled',
    start: iso(meeting.startsAt),
    end: meeting.endsAt ? iso(meeting.endsAt) : undefined,
    organization: [urls.organ(meeting.organId)],
    web: urls.web(`/moten/${meeting.id}`),
    location: meeting.place ? locationObject(urls, meeting.place, meeting.createdAt) : undefined,
    ...(internal
      ? {
          invitation: meeting.kallelse ? fileObject(urls, meeting.kallelse) : undefined,
          resultsProtocol: meeting.protocol ? fileObject(urls, meeting.protocol) : undefined,
          agendaItem: meeting.items.map((item) => agendaItemObject(urls, item, people)),
        }
      : {}),
    ...stamps(meeting.createdAt, modified),
  };
}

/** A place of meetings (only its name is kept: an address is not). */
export function locationObject(
  urls: OparlUrls,
  place: string,
  created: Date,
  modified: Date = created,
): OparlObject {
  return {
    id: urls.location(locationKey(place)),
    type: type('Location'),
    description: place,
    bodies: [urls.body],
    ...stamps(created, modified),
  };
}

const RESULT_TEXT: Record<string, string> = {
  decision: 'Beslut',
  election: 'Val',
  proposal: 'Förslag till beslut',
  aterremiss: 'Återremiss',
  bordlaggning: 'Bordlagt',
  information: 'Informationen noteras',
  withdrawn: 'Återtaget',
  standing: 'Behandlat',
};

export function agendaItemObject(
  urls: OparlUrls,
  item: PublicAgendaItem,
  people: ReadonlyMap<string, number>,
): OparlObject {
  return {
    id: urls.agendaItem(item.id),
    type: type('AgendaItem'),
    meeting: urls.meeting(item.meetingId),
    number: item.paragraphNumber === null ? String(item.ordinal) : `§ ${item.paragraphNumber}`,
    order: item.ordinal,
    name: item.title,
    public: item.public,
    consultation: item.routeStepId === null ? undefined : urls.consultation(item.routeStepId),
    result: item.outcome === null ? undefined : (RESULT_TEXT[item.outcome] ?? item.outcome),
    resolutionText: item.decisionText ?? undefined,
    [`${VENDOR_PREFIX}:paper`]: item.caseId === null ? undefined : urls.paper(item.caseId),
    [`${VENDOR_PREFIX}:proceedings`]: item.proceedings
      ? proceedingsExtension(urls, item.proceedings, people)
      : undefined,
    ...stamps(item.createdAt, item.modifiedAt),
  };
}

/**
 * What OParl lacks (its issues #48 and #171): how each member voted, the yrkanden, the
 * reservations and jäv of an adjusted paragraph, each name with its Person where there is one.
 */
function proceedingsExtension(
  urls: OparlUrls,
  proceedings: Proceedings,
  people: ReadonlyMap<string, number>,
) {
  const who = (name: string) => {
    const id = people.get(name);
    return { name, person: id === undefined ? undefined : urls.person(id) };
  };
  return {
    yrkanden: proceedings.yrkanden.map((yrkande) => ({ ...who(yrkande.by), text: yrkande.text })),
    propositionsordning: proceedings.propositionsordning ?? undefined,
    votering: proceedings.votering
      ? {
          question: proceedings.votering.question,
          votes: proceedings.votering.ballots.map((ballot) => ({
            ...who(ballot.member),
            vote: ballot.vote,
          })),
          ja: proceedings.votering.ja,
          nej: proceedings.votering.nej,
          avstar: proceedings.votering.avstar,
          result: proceedings.votering.result,
          castingVote: proceedings.votering.castingVote,
        }
      : undefined,
    reservations: proceedings.reservations.map((reservation) => ({
      ...who(reservation.member),
      reasons: reservation.reasons ?? undefined,
    })),
    jav: proceedings.jav.map(who),
  };
}

const ROUTE_ROLE_TEXT: Record<string, string> = {
  prepare: 'Beredning',
  propose: 'Förslag till beslut',
  decide: 'Beslut',
  inform: 'För kännedom',
};

export function consultationObject(urls: OparlUrls, step: PublicStep): OparlObject {
  return {
    id: urls.consultation(step.id),
    type: type('Consultation'),
    paper: urls.paper(step.caseId),
    agendaItem: step.agendaItemId === null ? undefined : urls.agendaItem(step.agendaItemId),
    meeting: step.meetingId === null ? undefined : urls.meeting(step.meetingId),
    organization: [urls.organ(step.organId)],
    authoritative: step.authoritative,
    role: ROUTE_ROLE_TEXT[step.role] ?? step.role,
    [`${VENDOR_PREFIX}:state`]: step.state,
    ...stamps(
      step.createdAt,
      step.doneAt && step.doneAt > step.updatedAt ? step.doneAt : step.updatedAt,
    ),
  };
}

export function paperObject(urls: OparlUrls, record: PublicCase, internal = true): OparlObject {
  const [mainFile, ...auxiliary] = record.files;
  return {
    id: urls.paper(record.id),
    type: type('Paper'),
    body: urls.body,
    name: record.title,
    reference: record.dnr,
    date: record.registeredOn,
    paperType: record.originators.length > 0 ? 'Motion' : 'Ärende',
    originatorPerson: record.originators.some((author) => author.personId !== null)
      ? record.originators.flatMap((author) =>
          author.personId === null ? [] : [urls.person(author.personId)],
        )
      : undefined,
    [`${VENDOR_PREFIX}:originators`]: record.originators.length
      ? record.originators.map((author) => ({ name: author.name, party: author.party }))
      : undefined,
    [`${VENDOR_PREFIX}:secret`]: record.secret,
    [`${VENDOR_PREFIX}:status`]: record.status,
    ...(internal
      ? {
          mainFile: mainFile ? fileObject(urls, mainFile) : undefined,
          auxiliaryFile: auxiliary.length
            ? auxiliary.map((file) => fileObject(urls, file))
            : undefined,
          consultation: record.steps.map((step) => consultationObject(urls, step)),
        }
      : {}),
    underDirectionOf: record.organId === null ? undefined : [urls.organ(record.organId)],
    web: urls.web(`/arenden/${record.id}`),
    ...stamps(record.createdAt, record.updatedAt),
  };
}

/**
 * A removed object: its id, type and creation kept, `modified` the time of removal (OParl 1.1,
 * "Gelöschte Objekte"); an agenda item keeps its place too, which OParl's schema requires.
 */
export function tombstoneObject(
  id: string,
  name: string,
  removal: { createdAt: Date; removedAt: Date; order: number | null },
): OparlObject {
  return {
    id,
    type: type(name),
    ...(name === 'AgendaItem' ? { order: removal.order ?? 0 } : {}),
    deleted: true,
    ...stamps(removal.createdAt, removal.removedAt),
  };
}

/** Drops the properties left undefined, as JSON would, so that the objects compare as served. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return JSON.parse(JSON.stringify(object)) as T;
}
