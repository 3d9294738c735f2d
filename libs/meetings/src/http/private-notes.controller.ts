import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Principal } from '@nf/access';
import { DateTime, Returns } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { MeetingReads } from '../notes/meeting-reads';
import { PrivateNotes } from '../notes/private-notes';

export const PrivateNoteView = T.Object({
  agendaItemId: T.Integer(),
  text: T.String(),
  updatedAt: DateTime,
  version: T.Integer(),
});

export class WritePrivateNoteDto {
  @ApiProperty({ example: 'Fråga om kostnaden för drift år 2–3.' })
  @IsString()
  @Length(1, 10_000)
  text: string;

  @ApiPropertyOptional({ description: 'The version of the note you read; left out for a new note' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/**
 * A member's private notes on the agenda items of a meeting: the caller's own, never anyone
 * else's (there is no way to ask for another user's notes), and never the text in the audit log.
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings/:id')
export class PrivateNotesController {
  constructor(
    private readonly notes: PrivateNotes,
    private readonly reads: MeetingReads,
  ) {}

  /**
   * The reading room opened the meeting: marks it read now and says when the caller opened it
   * before, so that what is new since can be listed.
   */
  @Post('opened')
  @Returns(
    T.Object({
      /** When the caller last opened the meeting before now; null the first time. */
      previousOpenedAt: T.Union([DateTime, T.Null()]),
      openedAt: DateTime,
    }),
  )
  @HttpCode(200)
  @Access('authenticated')
  opened(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.reads.opened(principal, id);
  }

  @Get('my-notes')
  @Returns(T.Array(PrivateNoteView))
  @Access('authenticated')
  mine(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.notes.mine(principal, id);
  }

  @Put('items/:itemId/my-note')
  @Returns(PrivateNoteView)
  @Access('authenticated')
  write(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('itemId', ParseIntPipe) itemId: number,
    @Body() body: WritePrivateNoteDto,
  ) {
    return this.notes.write(principal, id, itemId, body);
  }

  @Delete('items/:itemId/my-note')
  @Returns.nothing()
  @HttpCode(204)
  @Access('authenticated')
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('itemId', ParseIntPipe) itemId: number,
  ): Promise<void> {
    await this.notes.remove(principal, id, itemId);
  }
}
