import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

/** The filters and paging of an OParl list (OParl 1.1, 2.9 "Paginierung" and "Filter"). */
export class OparlListQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) created_since?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) created_until?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) modified_since?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) modified_until?: string;
  @ApiPropertyOptional({ description: 'Leave out the objects embedded in each element' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  omit_internal?: boolean;
  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional({ description: "The next page: from the list's links.next" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}
