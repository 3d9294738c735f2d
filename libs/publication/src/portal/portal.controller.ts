import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '@nf/access';
import {
  Clock,
  DEFAULT_TIME_ZONE,
  localDate,
  NotFoundProblem,
  ProblemError,
  Returns,
  type Tenant,
} from '@nf/common';
import type { Municipality } from '@nf/tenancy';
import type { FastifyReply } from 'fastify';
import { PublicReadModel } from '../public-read-model';
import { type Markup, portalPage } from './portal-layout';
import { PortalSearchDto, PortalYearDto } from './portal-query.dto';
import {
  casePage,
  meetingPage,
  notFoundPage,
  organPage,
  searchPage,
  startPage,
} from './portal-pages';

/**
 * The portal for residents: the municipality's organs and meetings, a meeting's public kallelse
 * and adjusted protocol, the public registry and where a case is. Server-rendered Swedish HTML
 * that works without JavaScript, from the same public read model as OParl.
 */
@ApiTags('public')
@Controller('portal/:municipality')
export class PortalController {
  constructor(
    private readonly model: PublicReadModel,
    private readonly clock: Clock,
  ) {}

  /** Renders a page, or the portal's own 404 page when what it shows does not exist. */
  private async render(
    reply: FastifyReply,
    slug: string,
    build: (
      municipality: Municipality,
      tenant: Tenant,
    ) => Promise<{ title: string; section: 'start' | 'diarium' | null; body: Markup }>,
  ): Promise<string> {
    let municipality: Municipality;
    try {
      municipality = await this.model.body(slug);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) {
        reply.status(404);
        return notFoundPage({ slug, name: 'Nämndflöde' });
      }
      throw error;
    }
    try {
      const page = await build(municipality, { municipalityId: municipality.id });
      return portalPage({ ...page, municipality });
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) {
        reply.status(404);
        return notFoundPage(municipality);
      }
      throw error;
    }
  }

  private today(municipality: Municipality): string {
    return localDate(this.clock.now(), municipality.timeZone ?? DEFAULT_TIME_ZONE);
  }

  @Get()
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  start(@Param('municipality') slug: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const [organs, coming] = await Promise.all([
        this.model.organList(tenant),
        this.model.meetingList(tenant, { from: this.clock.now() }),
      ]);
      return startPage(municipality, organs, coming.slice(0, 10));
    });
  }

  @Get('organ/:id')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  organ(
    @Param('municipality') slug: string,
    @Param('id') id: string,
    @Query() query: PortalYearDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const organ = (await this.model.organList(tenant)).find((one) => String(one.id) === id);
      if (!organ) throw notFound();
      const year = query.ar ?? Number(this.today(municipality).slice(0, 4));
      const meetings = await this.model.meetingList(tenant, { organId: organ.id });
      const years = [...new Set(meetings.map((meeting) => yearOf(meeting.startsAt)))];
      return organPage(
        municipality,
        organ,
        year,
        years,
        meetings.filter((meeting) => yearOf(meeting.startsAt) === year),
      );
    });
  }

  @Get('moten/:id')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  meeting(
    @Param('municipality') slug: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      if (!/^\d{1,15}$/.test(id)) throw notFound();
      const meeting = await this.model.meeting(tenant, Number(id));
      const organs = await this.model.organList(tenant);
      const dnrs = await this.model.casesByIds(
        tenant,
        meeting.items.flatMap((item) => item.caseId ?? []),
      );
      return meetingPage(municipality, meeting, organs, dnrs);
    });
  }

  @Get('diarium')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  search(
    @Param('municipality') slug: string,
    @Query() query: PortalSearchDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const organs = await this.model.organList(tenant);
      const searched = Boolean(query.q || query.dnr || query.organ || query.fran || query.till);
      const results = await this.model.searchCases(tenant, {
        q: query.q || undefined,
        dnr: query.dnr || undefined,
        organId: query.organ || undefined,
        registeredFrom: query.fran || undefined,
        registeredTo: query.till || undefined,
        after: query.efter,
        limit: 20,
      });
      return searchPage(municipality, organs, query, results, searched);
    });
  }

  @Get('arenden/:id')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  case(
    @Param('municipality') slug: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      if (!/^\d{1,15}$/.test(id)) throw notFound();
      const record = await this.model.case(tenant, Number(id));
      const organs = await this.model.organList(tenant);
      const meetings = await this.model.meetingsByIds(
        tenant,
        record.steps.flatMap((step) => step.meetingId ?? []),
      );
      return casePage(municipality, record, organs, meetings);
    });
  }
}

function yearOf(instant: Date): number {
  return Number(localDate(instant).slice(0, 4));
}

function notFound(): ProblemError {
  return new NotFoundProblem('page');
}
