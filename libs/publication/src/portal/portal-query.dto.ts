import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '@nf/common';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';

/** An empty field of a submitted form is no filter. */
const emptyIsNone = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The portal's search form (Swedish parameter names: they stand in the address a resident shares). */
export class PortalSearchDto {
  @ApiPropertyOptional({ description: 'Sökord' })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ description: 'Diarienummer, eller dess början' })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsString()
  @Length(1, 64)
  dnr?: string;

  @ApiPropertyOptional({ description: 'Organ' })
  @Transform(({ value }: { value: unknown }) =>
    value === '' || value === undefined ? undefined : Number(value),
  )
  @IsOptional()
  @IsInt()
  @Min(1)
  organ?: number;

  @ApiPropertyOptional({ description: 'Registrerat från (ÅÅÅÅ-MM-DD)' })
  @Transform(emptyIsNone)
  @ValidateIf((dto: PortalSearchDto) => dto.fran !== undefined)
  @IsLocalDate()
  fran?: string;

  @ApiPropertyOptional({ description: 'Registrerat till (ÅÅÅÅ-MM-DD)' })
  @Transform(emptyIsNone)
  @ValidateIf((dto: PortalSearchDto) => dto.till !== undefined)
  @IsLocalDate()
  till?: string;

  @ApiPropertyOptional({ description: 'Nästa sida: efter detta ärende' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  efter?: number;
}

export class PortalYearDto {
  @ApiPropertyOptional({ description: 'År' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2200)
  ar?: number;
}

/** The form "Följ ärendet": the address, checked by the page (a wrong one is shown, in Swedish). */
export class FollowFormDto {
  @ApiPropertyOptional({ description: 'E-postadress' })
  @IsOptional()
  @IsString()
  @Length(0, 254)
  epost?: string;
}
