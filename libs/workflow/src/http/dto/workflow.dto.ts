import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '@nf/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MOTION_ANSWERS,
  OUTCOME_KINDS,
  type MotionAnswer,
  type OutcomeKind,
} from '../../routes/route-machine';

class Versioned {
  @ApiPropertyOptional({ description: 'The version you read; a stale edit is refused with 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class StartRouteDto {
  @ApiProperty({ example: 'ks-arende', description: 'A route template key (GET /route-templates)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,39}$/)
  template: string;
}

export class RecordOutcomeDto extends Versioned {
  @ApiProperty({ enum: OUTCOME_KINDS, example: 'proposal' })
  @IsIn(OUTCOME_KINDS)
  kind: OutcomeKind;

  @ApiPropertyOptional({
    description: 'The proposal or decision text (required for proposal and decision)',
    example:
      'Kommunstyrelsens arbets- och personalutskott föreslår, att kommunstyrelsen beslutar implementera ett nytt arbetssätt …',
  })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  text?: string;

  @ApiPropertyOptional({ description: 'Why the case was withdrawn (required for withdrawn)' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;

  @ApiPropertyOptional({ example: '2023-11-20' })
  @IsOptional()
  @IsLocalDate()
  meetingDate?: string;

  @ApiPropertyOptional({ example: 101 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  paragraph?: number;

  @ApiPropertyOptional({ enum: MOTION_ANSWERS, description: 'The answer when KF decides a motion' })
  @IsOptional()
  @IsIn(MOTION_ANSWERS)
  motionAnswer?: MotionAnswer;

  @ApiPropertyOptional({ description: 'The step (0-based) the outcome is for; default: current' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  step?: number;

  @ApiPropertyOptional({ description: 'The round within the step; default: current' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  round?: number;
}

class TjansteskrivelseFieldsDto {
  @ApiPropertyOptional({ example: 'Implementera nytt arbetssätt med E-handel' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;

  @ApiPropertyOptional({ example: '2023-11-14' })
  @IsOptional()
  @IsLocalDate()
  documentDate?: string;

  @ApiPropertyOptional({ example: 'Ekonomichef' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  authorTitle?: string;

  @ApiPropertyOptional({
    description: 'The organ the proposal is addressed to (default: the deciding organ)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  addressedOrganId?: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Sammanfattning' })
  @IsOptional()
  @IsString()
  @Length(0, 20_000)
  summary?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Beskrivning' })
  @IsOptional()
  @IsString()
  @Length(0, 200_000)
  description?: string | null;

  @ApiPropertyOptional({
    description: 'Förslag till beslut: the att-satser',
    example: ['implementera ett nytt arbetssätt där samtliga inköp utförs genom e-handelssystem'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 5000, { each: true })
  proposalClauses?: string[];

  @ApiPropertyOptional({
    type: [Number],
    description: 'Beslutsunderlag: ids of documents of the same case',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  basisDocumentIds?: number[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Jämställdhetsanalys' })
  @IsOptional()
  @IsString()
  @Length(0, 50_000)
  genderAnalysis?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example:
      'Nästa uppföljning sker februari 2025, därefter sker uppföljning årligen i februari månad.',
  })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  followUpClause?: string | null;
}

export class CreateTjansteskrivelseDto extends TjansteskrivelseFieldsDto {}

export class UpdateTjansteskrivelseDto extends TjansteskrivelseFieldsDto {
  @ApiPropertyOptional({ description: 'The version you read; a stale edit is refused with 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SubmitTjansteskrivelseDto extends Versioned {}

export class MotionAuthorDto {
  @ApiProperty({ example: 'Carl Otto Gählman' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'FIK' }) @IsString() @Length(1, 40) party: string;
}

export class RegisterMotionDto {
  @ApiProperty({ example: 'Motion - Skyddsrum i Kalix kommun' })
  @IsString()
  @Length(1, 500)
  title: string;

  @ApiProperty({ example: '2023-10-16' })
  @IsLocalDate()
  submittedOn: string;

  @ApiProperty({ type: [MotionAuthorDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MotionAuthorDto)
  authors: MotionAuthorDto[];

  @ApiPropertyOptional({ example: '103' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  classificationCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  seriesId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  responsibleUserId?: number;
}

export class RemitMotionDto {
  @ApiProperty({ example: '2023-10-16', description: 'The day KF decided to remit the motion' })
  @IsLocalDate()
  decidedOn: string;

  @ApiProperty({ example: 159, description: "KF's paragraph" })
  @IsInt()
  @Min(1)
  @Max(100_000)
  paragraph: number;
}

export class MotionListDto {
  @ApiPropertyOptional({
    description: 'Only open motions submitted more than a year before this local date (KF report)',
    example: '2024-11-22',
  })
  @IsOptional()
  @IsLocalDate()
  overdueOn?: string;
}
