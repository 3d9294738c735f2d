import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { IsLocalDate, ValidationProblem } from '@nf/common';
import { Transform } from 'class-transformer';
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
  Min,
} from 'class-validator';
import { DeadlineQueries } from '../deadline-queries';
import { DEADLINE_KINDS, OBLIGATION_KINDS, type ObligationKind } from '../followup.entities';
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
  ) {}

  /** Reads a follow-up clause into a proposed schedule, for a person to confirm (or 422). */
  @Get('obligations/schedule-proposal')
  @RequirePermission(Permission.FollowupsManage)
  proposal(@Query() query: ScheduleProposalQuery) {
    const reading = readSchedulePhrase(query.phrase, query.after);
    if (!reading.ok) throw new ValidationProblem([{ field: 'phrase', message: reading.reason }]);
    return reading.proposal;
  }

  @Post('obligations')
  @HttpCode(201)
  @RequirePermission(Permission.FollowupsManage)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateObligationDto) {
    const obligation = await this.obligations.create(principal, {
      ...body,
      rrule: body.rrule ?? null,
    });
    return (await this.obligations.list(principal)).find((row) => row.id === obligation.id);
  }

  /** The obligations with their next due date; `late=true` for those past it (KS's list). */
  @Get('obligations')
  @RequirePermission(Permission.FollowupsManage)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ObligationsQuery) {
    return this.obligations.list(principal, { late: query.late });
  }

  /**
   * The legal deadlines (justering, anslag, end of appeal, a motion's year, KF's announcement),
   * soonest first, with whether each was or is late.
   */
  @Get('deadlines')
  @RequirePermission(Permission.FollowupsManage)
  listDeadlines(@CurrentPrincipal() principal: Principal, @Query() query: DeadlinesQuery) {
    return this.deadlines.list(principal, query);
  }

  /** What the system has told the user: follow-ups to do, reminders, late notices. */
  @Get('me/inbox')
  @Access('authenticated')
  inbox(@CurrentPrincipal() principal: Principal) {
    return this.obligations.inbox(principal);
  }
}
