import {
  Body,
  Controller,
  Delete,
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
import {
  ApiBearerAuth,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  PartialType,
  PickType,
} from '@nestjs/swagger';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { IsLocalDate, NotFoundProblem, Returns, ValidationProblem } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import {
  AnnualOverviewView,
  AnnualSettingsView,
  CalendarFeedView,
  DeadlineView,
  FollowupReportView,
  InboxMessageView,
  ObligationView,
  ScheduleProposalView,
} from './followups.views';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AnnualFollowups } from '../annual-followups';
import { CalendarFeeds } from '../calendar-feeds';
import { FollowupReports } from '../followup-reports';
import { DeadlineQueries } from '../deadline-queries';
import {
  ASSIGNMENT_STATUSES,
  DEADLINE_KINDS,
  GOAL_ASSESSMENTS,
  type GoalAssessment,
  OBLIGATION_KINDS,
  type ObligationKind,
  TRENDS,
} from '../followup.entities';
import { Obligations } from '../obligations';
import { readSchedulePhrase } from '../schedule-phrases';

export class CreateObligationDto {
  @ApiProperty({ example: 'Destination Kalix: utvärdering till kommunstyrelsen' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiPropertyOptional({ enum: OBLIGATION_KINDS })
  @IsOptional()
  @IsIn(OBLIGATION_KINDS)
  kind?: ObligationKind;

  @ApiPropertyOptional({ description: 'The case whose decision asks for the follow-up' })
  @IsOptional()
  @IsInt()
  @Min(1)
  caseId?: number;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) responsibleUserId?: number;

  @ApiPropertyOptional({ description: 'The organ the follow-up reports to' })
  @IsOptional()
  @IsInt()
  @Min(1)
  reportOrganId?: number;

  @ApiProperty({
    example: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
    nullable: true,
    description: 'RFC 5545 RRULE of due dates (Europe/Stockholm), null for one due date',
  })
  @IsOptional()
  @IsString()
  @Length(7, 300)
  rrule: string | null;

  @ApiProperty({ example: '2025-02-28' }) @IsLocalDate() firstDue: string;

  @ApiPropertyOptional({ description: 'Days before the due date the follow-up case opens' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  leadDays?: number;

  @ApiPropertyOptional({ type: [Number], description: 'Reminders, in days before the due date' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  reminderDays?: number[];
}

/** What the person confirming a proposed obligation may correct; the rest stays as proposed. */
export class ConfirmObligationDto extends PartialType(
  PickType(CreateObligationDto, [
    'title',
    'responsibleUserId',
    'reportOrganId',
    'rrule',
    'firstDue',
    'leadDays',
    'reminderDays',
  ] as const),
) {}

export class DismissObligationDto {
  @ApiProperty({ example: 'Beslutet avser en engångsredovisning som redan lämnats' })
  @IsString()
  @Length(3, 1_000)
  reason: string;
}

export class AnnualFollowupSettingsDto {
  @ApiProperty({
    example: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
    description: 'RRULE of due dates',
  })
  @IsString()
  @Length(7, 300)
  rrule: string;

  @ApiProperty({ example: 55, description: 'Days before the due date the follow-up case opens' })
  @IsInt()
  @Min(1)
  @Max(366)
  leadDays: number;

  @ApiProperty({ type: [Number], example: [28, 14, 3] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  reminderDays: number[];

  @ApiPropertyOptional({ description: 'The organ the boards report to; default the styrelse' })
  @IsOptional()
  @IsInt()
  @Min(1)
  reportOrganId?: number;

  @ApiProperty({ description: 'The version of the settings as read (0 before the first change)' })
  @IsInt()
  @Min(0)
  version: number;
}

export class ReportSectionDto {
  @ApiProperty({ example: 'Verksamhetsberättelse' }) @IsString() @Length(1, 200) title: string;
  @ApiProperty() @IsString() @MaxLength(20_000) text: string;
}

export class ReportGoalDto {
  @ApiProperty({ example: 'Kompetensförsörjning kommunövergripande' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiProperty({ enum: GOAL_ASSESSMENTS, nullable: true })
  @IsOptional()
  @IsIn(GOAL_ASSESSMENTS)
  assessment: GoalAssessment | null;

  @ApiProperty({ enum: TRENDS, nullable: true })
  @IsOptional()
  @IsIn(TRENDS)
  trend: (typeof TRENDS)[number] | null;

  @ApiProperty() @IsString() @MaxLength(5_000) comment: string;
}

export class ReportAssignmentDto {
  @ApiProperty() @IsString() @Length(1, 500) title: string;

  @ApiProperty({ enum: ASSIGNMENT_STATUSES, description: 'done ✓, ongoing ▶' })
  @IsIn(ASSIGNMENT_STATUSES)
  status: (typeof ASSIGNMENT_STATUSES)[number];

  @ApiProperty() @IsString() @MaxLength(5_000) comment: string;
}

/** The parts of an annual follow-up's content to replace; what is left out stays. */
export class UpdateReportDto {
  @ApiProperty() @IsInt() @Min(1) version: number;

  @ApiPropertyOptional({ type: [ReportSectionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ReportSectionDto)
  sections?: ReportSectionDto[];

  @ApiPropertyOptional({ type: [ReportGoalDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReportGoalDto)
  goals?: ReportGoalDto[];

  @ApiPropertyOptional({ type: [ReportAssignmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReportAssignmentDto)
  kfAssignments?: ReportAssignmentDto[];
}

export class ScheduleProposalQuery {
  @ApiProperty({ example: 'Nästa uppföljning sker februari 2025, därefter årligen i februari' })
  @IsString()
  @Length(1, 1_000)
  phrase: string;

  @ApiProperty({ example: '2023-12-11', description: 'The date of the decision' })
  @IsLocalDate()
  after: string;
}

export class ObligationsQuery {
  @ApiPropertyOptional({ description: 'Only the occurrences past their due date' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  late?: boolean;
}

export class DeadlinesQuery {
  @ApiPropertyOptional({ enum: ['open', 'met', 'passed', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'met', 'passed', 'cancelled'])
  status?: string;

  @ApiPropertyOptional({ enum: DEADLINE_KINDS })
  @IsOptional()
  @IsIn(DEADLINE_KINDS)
  kind?: string;

  @ApiPropertyOptional({ example: '2023-12-01' }) @IsOptional() @IsLocalDate() from?: string;

  @ApiPropertyOptional({ example: '2023-12-31' }) @IsOptional() @IsLocalDate() to?: string;
}

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('api/v1')
export class FollowupsController {
  constructor(
    private readonly obligations: Obligations,
    private readonly deadlines: DeadlineQueries,
    private readonly annual: AnnualFollowups,
    private readonly reports: FollowupReports,
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
    const obligation = await this.obligations.create(principal, {
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
    await this.obligations.confirm(principal, id, body);
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
    await this.obligations.dismiss(principal, id, body.reason);
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
    return this.annual.overview(principal);
  }

  /** The municipality's rule for the annual follow-ups; applies to every board's next one. */
  @Put('annual-followups/settings')
  @Returns(AnnualSettingsView)
  @RequirePermission(Permission.SettingsManage)
  updateAnnualSettings(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AnnualFollowupSettingsDto,
  ) {
    return this.annual.updateSettings(principal, body);
  }

  @Get('followup-reports/:id')
  @Returns(FollowupReportView)
  @RequirePermission(Permission.FollowupsManage)
  report(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.reports.get(principal, id);
  }

  @Put('followup-reports/:id')
  @Returns(FollowupReportView)
  @RequirePermission(Permission.FollowupsManage)
  updateReport(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateReportDto,
  ) {
    return this.reports.update(principal, id, body);
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
    return this.obligations.markRead(principal, id);
  }
}

@ApiTags('follow-ups')
@Controller('api/v1')
export class CalendarController {
  constructor(private readonly feeds: CalendarFeeds) {}

  /**
   * A new secret address of the user's calendar feed (meetings, deadlines, follow-ups), to
   * subscribe to in a calendar program; shown once, and the previous address stops working.
   */
  @Post('me/calendar-feed')
  @Returns(CalendarFeedView, 201)
  @HttpCode(201)
  @ApiBearerAuth()
  @Access('authenticated')
  createFeed(@CurrentPrincipal() principal: Principal) {
    return this.feeds.create(principal);
  }

  @Delete('me/calendar-feed')
  @Returns.nothing()
  @HttpCode(204)
  @ApiBearerAuth()
  @Access('authenticated')
  async revokeFeed(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.feeds.revoke(principal);
  }

  /** The feed itself (text/calendar), read without logging in: the token is the key. */
  @Get('calendar/:token.ics')
  @Returns.file('text/calendar')
  @Access('public')
  @Header('Cache-Control', 'private, no-store')
  async feed(@Param('token') token: string): Promise<StreamableFile> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new NotFoundProblem('calendar feed', 'token');
    return new StreamableFile(Buffer.from(await this.feeds.render(token), 'utf8'), {
      type: 'text/calendar; charset=utf-8',
      disposition: 'inline; filename="namndflode.ics"',
    });
  }
}
