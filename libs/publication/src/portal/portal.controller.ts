import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
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
import { AppConfig } from '@nf/config';
import { ReadCache } from '@nf/database';
import type { Municipality } from '@nf/tenancy';
import type { FastifyReply } from 'fastify';
import { CaseFollows } from '../follows/case-follows';
import { PublicReadModel } from '../public-read-model';
import { type Markup, portalPage } from './portal-layout';
import { readSearch, readYear } from './portal-query';
import { FollowFormDto } from './follow-form.dto';
import {
  anslagPage,
  casePage,
  followPage,
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
@Controller()
export class PortalController {
  /**
   * Rendered pages, served from memory for APP_READ_CACHE_MS (a change committed by this process
   * shows at once, one by another process within twice that): a meeting's page read by a hundred
   * residents at once is rendered once, not a hundred times.
   */
  private readonly pages: ReadCache<string, string>;

  constructor(
    private readonly model: PublicReadModel,
    private readonly follows: CaseFollows,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.pages = new ReadCache(config.app.readCacheMs, 1000);
  }

  /** Renders a page, or the portal's own 404 page when what it shows does not exist. */
  private async render(
    reply: FastifyReply,
    slug: string,
    build: (
      municipality: Municipality,
      tenant: Tenant,
    ) => Promise<{
      title: string;
      section: 'start' | 'diarium' | 'anslag' | null;
      body: Markup;
      status?: number;
    }>,
  ): Promise<string> {
    const key = reply.request.method === 'GET' ? reply.request.url : null;
    const cached = key === null ? undefined : this.pages.get(key);
    if (cached !== undefined) return cached;
    const ticket = this.pages.begin();
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
      if (page.status) reply.status(page.status);
      const rendered = portalPage({ ...page, municipality });
      if (key !== null && !page.status) this.pages.store(key, rendered, ticket);
      return rendered;
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

  @Get('portal/:municipality')
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

  /** The anslagstavla: adjusted protocols while they can be appealed, with their dates. */
  @Get('anslagstavla/:municipality')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  anslagstavla(
    @Param('municipality') slug: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) =>
      anslagPage(municipality, await this.model.anslag(tenant, this.today(municipality))),
    );
  }

  @Get('portal/:municipality/organ/:id')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  organ(
    @Param('municipality') slug: string,
    @Param('id') id: string,
    // Read leniently (an address shared may carry more): not a DTO, which refuses the unknown.
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const organ = (await this.model.organList(tenant)).find((one) => String(one.id) === id);
      if (!organ) throw notFound();
      const year = readYear(query) ?? Number(this.today(municipality).slice(0, 4));
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

  @Get('portal/:municipality/moten/:id')
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

  @Get('portal/:municipality/diarium')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  search(
    @Param('municipality') slug: string,
    // Read leniently (an address shared may carry more): not a DTO, which refuses the unknown.
    @Query() raw: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const organs = await this.model.organList(tenant);
      const { search: query, problems } = readSearch(raw);
      const searched = Boolean(query.q || query.dnr || query.organ || query.fran || query.till);
      const results = await this.model.searchCases(tenant, {
        q: query.q,
        dnr: query.dnr,
        organId: query.organ,
        registeredFrom: query.fran,
        registeredTo: query.till,
        after: query.efter,
        limit: 20,
      });
      return searchPage(municipality, organs, query, results, searched, problems);
    });
  }

  @Get('portal/:municipality/arenden/:id')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  case(
    @Param('municipality') slug: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, (municipality, tenant) =>
      this.casePage(municipality, tenant, id),
    );
  }

  private async casePage(
    municipality: Municipality,
    tenant: Tenant,
    id: string,
    follow?: { error: string; email: string },
  ) {
    if (!/^\d{1,15}$/.test(id)) throw notFound();
    const record = await this.model.case(tenant, Number(id));
    const organs = await this.model.organList(tenant);
    const meetings = await this.model.meetingsByIds(
      tenant,
      record.steps.flatMap((step) => step.meetingId ?? []),
    );
    return {
      ...casePage(municipality, record, organs, meetings, follow),
      status: follow ? 422 : undefined,
    };
  }

  /** "Följ ärendet": a confirmation link to the address given (double opt-in). */
  @Post('portal/:municipality/arenden/:id/folj')
  @Returns.page('text/html')
  @HttpCode(200)
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  followCase(
    @Param('municipality') slug: string,
    @Param('id') id: string,
    @Body() body: FollowFormDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const email = (body?.epost ?? '').trim();
      if (!/^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[^\s@<>".]{2,}$/.test(email)) {
        return this.casePage(municipality, tenant, id, {
          error: 'Skriv en e-postadress, till exempel namn@exempel.se.',
          email,
        });
      }
      if (!/^\d{1,15}$/.test(id)) throw notFound();
      await this.follows.request(tenant, Number(id), email);
      return followPage(municipality, 'requested', Number(id));
    });
  }

  @Get('portal/:municipality/folj/:token')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  confirmForm(
    @Param('municipality') slug: string,
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const follow = await this.follows.byToken(tenant, token);
      return followPage(
        municipality,
        follow.status === 'confirmed' ? 'confirmed' : 'confirm',
        follow.caseId,
        token,
      );
    });
  }

  @Post('portal/:municipality/folj/:token/bekrafta')
  @Returns.page('text/html')
  @HttpCode(200)
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  confirm(
    @Param('municipality') slug: string,
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const { caseId } = await this.follows.confirm(tenant, token);
      return followPage(municipality, 'confirmed', caseId, token);
    });
  }

  @Get('portal/:municipality/folj/:token/avsluta')
  @Returns.page('text/html')
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  unsubscribeForm(
    @Param('municipality') slug: string,
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const follow = await this.follows.byToken(tenant, token);
      return followPage(municipality, 'unsubscribe', follow.caseId, token);
    });
  }

  @Post('portal/:municipality/folj/:token/avsluta')
  @Returns.page('text/html')
  @HttpCode(200)
  @Access('public')
  @Header('Content-Type', 'text/html; charset=utf-8')
  unsubscribe(
    @Param('municipality') slug: string,
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.render(reply, slug, async (municipality, tenant) => {
      const { caseId } = await this.follows.unsubscribe(tenant, token);
      return followPage(municipality, 'unsubscribed', caseId);
    });
  }
}

function yearOf(instant: Date): number {
  return Number(localDate(instant).slice(0, 4));
}

function notFound(): ProblemError {
  return new NotFoundProblem('page');
}
