import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '@nf/common';
import { NOTICE_KINDS, type NoticeKind } from '../../meeting.entities';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const LOCAL_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;

class VersionRequired {
  @ApiProperty({ description: 'The agenda version you read; a stale edit is refused with 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CreateMeetingDto {
  @ApiProperty() @IsInt() @Min(1) organId: number;

  @ApiProperty({ example: '2023-12-11T09:00', description: 'Local date and time' })
  @IsString()
  @Matches(LOCAL_DATE_TIME, { message: 'startsAt must be a local date and time, YYYY-MM-DDTHH:mm' })
  startsAt: string;

  @ApiPropertyOptional({ example: '2023-12-11T16:00' })
  @IsOptional()
  @IsString()
  @Matches(LOCAL_DATE_TIME, { message: 'endsAt must be a local date and time, YYYY-MM-DDTHH:mm' })
  endsAt?: string;

  @ApiProperty({ example: 'Förvaltningsbyggnaden, Sessionssalen' })
  @IsString()
  @Length(1, 300)
  place: string;

  @ApiPropertyOptional({ example: 'Helena Landström' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  secretaryName?: string;

  @ApiPropertyOptional({ example: 'Susanne Andersson' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  chairName?: string;

  @ApiPropertyOptional({
    description:
      'A nämnd’s decision that the meeting is open to the public (KL 6 kap. 25 §); KF’s meetings always are (KL 5 kap. 38 §)',
  })
  @IsOptional()
  @IsBoolean()
  openToPublic?: boolean;
}

export class AddAgendaItemDto extends VersionRequired {
  @ApiProperty({
    enum: ['case', 'information', 'motion-report'],
    description: 'motion-report: KF’s report of the motions not decided within their year',
  })
  @IsIn(['case', 'information', 'motion-report'])
  kind: 'case' | 'information' | 'motion-report';

  @ApiPropertyOptional({ description: 'A case ready for the organ (kind case)' })
  @ValidateIf((dto: AddAgendaItemDto) => dto.kind === 'case')
  @IsInt()
  @Min(1)
  caseId?: number;

  @ApiPropertyOptional({ description: 'The heading of an information item (or the motion report)' })
  @ValidateIf((dto: AddAgendaItemDto) => dto.kind === 'information' || dto.title !== undefined)
  @IsString()
  @Length(1, 500)
  title?: string;

  @ApiPropertyOptional({
    example: 'OSL 39 kap. 3 §',
    description:
      'The OSL provision under which the item is kept out of the public kallelse and protocol',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  closedOsl?: string;
}

export class UpdateAgendaItemDto extends VersionRequired {
  @ApiPropertyOptional({ example: 'Meddelanden ks 23-12-11' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'OSL provision; null opens the item to the public',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  closedOsl?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The case of a Meddelanden or information item',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  caseId?: number | null;
}

export class VersionQueryDto {
  @ApiProperty({ description: 'The agenda version you read' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

export class ReorderAgendaDto extends VersionRequired {
  @ApiProperty({ type: [Number], description: 'Every item id, in the new order' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  itemIds: number[];
}

export class CancelMeetingDto extends VersionRequired {
  @ApiProperty({ example: 'Inga ärenden' }) @IsString() @Length(1, 1000) reason: string;
}

export class PublishKallelseDto extends VersionRequired {}

export class MeetingListDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  organId?: number;
}

export class RegisterNoticeDto {
  @ApiProperty() @IsInt() @Min(1) organId: number;
  @ApiPropertyOptional({ example: '2023-00486' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  dnr?: string;
  @ApiProperty({ example: 'Regeringskansliet' }) @IsString() @Length(1, 300) sender: string;
  @ApiProperty({ example: '2023-11-03' }) @IsLocalDate() receivedOn: string;
  @ApiProperty() @IsString() @Length(1, 2000) text: string;
  @ApiPropertyOptional({ enum: NOTICE_KINDS, description: 'Default: meddelande' })
  @IsOptional()
  @IsIn(NOTICE_KINDS)
  kind?: NoticeKind;
  @ApiPropertyOptional({
    description: 'A remiss: the day the answer is due',
    example: '2023-12-15',
  })
  @IsOptional()
  @IsLocalDate()
  answerBy?: string;
}

export class SettleRemissDto {
  @ApiProperty({ enum: ['answered', 'declined'] })
  @IsIn(['answered', 'declined'])
  outcome: 'answered' | 'declined';
  @ApiPropertyOptional({ description: 'answered: the case whose decision is the answer' })
  @ValidateIf((dto: SettleRemissDto) => dto.outcome === 'answered')
  @IsInt()
  @Min(1)
  caseId?: number;
  @ApiPropertyOptional({ description: 'declined: why, if the board said' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class DelegationPointDto {
  @ApiProperty({ example: '10.1' }) @IsString() @Matches(/^[0-9A-Za-z.]{1,20}$/) code: string;
  @ApiProperty() @IsString() @Length(1, 1000) text: string;
  @ApiPropertyOptional({
    description: 'The delegat: a role or a named post',
    example: 'Ekonomichef',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  delegates?: string;
  @ApiPropertyOptional({ description: 'The ersättare', example: 'Kommundirektör' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  substitutes?: string;
  @ApiPropertyOptional({ example: 'KL 6 kap. 39 §' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  lagrum?: string;
  @ApiPropertyOptional({ description: 'The highest amount, in kronor', example: 500000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  limitAmount?: number;
  @ApiPropertyOptional({ description: 'The kind of matter the point is limited to' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  limitMatters?: string;
  @ApiPropertyOptional({
    description: 'Whether decisions under it are reported to the board (default: true)',
  })
  @IsOptional()
  @IsBoolean()
  mustReport?: boolean;
  @ApiPropertyOptional({
    description: 'The point for urgent decisions, KL 6 kap. 39 § (default: false)',
  })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;
}

export class ImportDelegationOrderDto {
  @ApiProperty({ type: [DelegationPointDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DelegationPointDto)
  points: DelegationPointDto[];
}

export class DelegationDecisionQueryDto {
  @ApiPropertyOptional({
    description: 'Only those taken outside the delegation order',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  flagged?: 'true' | 'false';
}

export class RegisterDelegationDecisionDto {
  @ApiProperty() @IsInt() @Min(1) organId: number;
  @ApiProperty({ example: 'Jeanette Larsson' }) @IsString() @Length(1, 300) delegate: string;
  @ApiPropertyOptional({ example: 'Ekonomichef' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  delegateTitle?: string;
  @ApiPropertyOptional({ example: '2023-11-01' }) @IsOptional() @IsLocalDate() decidedOn?: string;
  @ApiPropertyOptional({ example: '7.1' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z.]{1,20}$/)
  pointCode?: string;
  @ApiPropertyOptional({ example: 'Nedskrivning/uppskrivning' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  pointText?: string;
  @ApiPropertyOptional({ example: '2023-00501' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  dnr?: string;
  @ApiProperty() @IsString() @Length(1, 2000) summary: string;
  @ApiPropertyOptional({ description: 'The amount, in kronor, it concerns', example: 40000000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  amount?: number;
  @ApiPropertyOptional({ description: 'Default: whether the point is the urgent decisions’ one' })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;
}

export class MoveAgendaItemDto extends VersionRequired {
  @ApiProperty({ description: 'The meeting (of the same organ) to move the item to' })
  @IsInt()
  @Min(1)
  toMeetingId: number;

  @ApiProperty({ description: 'The version of that meeting’s agenda you read' })
  @IsInt()
  @Min(1)
  toVersion: number;
}

export class PlannedMeetingDto {
  @ApiProperty({ example: '2024-02-12T09:00' })
  @IsString()
  @Matches(LOCAL_DATE_TIME, { message: 'startsAt must be a local date and time, YYYY-MM-DDTHH:mm' })
  startsAt: string;

  @ApiProperty({ example: 'Förvaltningsbyggnaden, Sessionssalen' })
  @IsString()
  @Length(1, 300)
  place: string;
}

export class MeetingPlanDto {
  @ApiProperty({ example: 2024 }) @IsInt() @Min(2000) @Max(2100) year: number;

  @ApiProperty({ type: [PlannedMeetingDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlannedMeetingDto)
  meetings: PlannedMeetingDto[];
}
