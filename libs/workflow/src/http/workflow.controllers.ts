import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { NotFoundProblem, Returns } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { canSeeSecret, CaseQueries, toCaseView, toPublicCaseView } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { Motion } from '../motions/motion.entity';
import { Motions, RegisterMotion, RemitMotion } from '../motions/motion-commands';
import { RecordOutcome, StartRoute } from '../routes/route-commands';
import { RouteCatalogue } from '../routes/route-catalogue';
import { RouteEvent } from '../routes/route.entities';
import { Tjansteskrivelse } from '../tjansteskrivelser/tjansteskrivelse.entity';
import {
  CreateTjansteskrivelse,
  SubmitTjansteskrivelse,
  UpdateTjansteskrivelse,
} from '../tjansteskrivelser/tjansteskrivelse-commands';
import { Tjansteskrivelser } from '../tjansteskrivelser/tjansteskrivelser';
import { toEventView, WorkflowQueries } from '../timeline/workflow-queries';
import {
  CreateTjansteskrivelseDto,
  MotionListDto,
  RecordOutcomeDto,
  RegisterMotionDto,
  RemitMotionDto,
  StartRouteDto,
  SubmitTjansteskrivelseDto,
  UpdateTjansteskrivelseDto,
} from './dto/workflow.dto';
import {
  AcceptedEventView,
  MotionList,
  PublicTimelineView,
  ReadyCaseList,
  RegisteredMotionView,
  RemittedMotionView,
  RouteTemplateView,
  TimelineView,
  TjansteskrivelseList,
  TjansteskrivelseView,
} from './workflow.views';

export function toTjansteskrivelseView(record: Tjansteskrivelse) {
  return {
    id: record.id,
    caseId: record.caseId,
    versionNo: record.versionNo,
    status: record.status,
    title: record.title,
    documentDate: record.documentDate,
    author: { userId: record.authorUserId, name: record.authorName, title: record.authorTitle },
    addressedOrganId: record.addressedOrganId,
    summary: record.summary,
    description: record.description,
    proposalClauses: record.proposalClauses,
    basisDocumentIds: record.basisDocumentIds,
    genderAnalysis: record.genderAnalysis,
    followUpClause: record.followUpClause,
    submittedAt: record.submittedAt?.toISOString() ?? null,
    documentId: record.documentId,
    version: record.version,
  };
}

export function toMotionView(motion: Motion) {
  return {
    caseId: motion.caseId,
    submittedOn: motion.submittedOn,
    authors: motion.authors,
    deadlineOn: motion.deadlineOn,
    remittedOn: motion.remittedOn,
    remittedParagraph: motion.remittedParagraph,
    answer: motion.answer,
    answeredOn: motion.answeredOn,
  };
}

function accepted(event: RouteEvent) {
  return { ...toEventView(event), step: event.step, caseId: event.caseId };
}

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1')
export class WorkflowController {
  constructor(
    private readonly catalogue: RouteCatalogue,
    private readonly municipalities: Municipalities,
    private readonly startRoute: StartRoute,
    private readonly recordOutcome: RecordOutcome,
    private readonly queries: WorkflowQueries,
    private readonly cases: CaseQueries,
  ) {}

  @Get('route-templates')
  @Returns(T.Array(RouteTemplateView))
  @RequirePermission(Permission.CasesRead)
  async templates(@CurrentPrincipal() principal: Principal) {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    return this.catalogue.current(municipality.slug);
  }

  @Post('cases/:id/route')
  @Returns(TimelineView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.RoutesManage)
  async start(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: StartRouteDto,
  ) {
    await this.startRoute.execute(principal, principal.userId, id, body.template);
    return this.timeline(principal, id);
  }

  /**
   * Records the outcome of the case at its current organ. The route moves when the workflow job
   * applies it (202): read the timeline to see it applied.
   */
  @Post('cases/:id/outcomes')
  @Returns(AcceptedEventView, 202)
  @HttpCode(202)
  @RequirePermission(Permission.OutcomesRecord)
  async outcome(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RecordOutcomeDto,
  ) {
    const { version, ...command } = body;
    return accepted(
      await this.recordOutcome.execute(principal, principal, id, {
        ...command,
        expectedVersion: version,
      }),
    );
  }

  /** Where is my case: steps done and planned, meetings, paragraphs and outcomes. */
  @Get('cases/:id/timeline')
  @Returns(TimelineView)
  @RequirePermission(Permission.CasesRead)
  async timeline(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    const timeline = await this.queries.timeline(principal, id);
    const seesSecret = canSeeSecret(principal, timeline.record);
    // A secret case's proposals and decisions may reveal what its title would: hidden alike.
    const hidden = timeline.record.secrecyOsl !== null && !seesSecret;
    return {
      case: toCaseView(timeline.record, {
        canSeeSecret: seesSecret,
        classificationCodeAppended: municipality.classificationCodeAppended,
      }),
      route: timeline.route,
      steps: hidden
        ? timeline.steps.map((step) => ({
            ...step,
            proposalText: null,
            events: step.events.map((event) => ({
              ...event,
              text: null,
              reason: null,
              followUpClause: null,
            })),
          }))
        : timeline.steps,
      tjansteskrivelser: timeline.tjansteskrivelser.map((record) => ({
        id: record.id,
        versionNo: record.versionNo,
        status: record.status,
        documentDate: record.documentDate,
        author: { name: record.authorName, title: record.authorTitle },
        submittedAt: record.submittedAt?.toISOString() ?? null,
        documentId: record.documentId,
      })),
      motion: timeline.motion ? toMotionView(timeline.motion) : null,
    };
  }

  /** Cases ready for the organ's next agenda, longest waiting first. */
  @Get('organs/:id/ready-cases')
  @Returns(ReadyCaseList)
  @RequirePermission(Permission.CasesRead)
  async ready(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const rows = await this.queries.readyFor(principal, id);
    return {
      cases: rows.map(({ secrecyOsl, publicTitle, responsibleUserId, ...row }) => {
        const hidden =
          secrecyOsl !== null &&
          !principal.can(Permission.SecretRead) &&
          responsibleUserId !== principal.userId;
        return {
          ...row,
          title: hidden ? (publicTitle ?? 'Sekretessbelagt ärende') : row.title,
          titleHidden: hidden,
          proposalText: hidden ? null : row.proposalText,
        };
      }),
    };
  }
}

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1')
export class TjansteskrivelserController {
  constructor(
    private readonly tjansteskrivelser: Tjansteskrivelser,
    private readonly create: CreateTjansteskrivelse,
    private readonly update: UpdateTjansteskrivelse,
    private readonly submit: SubmitTjansteskrivelse,
    private readonly cases: CaseQueries,
  ) {}

  @Post('cases/:id/tjansteskrivelser')
  @Returns(TjansteskrivelseView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.TjansteskrivelserWrite)
  async createDraft(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CreateTjansteskrivelseDto,
  ) {
    return toTjansteskrivelseView(await this.create.execute(principal, id, body));
  }

  /** The case's tjänsteskrivelser; drafts are shown to their author only. */
  @Get('cases/:id/tjansteskrivelser')
  @Returns(TjansteskrivelseList)
  @RequirePermission(Permission.CasesRead)
  async list(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const record = await this.cases.get(principal, id);
    if (record.secrecyOsl && !canSeeSecret(principal, record)) return { tjansteskrivelser: [] };
    const versions = await this.tjansteskrivelser.forCase(principal, id);
    return {
      tjansteskrivelser: versions
        .filter(
          (version) => version.status !== 'draft' || version.authorUserId === principal.userId,
        )
        .map(toTjansteskrivelseView),
    };
  }

  /** One tjänsteskrivelse; a draft is shown to its author only, a secret case's to those who may. */
  @Get('tjansteskrivelser/:id')
  @Returns(TjansteskrivelseView)
  @RequirePermission(Permission.CasesRead)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const version = await this.tjansteskrivelser.repository.getById(principal, id);
    const record = await this.cases.get(principal, version.caseId);
    const hidden =
      (record.secrecyOsl !== null && !canSeeSecret(principal, record)) ||
      (version.status === 'draft' && version.authorUserId !== principal.userId);
    if (hidden) throw new NotFoundProblem('tjänsteskrivelse', id);
    return toTjansteskrivelseView(version);
  }

  @Patch('tjansteskrivelser/:id')
  @Returns(TjansteskrivelseView)
  @RequirePermission(Permission.TjansteskrivelserWrite)
  async edit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateTjansteskrivelseDto,
  ) {
    const { version, ...fields } = body;
    return toTjansteskrivelseView(await this.update.execute(principal, id, fields, version));
  }

  @Post('tjansteskrivelser/:id/submit')
  @Returns(TjansteskrivelseView)
  @HttpCode(200)
  @RequirePermission(Permission.TjansteskrivelserWrite)
  async submitDraft(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SubmitTjansteskrivelseDto,
  ) {
    return toTjansteskrivelseView(await this.submit.execute(principal, id, body.version));
  }
}

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/v1')
export class MotionsController {
  constructor(
    private readonly motions: Motions,
    private readonly register: RegisterMotion,
    private readonly remit: RemitMotion,
  ) {}

  @Post('motions')
  @Returns(RegisteredMotionView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.CasesRegister)
  async registerMotion(@CurrentPrincipal() principal: Principal, @Body() body: RegisterMotionDto) {
    const { record, motion } = await this.register.execute(principal, principal.userId, body);
    return { ...toMotionView(motion), dnr: record.dnr, title: record.title };
  }

  /** Open motions; `overdueOn` lists those whose year had passed by that day (KF's report). */
  @Get('motions')
  @Returns(MotionList)
  @RequirePermission(Permission.CasesRead)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: MotionListDto) {
    return { motions: (await this.motions.open(principal, query.overdueOn)).map(toMotionView) };
  }

  /** KF's decision to remit the motion to KS starts its route. */
  @Post('motions/:id/remittance')
  @Returns(RemittedMotionView, 202)
  @HttpCode(202)
  @RequirePermission(Permission.OutcomesRecord)
  async remitMotion(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RemitMotionDto,
  ) {
    const { motion, event } = await this.remit.execute(principal, principal, id, body);
    return { motion: toMotionView(motion), event: accepted(event) };
  }
}

/** The route of a public case, for the public. A secret case is not found. */
@ApiTags('public')
@Controller('api/v1/public/:municipality')
export class PublicWorkflowController {
  constructor(
    private readonly municipalities: Municipalities,
    private readonly queries: WorkflowQueries,
  ) {}

  @Get('cases/:id/timeline')
  @Returns(PublicTimelineView)
  @Access('public')
  async timeline(@Param('municipality') slug: string, @Param('id', ParseIntPipe) id: number) {
    const municipality = await this.municipalities.getBySlug(slug);
    const tenant = { municipalityId: municipality.id };
    const timeline = await this.queries.timeline(tenant, id);
    if (timeline.record.secrecyOsl !== null) throw new NotFoundProblem('case', id);
    return {
      case: toPublicCaseView(timeline.record, municipality.classificationCodeAppended),
      route: timeline.route,
      steps: timeline.steps.map(({ events, onAgendaMeetingId: _agenda, ...step }) => ({
        ...step,
        events: events
          .filter((event) => event.status === 'applied')
          .map(({ followUpClause: _clause, rejectedReason: _rejected, ...event }) => event),
      })),
      tjansteskrivelser: timeline.tjansteskrivelser
        .filter((record) => record.status === 'submitted')
        .map((record) => ({
          versionNo: record.versionNo,
          documentDate: record.documentDate,
          author: { name: record.authorName, title: record.authorTitle },
          submittedAt: record.submittedAt?.toISOString() ?? null,
        })),
      motion: timeline.motion ? toMotionView(timeline.motion) : null,
    };
  }
}
