import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '@nf/common';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../../memberships/membership.entity';
import { ORGAN_KINDS, type OrganKind } from '../../organs/organ.entity';

/** Optimistic concurrency: send the version you read; a stale edit gets 409. */
class Versioned {
  @ApiPropertyOptional({ description: 'The version you read; a stale edit is refused with 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CreateOrganDto {
  @ApiProperty({ example: 'KSAPU' })
  @IsString()
  @Matches(/^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9-]{0,31}$/, {
    message: 'code must be upper-case letters, digits and hyphens',
  })
  code: string;

  @ApiProperty({ example: 'Kommunstyrelsens arbets- och personalutskott' })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiProperty({ enum: ORGAN_KINDS })
  @IsIn(ORGAN_KINDS)
  kind: OrganKind;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The parent organ (an utskott’s board)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2)
  adjustersCount?: number;
}

export class UpdateOrganDto extends Versioned {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200) name?: string;
  @ApiPropertyOptional({ enum: ORGAN_KINDS }) @IsOptional() @IsIn(ORGAN_KINDS) kind?: OrganKind;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(1) parentId?:
    number | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(2) adjustersCount?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'Susanne Andersson' }) @IsString() @Length(2, 200) name: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Kommunstyrelsens ordförande' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'S' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  party?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() email?:
    string | null;
}

export class UpdatePersonDto extends Versioned {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  party?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() email?:
    string | null;
}

export class AddMembershipDto {
  @ApiProperty() @IsInt() @Min(1) organId: number;
  @ApiProperty() @IsInt() @Min(1) personId: number;
  @ApiProperty({ enum: MEMBERSHIP_ROLES }) @IsIn(MEMBERSHIP_ROLES) role: MembershipRole;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'S' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  party?: string | null;
  @ApiProperty({ example: '2023-01-01' }) @IsLocalDate() validFrom: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-31' })
  @IsOptional()
  @IsLocalDate()
  validTo?: string | null;
}

export class UpdateMembershipDto extends Versioned {
  @ApiPropertyOptional({ enum: MEMBERSHIP_ROLES })
  @IsOptional()
  @IsIn(MEMBERSHIP_ROLES)
  role?: MembershipRole;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  party?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsLocalDate() validTo?:
    string | null;
}

export class UpdateMunicipalitySettingsDto extends Versioned {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200) name?: string;
  @ApiPropertyOptional({ example: 'Europe/Stockholm' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ example: '{year}-{serial:5}' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/\{serial(:\d)?\}/, { message: 'dnrFormat must contain {serial} or {serial:N}' })
  dnrFormat?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() classificationCodeAppended?: boolean;

  @ApiPropertyOptional({ description: "SCB's kommunkod, by which Kolada names the municipality" })
  @IsOptional()
  @Matches(/^\d{4}$/)
  kommunkod?: string;
}
