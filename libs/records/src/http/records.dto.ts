import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '@nf/common';
import { DOCUMENT_TYPES } from '@nf/registry';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { HOLD_REASONS, type HoldReason, type Keeps } from '../records.entities';
import {
  COUNTED_FROM,
  type CountedFrom,
  KEEPS,
  RETENTION_ACTIONS,
  type RetentionAction,
} from '../retention/retention-rules';

export class RetentionRuleDto {
  @ApiProperty({ example: '3.2' }) @IsString() @Length(1, 32) classificationCode: string;

  @ApiPropertyOptional({ enum: DOCUMENT_TYPES, nullable: true, description: 'null: every type' })
  @IsOptional()
  @IsIn(DOCUMENT_TYPES)
  documentType?: string | null;

  @ApiProperty({ example: 'Bygglov, ritningar och beskrivningar' })
  @IsString()
  @Length(1, 300)
  description: string;

  @ApiProperty({ enum: RETENTION_ACTIONS }) @IsIn(RETENTION_ACTIONS) action: RetentionAction;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 24, description: 'gallras after' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  afterMonths?: number | null;

  @ApiPropertyOptional({ enum: COUNTED_FROM, nullable: true })
  @IsOptional()
  @IsIn(COUNTED_FROM)
  countedFrom?: CountedFrom | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2030-01-01' })
  @IsOptional()
  @IsLocalDate()
  fixedDate?: string | null;

  @ApiPropertyOptional({ enum: KEEPS, description: 'what remains of a weeded document' })
  @IsOptional()
  @IsIn(KEEPS)
  keep?: Keeps;

  @ApiProperty({ example: 'Riksarkivets föreskrifter RA-FS 2012:2, bilaga 1' })
  @IsString()
  @Length(3, 500)
  legalBasis: string;
}

/** A new version of the dokumenthanteringsplan: the whole plan, as the decision adopted it. */
export class AdoptRetentionPlanDto {
  @ApiProperty({ description: 'The version in force you changed (0 for the first plan)' })
  @IsInt()
  @Min(0)
  basedOn: number;

  @ApiProperty({ example: 'KS 2024-03-12 § 45, dnr 2024-00123' })
  @IsString()
  @Length(3, 300)
  decision: string;

  @ApiPropertyOptional({ example: '2024-04-01' }) @IsOptional() @IsLocalDate() validFrom?: string;

  @ApiProperty({ type: [RetentionRuleDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => RetentionRuleDto)
  rules: RetentionRuleDto[];
}

export class PlaceHoldDto {
  @ApiProperty({ enum: HOLD_REASONS }) @IsIn(HOLD_REASONS) reason: HoldReason;

  @ApiProperty({ example: 'Tvist i förvaltningsrätten, mål nr 1234-26' })
  @IsString()
  @Length(3, 1000)
  note: string;
}

export class VersionDto {
  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ApproveGallringDto extends VersionDto {
  @ApiPropertyOptional({ type: [Number], description: 'Items left off: they are not weeded' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100000)
  @IsInt({ each: true })
  excludedItemIds?: number[];
}

/** Which closed cases a delivery to the e-archive takes: every condition given must hold. */
export class RequestArchiveDeliveryDto {
  @ApiPropertyOptional({
    type: String,
    example: '2026-01-01',
    description: 'closed before this day',
  })
  @IsOptional()
  @IsLocalDate()
  closedBefore?: string;

  @ApiPropertyOptional({ example: '3.2', description: 'the code and the codes under it' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  classificationCode?: string;

  @ApiPropertyOptional({ description: 'a dnr series' })
  @IsOptional()
  @IsInt()
  @Min(1)
  seriesId?: number;

  @ApiPropertyOptional({ example: 2020, description: 'registered in this year or later' })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2200)
  yearFrom?: number;

  @ApiPropertyOptional({ example: 2024, description: 'registered in this year or earlier' })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2200)
  yearTo?: number;
}

/** A request for allmänna handlingar, as it came in. */
export class RegisterDocumentRequestDto {
  @ApiPropertyOptional({
    example: 'Anna Sökande',
    nullable: true,
    description: 'who asks (no one has to say: TF 2 kap. 18 §)',
  })
  @IsOptional()
  @IsString()
  @Length(0, 300)
  requester?: string | null;

  @ApiPropertyOptional({ example: 'anna@example.se', nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 300)
  contact?: string | null;

  @ApiProperty({ example: 'Alla handlingar i ärendet om hamnens upphandling' })
  @IsString()
  @Length(1, 2000)
  description: string;

  @ApiPropertyOptional({ type: String, example: '2026-12-03T09:15:00Z', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string | null;

  @ApiProperty({ type: [Number], description: 'the registered documents asked for' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(1, { each: true })
  documentIds: number[];
}

/** The sekretessprövning of one requested document. */
export class DecideRequestItemDto {
  @ApiProperty({ enum: ['release', 'release-redacted', 'refuse'] })
  @IsIn(['release', 'release-redacted', 'refuse'])
  decision: 'release' | 'release-redacted' | 'refuse';

  @ApiPropertyOptional({
    example: 'OSL 26 kap. 1 §',
    nullable: true,
    description: 'the provision a refusal or a redaction rests on',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  oslProvision?: string | null;

  @ApiPropertyOptional({ example: 'Uppgifter om enskilds personliga förhållanden', nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  reasons?: string | null;

  @ApiPropertyOptional({ description: "the request's version as read (409 when stale)" })
  @IsOptional()
  @IsInt()
  version?: number;
}
