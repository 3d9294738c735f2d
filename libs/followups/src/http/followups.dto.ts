import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsLocalDate } from '@nf/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import {
  ASSIGNMENT_STATUSES,
  DEADLINE_KINDS,
  GOAL_ASSESSMENTS,
  type GoalAssessment,
  OBLIGATION_KINDS,
  type ObligationKind,
  TRENDS,
} from '../followup.entities';
import { BUDGET_ACTORS, type BudgetActor } from '../use-cases/set-up-budget-timetable.use-case';

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

  @ApiPropertyOptional({
    description:
      'The board whose report it is (årsuppföljning, delårsrapport, månadsrapport: drafted from its adopted plan)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  organId?: number;

  @ApiPropertyOptional({ description: 'The organ the follow-up reports to' })
  @IsOptional()
  @IsInt()
  @Min(1)
  reportOrganId?: number;

  @ApiProperty({
    type: String,
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
  @ApiPropertyOptional({ description: "The plan's goal (kept from the draft)" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  key?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The KF målområde' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  area?: string | null;

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
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) key?: string;

  @ApiPropertyOptional({ enum: ['KF', 'KS'] }) @IsOptional() @IsIn(['KF', 'KS']) givenBy?:
    'KF' | 'KS';

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

export class ReportDocumentQuery {
  @ApiPropertyOptional({ enum: ['pdf', 'docx'], description: 'pdf if left out' })
  @IsOptional()
  @IsIn(['pdf', 'docx'])
  format?: 'pdf' | 'docx';
}

export class MeetDeadlineDto {
  @ApiPropertyOptional({ description: 'The case that met it (the budget, the annual report)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  caseId?: number;
}

export class BudgetStepDto {
  @ApiProperty({ example: '2024-03', description: 'A month (due its last day) or a day' })
  @IsString()
  @Length(7, 10)
  when: string;

  @ApiProperty({ example: 'Nämnderna beslutar om dokumentet Budgetberedning 2025' })
  @IsString()
  @Length(1, 400)
  what: string;

  @ApiProperty({
    enum: BUDGET_ACTORS,
    description:
      'boards: the styrelse and every nämnd; companies: followed by the styrelse, whose budgetberedning receives them',
  })
  @IsIn(BUDGET_ACTORS)
  actor: BudgetActor;
}

export class BudgetTimetableDto {
  @ApiProperty({ example: 2025 }) @IsInt() @Min(2000) @Max(2100) budgetYear: number;

  @ApiPropertyOptional({ description: 'The case whose decision set the timetable' })
  @IsOptional()
  @IsInt()
  @Min(1)
  caseId?: number;

  @ApiProperty({ type: [BudgetStepDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => BudgetStepDto)
  steps: BudgetStepDto[];
}
