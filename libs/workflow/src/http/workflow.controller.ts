import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { Returns } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { canSeeSecret, CaseQueries, toCaseView } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { RecordOutcome } from '../routes/record-outcome.use-case';
import { StartRoute } from '../routes/start-route.use-case';
import { RouteCatalogue } from '../routes/route-catalogue';
import { WorkflowQueries } from '../timeline/workflow.queries';
import { RecordOutcomeDto, StartRouteDto } from './dto/workflow.dto';
import {
  AcceptedEventView,
  ReadyCaseList,
  RouteTemplateView,
  TimelineView,
} from './workflow.views';
import { toMotionView, accepted } from './workflow.mappers';

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
