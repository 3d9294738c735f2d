import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '@nf/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CASE_STATUSES, type CaseStatus } from '../../cases/case.entity';
import {
  DOCUMENT_DIRECTIONS,
  DOCUMENT_TYPES,
  type DocumentDirection,
  type DocumentType,
} from '../../documents/case-document.entity';

class Versioned {
  @ApiPropertyOptional({ description: 'The version you read; a stale edit is refused with 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

const OSL = { type: String, nullable: true, example: 'OSL 26 kap. 1 §' };

export class CreateSeriesDto {
  @ApiProperty({ example: 'KS' })
  @IsString()
  @Matches(/^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9-]{0,31}$/)
  code: string;
  @ApiProperty({ example: 'Kommunstyrelsens diarium' }) @IsString() @Length(2, 200) name: string;
  @ApiProperty({ example: '{year}-{serial:5}' }) @IsString() @Length(3, 100) format: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isDefault?: boolean;
}

export class UpdateSeriesDto extends Versioned {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 100) format?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class ClassificationEntryDto {
  @ApiProperty({ example: '04' }) @IsString() @Length(1, 32) code: string;
  @ApiProperty({ example: 'Ekonomi' }) @IsString() @Length(1, 300) title: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  parentCode?: string | null;
}

export class ImportClassificationDto {
  @ApiPropertyOptional({ type: [ClassificationEntryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ClassificationEntryDto)
  codes?: ClassificationEntryDto[];

  @ApiPropertyOptional({ description: 'The structure as CSV: code;title[;parent] per line' })
  @IsOptional()
  @IsString()
  @Length(1, 500_000)
  csv?: string;
}

class CaseFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'OSL-skyddat ärende' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  publicTitle?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '04' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  classificationCode?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(1) organId?:
    number | null;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  responsibleUserId?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Ekonomienheten' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  unit?: string | null;
}

export class RegisterCaseDto extends CaseFieldsDto {
  @ApiProperty({ example: 'Implementera nytt arbetssätt med E-handel i kommunens verksamheter' })
  @IsString()
  @Length(3, 500)
  title: string;

  @ApiPropertyOptional({ description: 'The series; the default series when left out' })
  @IsOptional()
  @IsInt()
  @Min(1)
  seriesId?: number;

  @ApiPropertyOptional(OSL) @IsOptional() @IsString() @Length(3, 100) secrecyOsl?: string | null;
}

export class ImportCaseDto extends RegisterCaseDto {
  @ApiProperty({ example: '2018-00278' }) @IsString() @Length(3, 64) dnr: string;
  @ApiProperty({ example: '2018-03-12T09:00:00+01:00' })
  @IsISO8601({ strict: true })
  registeredAt: string;
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;
}

export class UpdateCaseDto extends CaseFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 500) title?: string;
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;
}

export class CloseCaseDto extends Versioned {}

export class ReopenCaseDto extends Versioned {
  @ApiProperty({ example: 'Klagande har överklagat beslutet; ärendet tas upp igen.' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

export class SecrecyDto extends Versioned {
  @ApiProperty({ ...OSL, description: 'null lifts the marking' })
  @IsOptional()
  @IsString()
  @Length(3, 100)
  osl: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Ärende enligt socialtjänstlagen' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  publicTitle?: string | null;
}

export class LinkCaseDto {
  @ApiProperty() @IsInt() @Min(1) relatedCaseId: number;
}

export class RegisterDocumentDto {
  @ApiProperty({ enum: DOCUMENT_DIRECTIONS })
  @IsIn(DOCUMENT_DIRECTIONS)
  direction: DocumentDirection;
  @ApiProperty({ example: '2023-11-14' }) @IsLocalDate() date: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Regeringskansliet' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  senderRecipient?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() senderProtected?: boolean;
  @ApiProperty({ example: 'Tjänsteskrivelse från ekonomichef' })
  @IsString()
  @Length(2, 1000)
  description: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) @IsIn(DOCUMENT_TYPES) type: DocumentType;
  @ApiPropertyOptional(OSL) @IsOptional() @IsString() @Length(3, 100) secrecyOsl?: string | null;
}

export class CaseSearchDto {
  @ApiPropertyOptional({ description: 'Words in the title or in the documents’ descriptions' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
  @ApiPropertyOptional({ description: 'Number, or its beginning (2023-)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  dnr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 32) classificationCode?: string;
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) organId?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  responsibleUserId?: number;
  @ApiPropertyOptional({ example: '2023-01-01' })
  @IsOptional()
  @IsLocalDate()
  registeredFrom?: string;
  @ApiPropertyOptional({ example: '2023-12-31' })
  @IsOptional()
  @IsLocalDate()
  registeredTo?: string;
  @ApiPropertyOptional({ description: 'Next page: the `next` of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  after?: number;
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class PublicCaseSearchDto extends CaseSearchDto {}

export class DnrLookupDto {
  @ApiProperty({ example: '2023-00466' }) @IsString() @Length(3, 80) dnr: string;
}

export class FilenameDto {
  @ApiProperty({ example: 'tjansteskrivelse.pdf' })
  @IsString()
  @Length(1, 255)
  // Bidi overrides (U+202E shows "rapport\u202Efdp.exe" as "rapportexe.pdf") and the other invisible
  // format characters are refused with the control characters, as are quotes and the characters
  // file systems and Content-Disposition do not take.
  @Matches(/^[^/\\"'`<>:|?*\p{Cc}\p{Cf}]+$/u, {
    message:
      'filename may not contain slashes, quotes, < > : | ? *, control or invisible format characters',
  })
  filename: string;
}
