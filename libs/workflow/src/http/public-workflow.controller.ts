import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '@nf/access';
import { NotFoundProblem, Returns } from '@nf/common';
import { toPublicCaseView } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { WorkflowQueries } from '../timeline/workflow.queries';
import { PublicTimelineView } from './workflow.views';
import { toMotionView } from './workflow.mappers';

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
