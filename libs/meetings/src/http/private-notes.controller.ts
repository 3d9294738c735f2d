import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Principal } from '@nf/access';
import { DateTime, Returns } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
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
  constructor(private readonly notes: PrivateNotes) {}

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
