import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsTimeZone, Length, Matches } from 'class-validator';

export class CreateMunicipalityDto {
  @ApiProperty({ example: 'kalix', description: 'Lower-case letters, digits and hyphens' })
  @IsString()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, {
    message: 'slug must be lower-case letters, digits and inner hyphens (at most 64)',
  })
  slug: string;

  @ApiProperty({ example: 'Kalix kommun' })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiPropertyOptional({ example: 'Europe/Stockholm' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}
