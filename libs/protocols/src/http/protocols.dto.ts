import { MOTION_ANSWERS, type MotionAnswer } from '@nf/workflow';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { PARAGRAPH_OUTCOMES, type ParagraphOutcome } from '../protocol.entities';
import { AttendanceDto, ProceedingsDto } from './proceedings.dto';

export class CreateProtocolDto {
  @ApiProperty({
    description:
      'The user who chaired the meeting: the organ’s ordförande, a vice ordförande, or whoever attendance.presidedBy names',
  })
  @IsInt()
  @Min(1)
  chairUserId: number;

  @ApiProperty({
    type: [Number],
    description:
      'The justerare elected under "Val av justerare": members with a seat, present when attendance is recorded',
  })
  @IsArray()
  @ArrayMaxSize(2)
  @IsInt({ each: true })
  @Min(1, { each: true })
  adjusterUserIds: number[];

  @ApiPropertyOptional({
    type: AttendanceDto,
    description: 'Who attended (upprop), if recorded when the protocol is opened',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttendanceDto)
  attendance?: AttendanceDto;
}

export class UpdateParagraphDto extends ProceedingsDto {
  @ApiProperty({ description: 'The protocol version you read' }) @IsInt() @Min(1) version: number;

  @ApiPropertyOptional({ enum: PARAGRAPH_OUTCOMES })
  @IsOptional()
  @IsIn(PARAGRAPH_OUTCOMES)
  outcome?: ParagraphOutcome;

  @ApiPropertyOptional({ description: 'The decision (or proposal) as the protocol says it' })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  decisionText?: string;

  @ApiPropertyOptional({
    enum: MOTION_ANSWERS,
    description: 'avskriven: written off, once the motion was reported to KF (KL 5 kap. 35 §)',
  })
  @IsOptional()
  @IsIn(MOTION_ANSWERS)
  motionAnswer?: MotionAnswer;
}

export class LockProtocolDto {
  @ApiProperty({ description: 'The protocol version you read' }) @IsInt() @Min(1) version: number;
}

export class SignProtocolDto {
  @ApiProperty({
    description: 'The contentHash of the protocol (or the immediateHash of the paragraph) you read',
  })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  contentHash: string;

  @ApiPropertyOptional({
    description: 'How you sign: login (the default) or an e-signature provider',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,31}$/)
  method?: string;

  @ApiPropertyOptional({ description: 'What the e-signature provider verifies' })
  @IsOptional()
  @IsString()
  @Length(1, 4_000)
  evidence?: string;
}
