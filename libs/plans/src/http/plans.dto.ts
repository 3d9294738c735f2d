import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '@nf/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DIRECTIONS, type Direction, TARGET_KINDS } from '../figures';
import {
  ASSIGNERS,
  GENDERS,
  type Gender,
  MEASURES,
  type Measure,
  PERIODS,
  TABLE_KINDS,
  type TableKind,
} from '../plan.entities';

const Year = () => (target: object, key: string) => {
  IsInt()(target, key);
  Min(1990)(target, key);
  Max(2100)(target, key);
};

class PlanSectionDto {
  @ApiProperty() @IsString() @Length(1, 200) title: string;
  @ApiProperty() @IsString() @MaxLength(50_000) text: string;
}

class PlanAreaDto {
  @ApiProperty({ example: 'mer-lulea' }) @IsString() @Length(1, 64) key: string;
  @ApiProperty({ example: 'Mer Luleå för fler luleåbor' })
  @IsString()
  @Length(1, 300)
  title: string;
}

class PlanActivityDto {
  @ApiProperty() @IsString() @Length(1, 1_000) what: string;
  @ApiProperty() @IsString() @MaxLength(300) who: string;
  @ApiProperty({ nullable: true, type: String }) @IsOptional() @IsLocalDate() startsOn:
    string | null;
  @ApiProperty({ nullable: true, type: String }) @IsOptional() @IsLocalDate() endsOn: string | null;
}

class TargetDto {
  @ApiProperty() @Year() year: number;
  @ApiProperty({
    enum: TARGET_KINDS,
    description: 'min: "Minst …", max: "Högst …", direction: "Öka" …',
  })
  @IsIn(TARGET_KINDS)
  kind: (typeof TARGET_KINDS)[number];
  @ApiPropertyOptional()
  @ValidateIf((t: TargetDto) => t.kind !== 'direction')
  @IsNumber()
  value?: number;
  @ApiPropertyOptional({ enum: DIRECTIONS })
  @ValidateIf((t: TargetDto) => t.kind === 'direction')
  @IsIn(DIRECTIONS)
  direction?: Direction;
}

class IndicatorLinkDto {
  @ApiProperty() @IsInt() @Min(1) indicatorId: number;
  @ApiProperty({ type: [TargetDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets: TargetDto[];
}

class PlanGoalDto {
  @ApiProperty() @IsString() @Length(1, 64) key: string;
  @ApiProperty({ nullable: true, type: String }) @IsOptional() @IsString() @Length(1, 64) areaKey:
    string | null;
  @ApiProperty() @IsString() @Length(1, 500) title: string;
  @ApiProperty({ nullable: true, type: String, description: "The KF goal the board's goal serves" })
  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  kfGoal: string | null;
  @ApiProperty() @IsString() @MaxLength(10_000) description: string;
  @ApiProperty() @IsString() @MaxLength(5_000) financing: string;
  @ApiProperty({ type: [PlanActivityDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlanActivityDto)
  activities: PlanActivityDto[];
  @ApiProperty({ type: [IndicatorLinkDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IndicatorLinkDto)
  indicators: IndicatorLinkDto[];
}

class PlanAssignmentDto {
  @ApiProperty() @IsString() @Length(1, 64) key: string;
  @ApiProperty() @IsString() @Length(1, 500) title: string;
  @ApiProperty({ enum: ASSIGNERS }) @IsIn(ASSIGNERS) givenBy: (typeof ASSIGNERS)[number];
  @ApiProperty({ nullable: true, type: String }) @IsOptional() @IsString() goalKey: string | null;
  @ApiProperty({ nullable: true, type: String }) @IsOptional() @IsLocalDate() dueOn: string | null;
}

class PlanContentDto {
  @ApiPropertyOptional({ type: [PlanSectionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PlanSectionDto)
  sections?: PlanSectionDto[];

  @ApiPropertyOptional({ type: [PlanAreaDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PlanAreaDto)
  areas?: PlanAreaDto[];

  @ApiPropertyOptional({ type: [PlanGoalDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PlanGoalDto)
  goals?: PlanGoalDto[];

  @ApiPropertyOptional({ type: [PlanAssignmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PlanAssignmentDto)
  assignments?: PlanAssignmentDto[];
}

export class CreatePlanDto extends PlanContentDto {
  @ApiProperty() @IsInt() @Min(1) organId: number;
  @ApiProperty({ example: 2025 }) @Year() firstYear: number;
  @ApiProperty({ example: 2027 }) @Year() lastYear: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) title?: string;
}

export class UpdatePlanDto extends PlanContentDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) title?: string;
}

export class PlansQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) organId?: number;
}

export class DefineIndicatorDto {
  @ApiPropertyOptional({ example: 'N00945', nullable: true, type: String })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  kpiId?: string | null;
  @ApiProperty() @IsString() @Length(1, 500) name: string;
  @ApiProperty({ example: '%' }) @IsString() @Length(1, 32) unit: string;
  @ApiProperty({ example: 'Kolada' }) @IsString() @Length(1, 200) source: string;
  @ApiProperty({ enum: DIRECTIONS }) @IsIn(DIRECTIONS) direction: Direction;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() bySex?: boolean;
}

class IndicatorValueDto {
  @ApiProperty() @Year() year: number;
  @ApiPropertyOptional({ enum: GENDERS, description: 'T (all, if left out), K or M' })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;
  @ApiProperty({ nullable: true, type: Number, description: 'null removes the value' })
  @ValidateIf((v: IndicatorValueDto) => v.value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number | null;
}

export class EnterIndicatorValuesDto {
  @ApiProperty({ type: [IndicatorValueDto] })
  @IsArray()
  @ArrayMaxSize(1_000)
  @ValidateNested({ each: true })
  @Type(() => IndicatorValueDto)
  values: IndicatorValueDto[];
}

export class CsvImportDto {
  @ApiProperty({ description: 'The file as text' }) @IsString() @Length(1, 5_000_000) csv: string;
}

class EconomyRowDto {
  @ApiProperty({ enum: TABLE_KINDS }) @IsIn(TABLE_KINDS) table: TableKind;
  @ApiProperty({ example: '1110' }) @IsString() @Length(1, 32) code: string;
  @ApiProperty({ example: 'KC Ekonomi' }) @IsString() @Length(1, 300) name: string;
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  parentCode?: string | null;
  @ApiPropertyOptional({ example: 'tkr' }) @IsOptional() @IsString() @MaxLength(16) unit?: string;
}

class EconomyValueDto {
  @ApiProperty({ enum: TABLE_KINDS }) @IsIn(TABLE_KINDS) table: TableKind;
  @ApiProperty() @IsString() @Length(1, 32) code: string;
  @ApiProperty() @Year() year: number;
  @ApiPropertyOptional({ enum: PERIODS }) @IsOptional() @IsIn(PERIODS) period?: string;
  @ApiProperty({ enum: MEASURES }) @IsIn(MEASURES) measure: Measure;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'tkr for amounts; null removes the value',
  })
  @ValidateIf((v: EconomyValueDto) => v.value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number | null;
}

export class EnterEconomyDto {
  @ApiPropertyOptional({ type: [EconomyRowDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2_000)
  @ValidateNested({ each: true })
  @Type(() => EconomyRowDto)
  rows?: EconomyRowDto[];

  @ApiPropertyOptional({ type: [EconomyValueDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => EconomyValueDto)
  values?: EconomyValueDto[];
}

export class EconomyTableQuery {
  @ApiProperty() @Type(() => Number) @Year() year: number;
  @ApiPropertyOptional({ enum: PERIODS }) @IsOptional() @IsIn(PERIODS) period?: string;
}

export class PlanDocumentQuery {
  @ApiPropertyOptional({ enum: ['pdf', 'docx'], description: 'pdf if left out' })
  @IsOptional()
  @IsIn(['pdf', 'docx'])
  format?: 'pdf' | 'docx';
}
