import { Controller, Get, Param, ParseIntPipe, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '@nf/access';
import { Clock, localDate, NotFoundProblem, Returns, type Tenant } from '@nf/common';
import { AppConfig } from '@nf/config';
import { FileStorage } from '@nf/registry';
import type { Municipality } from '@nf/tenancy';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { PublicObjectType, Removal } from '../changes/public-changes';
import { PublicReadModel, type PublicSeat } from '../public-read-model';
import {
  agendaItemObject,
  bodyObject,
  compact,
  consultationObject,
  fileObject,
  legislativeTermObject,
  legislativeTerms,
  locationObject,
  meetingObject,
  membershipObject,
  type OparlObject,
  OparlUrls,
  organObject,
  paperObject,
  partyObject,
  personObject,
  systemObject,
  tombstoneObject,
} from './oparl-objects';
import { OparlListQueryDto } from './oparl-query.dto';

const OBJECT = Type.Object(
  { id: Type.String(), type: Type.String() },
  { additionalProperties: true },
);
const LIST = Type.Object(
  {
    data: Type.Array(OBJECT),
    pagination: Type.Object({ elementsPerPage: Type.Integer() }),
    links: Type.Object({ first: Type.String(), next: Type.Optional(Type.String()) }),
  },
  { additionalProperties: true },
);
const DEFAULT_LIMIT = 100;

interface OparlList {
  data: OparlObject[];
  pagination: { elementsPerPage: number };
  links: { first: string; next?: string };
}

/**
 * OParl 1.1 (https://oparl.org/spezifikation/): the public record as open data, for harvesters
 * and civic tech. Everything comes from the public read model; nothing secret is in it.
 */
@ApiTags('oparl')
@Controller('oparl/v1')
export class OparlController {
  constructor(
    private readonly model: PublicReadModel,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  private root(request: FastifyRequest): string {
    const origin =
      this.config.app.publicUrl?.replace(/\/$/, '') ??
      `${request.protocol}://${request.headers.host ?? 'localhost'}`;
    return `${origin}/oparl/v1`;
  }

  private async body(request: FastifyRequest, slug: string) {
    // Every change made before this request is in what it reads.
    await this.model.catchUp();
    const municipality = await this.model.body(slug);
    const tenant: Tenant = { municipalityId: municipality.id };
    return { municipality, tenant, urls: new OparlUrls(this.root(request), municipality.slug) };
  }

  /** One page of a list held in memory: `after` is how many came before. */
  private page(
    request: FastifyRequest,
    objects: OparlObject[],
    query: OparlListQueryDto,
  ): OparlList {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.after ?? 0;
    const shown = objects
      .filter((object) => inWindow(object, query))
      .slice(after, after + limit + 1);
    const more = shown.length > limit;
    return this.list(
      request,
      shown.slice(0, limit).map(compact),
      limit,
      more ? after + limit : null,
    );
  }

  private list(
    request: FastifyRequest,
    data: OparlObject[],
    limit: number,
    next: number | null,
  ): OparlList {
    const url = new URL(request.url, 'http://x');
    url.searchParams.delete('after');
    const first = `${this.root(request)}${url.pathname.slice('/oparl/v1'.length)}${url.search}`;
    const withAfter = (after: number) => `${first}${first.includes('?') ? '&' : '?'}after=${after}`;
    return {
      data,
      pagination: { elementsPerPage: limit },
      links: { first, ...(next === null ? {} : { next: withAfter(next) }) },
    };
  }

  @Get()
  @Returns(OBJECT)
  @Access('public')
  system(@Req() request: FastifyRequest) {
    return systemObject(this.root(request));
  }

  @Get('bodies')
  @Returns(LIST)
  @Access('public')
  async bodies(@Req() request: FastifyRequest, @Query() query: OparlListQueryDto) {
    const objects: OparlObject[] = [];
    for (const municipality of await this.model.bodies()) {
      objects.push(await this.bodyOf(request, municipality));
    }
    return this.page(request, objects, query);
  }

  private async bodyOf(request: FastifyRequest, municipality: Municipality): Promise<OparlObject> {
    const urls = new OparlUrls(this.root(request), municipality.slug);
    const { seats } = await this.model.members({ municipalityId: municipality.id });
    return bodyObject(urls, municipality, this.terms(seats));
  }

  private terms(seats: PublicSeat[]): number[] {
    return legislativeTerms(seats, localDate(this.clock.now()));
  }

  @Get('bodies/:slug')
  @Returns(OBJECT)
  @Access('public')
  async bodyObject(@Req() request: FastifyRequest, @Param('slug') slug: string) {
    return compact(await this.bodyOf(request, await this.model.body(slug)));
  }

  @Get('bodies/:slug/legislative-terms')
  @Returns(LIST)
  @Access('public')
  async terms_(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Query() query: OparlListQueryDto,
  ) {
    const { municipality, tenant, urls } = await this.body(request, slug);
    const { seats } = await this.model.members(tenant);
    return this.page(
      request,
      this.terms(seats).map((start) => legislativeTermObject(urls, start, municipality)),
      query,
    );
  }

  @Get('bodies/:slug/legislative-terms/:start')
  @Returns(OBJECT)
  @Access('public')
  async term(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('start', ParseIntPipe) start: number,
  ) {
    const { municipality, tenant, urls } = await this.body(request, slug);
    const { seats } = await this.model.members(tenant);
    if (!this.terms(seats).includes(start)) throw new NotFoundProblem('legislative term', start);
    return legislativeTermObject(urls, start, municipality);
  }

  private async locations(request: FastifyRequest, slug: string): Promise<OparlObject[]> {
    const { tenant, urls } = await this.body(request, slug);
    return (await this.model.locations(tenant)).map((location) =>
      locationObject(urls, location.description, location.createdAt, location.updatedAt),
    );
  }

  @Get('bodies/:slug/locations')
  @Returns(LIST)
  @Access('public')
  async locationList(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Query() query: OparlListQueryDto,
  ) {
    return this.page(request, await this.locations(request, slug), query);
  }

  @Get('bodies/:slug/locations/:key')
  @Returns(OBJECT)
  @Access('public')
  async location(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('key') key: string,
  ) {
    const found = (await this.locations(request, slug)).find((object) =>
      object.id.endsWith(`/locations/${key}`),
    );
    if (!found) throw new NotFoundProblem('location', key);
    return compact(found);
  }

  private async organizations(request: FastifyRequest, slug: string): Promise<OparlObject[]> {
    const { municipality, tenant, urls } = await this.body(request, slug);
    const [organs, { seats }] = await Promise.all([
      this.model.organList(tenant),
      this.model.members(tenant),
    ]);
    const parties = [...new Set(seats.flatMap((seat) => seat.party ?? []))].sort((a, b) =>
      a.localeCompare(b, 'sv'),
    );
    return [
      ...organs.map((organ) => organObject(urls, organ, seats)),
      ...parties.map((party) => partyObject(urls, party, seats, municipality)),
    ];
  }

  @Get('bodies/:slug/organizations')
  @Returns(LIST)
  @Access('public')
  async organizationList(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Query() query: OparlListQueryDto,
  ) {
    return this.page(request, await this.organizations(request, slug), query);
  }

  @Get('bodies/:slug/organizations/:key')
  @Returns(OBJECT)
  @Access('public')
  async organization(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('key') key: string,
  ) {
    const found = (await this.organizations(request, slug)).find((object) =>
      object.id.endsWith(`/organizations/${encodeURIComponent(key)}`),
    );
    if (!found) throw new NotFoundProblem('organization', key);
    return compact(found);
  }

  private async people(request: FastifyRequest, slug: string) {
    const { tenant, urls } = await this.body(request, slug);
    const { people, seats } = await this.model.members(tenant);
    return { urls, people, seats };
  }

  @Get('bodies/:slug/people')
  @Returns(LIST)
  @Access('public')
  async personList(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Query() query: OparlListQueryDto,
  ) {
    const { urls, people, seats } = await this.people(request, slug);
    return this.page(
      request,
      people.map((person) => personObject(urls, person, seats)),
      query,
    );
  }

  @Get('bodies/:slug/people/:id')
  @Returns(OBJECT)
  @Access('public')
  async person(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('id', ParseIntPipe) id: number,
  ) {
    const { urls, people, seats } = await this.people(request, slug);
    const person = people.find((candidate) => candidate.id === id);
    if (!person) throw new NotFoundProblem('person', id);
    return compact(personObject(urls, person, seats));
  }

  @Get('bodies/:slug/memberships')
  @Returns(LIST)
  @Access('public')
  async membershipList(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Query() query: OparlListQueryDto,
  ) {
    const { urls, seats } = await this.people(request, slug);
    return this.page(
      request,
      seats.map((seat) => membershipObject(urls, seat)),
      query,
    );
  }

  @Get('bodies/:slug/memberships/:id')
  @Returns(OBJECT)
  @Access('public')
  async membership(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('id', ParseIntPipe) id: number,
  ) {
    const { urls, seats } = await this.people(request, slug);
    const seat = seats.find((candidate) => candidate.id === id);
    if (!seat) throw new NotFoundProblem('membership', id);
    return compact(membershipObject(urls, seat));
  }

  /** The names of the members, for the vendor extension's links from a vote to its Person. */
  private async names(tenant: Tenant): Promise<Map<string, number>> {
    const { people } = await this.model.members(tenant);
    return new Map(people.map((person) => [person.name, person.id]));
  }

  private async organNames(tenant: Tenant): Promise<Map<number, string>> {
    return new Map((await this.model.organList(tenant)).map((organ) => [organ.id, organ.name]));
  }

  /**
   * One page of a list read from the database in id order: with a modified window, the objects
   * changed in it, the removed ones as tombstones; else every object, in the created window.
   */
  private async stored<T extends { id: number; createdAt: Date }>(
    request: FastifyRequest,
    tenant: Tenant,
    query: OparlListQueryDto,
    type: PublicObjectType,
    read: {
      page: (afterId: number, limit: number) => Promise<T[]>;
      byIds: (ids: number[]) => Promise<T[]>;
    },
    toObject: (item: T) => OparlObject,
    tombstone: (id: number, removal: Removal) => OparlObject,
  ): Promise<OparlList> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = query.after ?? 0;
    const window = windowOf(query);
    if (!window.modifiedSince && !window.modifiedUntil) {
      const rows = await read.page(after, limit + 1);
      const data = rows.slice(0, limit).map((row) => compact(toObject(row)));
      return this.list(request, data, limit, rows.length > limit ? rows[limit - 1].id : null);
    }
    const changed = await this.model.changed(tenant, type, window, after, limit + 1);
    const shown = changed.slice(0, limit);
    const [live, removals] = await Promise.all([
      read.byIds(shown.filter((row) => !row.deleted).map((row) => row.id)),
      this.model.removals(
        tenant,
        type,
        shown.filter((row) => row.deleted).map((row) => row.id),
      ),
    ]);
    const byId = new Map(live.map((row) => [row.id, row]));
    const data = shown.flatMap((row) => {
      const removal = removals.get(row.id);
      if (removal) return [compact(tombstone(row.id, removal))];
      const found = byId.get(row.id);
      return found ? [compact(toObject(found))] : [];
    });
    return this.list(
      request,
      data.filter((object) => inWindow(object, query)),
      limit,
      changed.length > limit ? shown[limit - 1].id : null,
    );
  }

  @Get('bodies/:slug/meetings')
  @Returns(LIST)
  @Access('public')
  async meetingList(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Query() query: OparlListQueryDto,
  ) {
    const { tenant, urls } = await this.body(request, slug);
    const [names, organs] = await Promise.all([this.names(tenant), this.organNames(tenant)]);
    return this.stored(
      request,
      tenant,
      query,
      'meeting',
      {
        page: (afterId, limit) =>
          this.model.meetingPage(tenant, { ...windowOf(query), afterId, limit }),
        byIds: (ids) => this.model.meetingsByIds(tenant, ids),
      },
      (meeting) =>
        meetingObject(
          urls,
          meeting,
          organs.get(meeting.organId) ?? '',
          names,
          !query.omit_internal,
        ),
      (id, removal) => tombstoneObject(urls.meeting(id), 'Meeting', removal),
    );
  }

  @Get('bodies/:slug/agenda-items')
  @Returns(LIST)
  @Access('public')
  async agendaItemList(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Query() query: OparlListQueryDto,
  ) {
    const { tenant, urls } = await this.body(request, slug);
    const names = await this.names(tenant);
    return this.stored(
      request,
      tenant,
      query,
      'agenda_item',
      {
        page: (afterId, limit) =>
          this.model.agendaItemPage(tenant, { ...windowOf(query), afterId, limit }),
        byIds: (ids) => this.model.agendaItemsByIds(tenant, ids),
      },
      (item) => agendaItemObject(urls, item, names),
      (id, removal) => tombstoneObject(urls.agendaItem(id), 'AgendaItem', removal),
    );
  }

  @Get('bodies/:slug/consultations')
  @Returns(LIST)
  @Access('public')
  async consultationList(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Query() query: OparlListQueryDto,
  ) {
    const { tenant, urls } = await this.body(request, slug);
    return this.stored(
      request,
      tenant,
      query,
      'consultation',
      {
        page: (afterId, limit) => this.model.stepPage(tenant, afterId, limit),
        byIds: (ids) => this.model.stepsByIds(tenant, ids),
      },
      (step) => consultationObject(urls, step),
      (id, removal) => tombstoneObject(urls.consultation(id), 'Consultation', removal),
    );
  }

  @Get('bodies/:slug/meetings/:id')
  @Returns(OBJECT)
  @Access('public')
  async meeting(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('id', ParseIntPipe) id: number,
  ) {
    const { tenant, urls } = await this.body(request, slug);
    const meeting = await this.model.meeting(tenant, id);
    const organs = await this.organNames(tenant);
    return compact(
      meetingObject(urls, meeting, organs.get(meeting.organId) ?? '', await this.names(tenant)),
    );
  }

  @Get('bodies/:slug/agenda-items/:id')
  @Returns(OBJECT)
  @Access('public')
  async agendaItem(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('id', ParseIntPipe) id: number,
  ) {
    const { tenant, urls } = await this.body(request, slug);
    // A removed item stays, as a tombstone (OParl 1.1, "Gelöschte Objekte").
    const removal = (await this.model.removals(tenant, 'agenda_item', [id])).get(id);
    if (removal) return compact(tombstoneObject(urls.agendaItem(id), 'AgendaItem', removal));
    return compact(
      agendaItemObject(urls, await this.model.agendaItem(tenant, id), await this.names(tenant)),
    );
  }

  @Get('bodies/:slug/papers')
  @Returns(LIST)
  @Access('public')
  async paperList(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Query() query: OparlListQueryDto,
  ) {
    const { tenant, urls } = await this.body(request, slug);
    return this.stored(
      request,
      tenant,
      query,
      'paper',
      {
        page: (afterId, limit) =>
          this.model.casePage(tenant, { ...windowOf(query), afterId, limit }),
        byIds: (ids) => this.model.casesByIds(tenant, ids),
      },
      (record) => paperObject(urls, record, !query.omit_internal),
      (id, removal) => tombstoneObject(urls.paper(id), 'Paper', removal),
    );
  }

  @Get('bodies/:slug/papers/:id')
  @Returns(OBJECT)
  @Access('public')
  async paper(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('id', ParseIntPipe) id: number,
  ) {
    const { tenant, urls } = await this.body(request, slug);
    return compact(paperObject(urls, await this.model.case(tenant, id)));
  }

  @Get('bodies/:slug/consultations/:id')
  @Returns(OBJECT)
  @Access('public')
  async consultation(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('id', ParseIntPipe) id: number,
  ) {
    const { tenant, urls } = await this.body(request, slug);
    return compact(consultationObject(urls, await this.model.step(tenant, id)));
  }

  @Get('bodies/:slug/files/:key')
  @Returns(OBJECT)
  @Access('public')
  async file(
    @Req() request: FastifyRequest,
    @Param('slug') slug: string,
    @Param('key') key: string,
  ) {
    const { tenant, urls } = await this.body(request, slug);
    return compact(fileObject(urls, await this.model.file(tenant, key)));
  }

  @Get('bodies/:slug/files/:key/content')
  @Returns.file('application/pdf', 'application/octet-stream')
  @Access('public')
  async content(@Param('slug') slug: string, @Param('key') key: string): Promise<StreamableFile> {
    const municipality = await this.model.body(slug);
    const file = await this.model.file({ municipalityId: municipality.id }, key);
    return this.storage.download({
      storageKey: file.storageKey,
      contentType: file.mimeType,
      filename: file.fileName,
      sizeBytes: file.size,
    });
  }
}

function windowOf(query: OparlListQueryDto) {
  const instant = (value?: string) => (value ? new Date(value) : undefined);
  return {
    createdSince: instant(query.created_since),
    createdUntil: instant(query.created_until),
    modifiedSince: instant(query.modified_since),
    modifiedUntil: instant(query.modified_until),
  };
}

/** Whether an object built in memory falls in the list's created/modified window. */
function inWindow(object: OparlObject, query: OparlListQueryDto): boolean {
  const created = typeof object.created === 'string' ? object.created : undefined;
  const modified = typeof object.modified === 'string' ? object.modified : created;
  const at = (value: string | undefined) => (value ? new Date(value).getTime() : undefined);
  const within = (value: string | undefined, since?: string, until?: string) =>
    (since === undefined || (at(value) ?? 0) >= at(since)!) &&
    (until === undefined || (at(value) ?? 0) <= at(until)!);
  return (
    within(created, query.created_since, query.created_until) &&
    within(modified, query.modified_since, query.modified_until)
  );
}
