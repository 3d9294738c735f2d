import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUrl,
  Length,
  Max,
  Min,
} from 'class-validator';
import { FEED_EVENT_TYPES, type FeedEventType } from '../changes/public-changes';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://webb.kalix.se/hooks/namndflode' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @Length(8, 500)
  url: string;

  @ApiProperty({ enum: FEED_EVENT_TYPES, isArray: true, example: ['case.changed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(FEED_EVENT_TYPES, { each: true })
  events: FeedEventType[];

  @ApiProperty({ description: 'Who is told when the subscription is paused' })
  @IsEmail()
  @Length(3, 254)
  contactEmail: string;
}

export class ResumeWebhookDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class DeliveryPageDto {
  @ApiPropertyOptional({ description: 'Older than this delivery (the `nextBefore` of a page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
