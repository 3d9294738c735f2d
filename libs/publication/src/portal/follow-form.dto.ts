import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** The form "Följ ärendet": the address, checked by the page (a wrong one is shown, in Swedish). */
export class FollowFormDto {
  @ApiPropertyOptional({ description: 'E-postadress' })
  @IsOptional()
  @IsString()
  @Length(0, 254)
  epost?: string;
}
