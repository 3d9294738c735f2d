import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNABLE_ROLES, type AssignableRole } from '@nf/access';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'kalix' }) @IsString() @Length(1, 64) municipality: string;
  @ApiProperty({ example: 'sekreterare' }) @IsString() @Length(1, 64) username: string;
  @ApiProperty({ example: 'demo' }) @IsString() @Length(1, 200) password: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @Length(10, 200) refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, 200) currentPassword: string;
  @ApiProperty() @IsString() @Length(1, 200) newPassword: string;
}

export class SetPasswordDto {
  @ApiProperty({ description: 'At least 12 characters, not a well-known default' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class RoleGrantDto {
  @ApiProperty({ enum: ASSIGNABLE_ROLES }) @IsIn(ASSIGNABLE_ROLES) role: AssignableRole;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Required for sekreterare: the organ',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  organId?: number | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'helena.landstrom' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/, {
    message: 'username must be 2–64 lower-case letters, digits, . _ -',
  })
  username: string;

  @ApiProperty({ example: 'Helena Landström' }) @IsString() @Length(2, 200) displayName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() email?:
    string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(1) personId?:
    number | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) password?: string;

  @ApiPropertyOptional({ type: [RoleGrantDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles?: RoleGrantDto[];
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 200) displayName?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() email?:
    string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsInt() @Min(1) personId?:
    number | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'Lift a lock-out after failed logins' })
  @IsOptional()
  @IsBoolean()
  unlock?: boolean;
}

export class SetRolesDto {
  @ApiProperty({ type: [RoleGrantDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles: RoleGrantDto[];
}

export class CreateServiceTokenDto {
  @ApiProperty({ example: 'E-arkiv' }) @IsString() @Length(2, 100) name: string;

  @ApiProperty({ type: [RoleGrantDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles: RoleGrantDto[];

  @ApiPropertyOptional({ example: '2027-12-31T23:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
