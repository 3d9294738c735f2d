import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { DOCX, PDF } from '@nf/documents';
import { FollowupReportDocuments } from '../followup-report-documents';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { attachment, NotFoundProblem, Returns, ValidationProblem } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import {
  AnnualOverviewView,
  AttachedBasisView,
  AnnualSettingsView,
  DeadlineView,
  FollowupReportView,
  InboxMessageView,
  ObligationView,
  ScheduleProposalView,
} from './followups.views';
import { AnnualFollowupQueries } from '../annual-followup.queries';
import { FollowupReportQueries } from '../followup-report.queries';
import { UpdateAnnualFollowupSettings } from '../use-cases/update-annual-followup-settings.use-case';
import { UpdateFollowupReport } from '../use-cases/update-followup-report.use-case';
import { DeadlineQueries } from '../deadline-queries';
import { ObligationQueries } from '../obligation.queries';
import { ConfirmObligation } from '../use-cases/confirm-obligation.use-case';
import { CreateObligation } from '../use-cases/create-obligation.use-case';
import { DismissObligation } from '../use-cases/dismiss-obligation.use-case';
import { MarkMessageRead } from '../use-cases/mark-message-read.use-case';
import { MeetDeadline } from '../use-cases/meet-deadline.use-case';
import { AttachReportAsBasis } from '../use-cases/attach-report-as-basis.use-case';
import { SetUpBudgetTimetable } from '../use-cases/set-up-budget-timetable.use-case';
import { readSchedulePhrase } from '../schedule-phrases';
import {
  CreateObligationDto,
  ConfirmObligationDto,
  DismissObligationDto,
  AnnualFollowupSettingsDto,
  UpdateReportDto,
  ScheduleProposalQuery,
  ObligationsQuery,
  DeadlinesQuery,
  ReportDocumentQuery,
  MeetDeadlineDto,
  BudgetTimetableDto,
} from './followups.dto';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('api/v1')
export class FollowupsController {
  constructor(
    private readonly obligations: ObligationQueries,
    private readonly createObligation: CreateObligation,
    private readonly confirmObligation: ConfirmObligation,
    private readonly dismissObligation: DismissObligation,
    private readonly markMessageRead: MarkMessageRead,
    private readonly deadlines: DeadlineQueries,
    private readonly annualQueries: AnnualFollowupQueries,
    private readonly annualSettingsUpdate: UpdateAnnualFollowupSettings,
    private readonly reportQueries: FollowupReportQueries,
    private readonly reportDocuments: FollowupReportDocuments,
    private readonly reportUpdate: UpdateFollowupReport,
    private readonly meetDeadline: MeetDeadline,
    private readonly budgetTimetable: SetUpBudgetTimetable,
    private readonly attachReport: AttachReportAsBasis,
  ) {}

  private async obligationView(principal: Principal, id: number) {
    const view = (await this.obligations.list(principal)).find((row) => row.id === id);
    if (!view) throw new NotFoundProblem('obligation', id);
    return view;
  }

  /** Reads a follow-up clause into a proposed schedule, for a person to confirm (or 422). */
  @Get('obligations/schedule-proposal')
  @Returns(ScheduleProposalView)
  @RequirePermission(Permission.FollowupsManage)
  proposal(@Query() query: ScheduleProposalQuery) {
    const reading = readSchedulePhrase(query.phrase, query.after);
    if (!reading.ok) throw new ValidationProblem([{ field: 'phrase', message: reading.reason }]);
    return reading.proposal;
  }

  @Post('obligations')
  @Returns(ObligationView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.FollowupsManage)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateObligationDto) {
    const obligation = await this.createObligation.execute(principal, {
      ...body,
      rrule: body.rrule ?? null,
    });
    return this.obligationView(principal, obligation.id);
  }

  /** Confirms an obligation proposed from a decision's follow-up clause, corrected or as read. */
  @Post('obligations/:id/confirm')
  @Returns(ObligationView)
  @HttpCode(200)
  @RequirePermission(Permission.FollowupsManage)
  async confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ConfirmObligationDto,
  ) {
    await this.confirmObligation.execute(principal, id, body);
    return this.obligationView(principal, id);
  }

  @Post('obligations/:id/dismiss')
  @Returns.nothing()
  @HttpCode(204)
  @RequirePermission(Permission.FollowupsManage)
  async dismiss(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DismissObligationDto,
  ): Promise<void> {
    await this.dismissObligation.execute(principal, id, body.reason);
  }

  /**
   * A budget timetable (Kalix: "Tidplan för budget 2025") as obligations, one per step and board
   * that does it, each with its case a month ahead and reminders to the board's secretaries.
   */
  @Post('budget-timetables')
  @Returns(T.Array(ObligationView), 201)
  @HttpCode(201)
  @RequirePermission(Permission.FollowupsManage)
  async setUpBudgetTimetable(
    @CurrentPrincipal() principal: Principal,
    @Body() body: BudgetTimetableDto,
  ) {
    const created = new Set(
      (await this.budgetTimetable.execute(principal, body)).map((obligation) => obligation.id),
    );
    return (await this.obligations.list(principal)).filter((view) => created.has(view.id));
  }

  /** The obligations with their next due date; `late=true` for those past it (KS's list). */
  @Get('obligations')
  @Returns(T.Array(ObligationView))
  @RequirePermission(Permission.FollowupsManage)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ObligationsQuery) {
    return this.obligations.list(principal, { late: query.late });
  }

  /**
   * KS's view of the annual follow-ups: every board's current one (due, open, late), its case and
   * its report's goals counted by assessment; and the municipality's rule for them.
   */
  @Get('annual-followups')
  @Returns(AnnualOverviewView)
  @RequirePermission(Permission.FollowupsManage)
  annualOverview(@CurrentPrincipal() principal: Principal) {
    return this.annualQueries.overview(principal);
  }

  /** The municipality's rule for the annual follow-ups; applies to every board's next one. */
  @Put('annual-followups/settings')
  @Returns(AnnualSettingsView)
  @RequirePermission(Permission.SettingsManage)
  updateAnnualSettings(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AnnualFollowupSettingsDto,
  ) {
    return this.annualSettingsUpdate.execute(principal, body);
  }

  @Get('followup-reports/:id')
  @Returns(FollowupReportView)
  @RequirePermission(Permission.FollowupsManage)
  report(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.reportQueries.get(principal, id);
  }

  /** The report as a PDF (with its tables and charts) or a DOCX, in the Luleå report's structure. */
  @Get('followup-reports/:id/document')
  @Returns.file(PDF, DOCX)
  @RequirePermission(Permission.FollowupsManage)
  @Header('Cache-Control', 'private, no-store')
  async reportDocument(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ReportDocumentQuery,
  ): Promise<StreamableFile> {
    const file = await this.reportDocuments.render(principal, id, query.format ?? 'pdf');
    return attachment(file.data, file);
  }

  /**
   * The report's PDF registered on its follow-up case as a beslutsunderlag, for the tjänsteskrivelse
   * to KS to list among its basis documents; once per version of the report.
   */
  @Post('followup-reports/:id/beslutsunderlag')
  @Returns(AttachedBasisView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.FollowupsManage)
  attachAsBasis(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.attachReport.execute(principal, id);
  }

  @Put('followup-reports/:id')
  @Returns(FollowupReportView)
  @RequirePermission(Permission.FollowupsManage)
  updateReport(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateReportDto,
  ) {
    return this.reportUpdate.execute(principal, id, body);
  }

  /**
   * The legal deadlines (justering, anslag, end of appeal, a motion's year, KF's announcement),
   * soonest first, with whether each was or is late.
   */
  @Get('deadlines')
  @Returns(T.Array(DeadlineView))
  @RequirePermission(Permission.FollowupsManage)
  listDeadlines(@CurrentPrincipal() principal: Principal, @Query() query: DeadlinesQuery) {
    return this.deadlines.list(principal, query);
  }

  /**
   * Records a budget year's deadline as met (the styrelse's budget proposal, KF's budget, the
   * annual report), optionally with the case that met it; 409 for a deadline settled by its subject.
   */
  @Post('deadlines/:id/met')
  @Returns(DeadlineView)
  @HttpCode(200)
  @RequirePermission(Permission.FollowupsManage)
  async meet(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: MeetDeadlineDto,
  ) {
    await this.meetDeadline.execute(principal, id, body);
    const [view] = await this.deadlines.list(principal, { id });
    return view;
  }

  /** What the system has told the user: follow-ups to do, reminders, late notices. */
  @Get('me/inbox')
  @Returns(T.Array(InboxMessageView))
  @Access('authenticated')
  inbox(@CurrentPrincipal() principal: Principal) {
    return this.obligations.inbox(principal);
  }

  /** Marks one of the user's messages read. */
  @Post('me/inbox/:id/read')
  @Returns(InboxMessageView)
  @HttpCode(200)
  @Access('authenticated')
  markRead(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.markMessageRead.execute(principal, id);
  }
}
