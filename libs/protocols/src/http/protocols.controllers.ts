import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { NotFoundProblem } from '@nf/common';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
} from 'class-validator';
import { FileStorage } from '@nf/registry';
import { DataSource } from 'typeorm';
import {
  Paragraph,
  PARAGRAPH_OUTCOMES,
  type ParagraphOutcome,
  Protocol,
  ProtocolSignature,
} from '../protocol.entities';
import { ProtocolCommands } from '../protocol-commands';

export class CreateProtocolDto {
  @ApiProperty({ description: 'The user who chaired the meeting' })
  @IsInt()
  @Min(1)
  chairUserId: number;

  @ApiProperty({ type: [Number], description: 'The justerare elected under "Val av justerare"' })
  @IsArray()
  @ArrayMaxSize(2)
  @IsInt({ each: true })
  @Min(1, { each: true })
  adjusterUserIds: number[];
}

export class UpdateParagraphDto {
  @ApiProperty({ description: 'The protocol version you read' }) @IsInt() @Min(1) version: number;

  @ApiPropertyOptional({ enum: PARAGRAPH_OUTCOMES })
  @IsOptional()
  @IsIn(PARAGRAPH_OUTCOMES)
  outcome?: ParagraphOutcome;

  @ApiPropertyOptional({ description: 'The decision (or proposal) as the protocol says it' })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  decisionText?: string;

  @ApiPropertyOptional({ enum: ['bifall', 'avslag', 'besvarad'] })
  @IsOptional()
  @IsIn(['bifall', 'avslag', 'besvarad'])
  motionAnswer?: 'bifall' | 'avslag' | 'besvarad';
}

export class LockProtocolDto {
  @ApiProperty({ description: 'The protocol version you read' }) @IsInt() @Min(1) version: number;
}

export class SignProtocolDto {
  @ApiProperty({ description: 'The contentHash of the protocol you read and sign' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  contentHash: string;
}

@ApiTags('protocols')
@ApiBearerAuth()
@Controller('api/v1')
export class ProtocolsController {
  constructor(
    private readonly commands: ProtocolCommands,
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
  ) {}

  private async view(principal: Principal, id: number) {
    const protocol = await this.dataSource.manager.findOne(Protocol, {
      where: { id, municipalityId: principal.municipalityId },
    });
    if (!protocol) throw new NotFoundProblem('protocol', id);
    const paragraphs = await this.dataSource.manager.find(Paragraph, {
      where: { protocolId: id },
      order: { ordinal: 'ASC' },
    });
    const signatures = await this.dataSource.manager.find(ProtocolSignature, {
      where: { protocolId: id },
      order: { id: 'ASC' },
    });
    const files = (await this.dataSource.query(
      'SELECT id, filename, content_type AS contentType FROM protocol_files WHERE protocol_id = ? ORDER BY id',
      [id],
    )) as Array<{ id: number | string; filename: string; contentType: string }>;
    return {
      id: protocol.id,
      meetingId: protocol.meetingId,
      files: files.map((file) => ({ ...file, id: Number(file.id) })),
      organId: protocol.organId,
      status: protocol.status,
      chairUserId: protocol.chairUserId,
      adjusterUserIds: protocol.adjusterUserIds,
      contentHash: protocol.contentHash,
      lockedAt: protocol.lockedAt?.toISOString() ?? null,
      adjustedAt: protocol.adjustedAt?.toISOString() ?? null,
      version: protocol.version,
      paragraphs: paragraphs.map((paragraph) => ({
        id: paragraph.id,
        number: paragraph.number,
        heading: paragraph.heading,
        caseId: paragraph.caseId,
        outcome: paragraph.outcome,
        decisionText: paragraph.decisionText,
        motionAnswer: paragraph.motionAnswer,
      })),
      signatures: signatures.map((signature) => ({
        userId: signature.userId,
        role: signature.role,
        method: signature.method,
        contentHash: signature.contentHash,
        signedAt: signature.signedAt.toISOString(),
      })),
    };
  }

  /** Opens the protocol of a summoned meeting: a paragraph per agenda item. */
  @Post('meetings/:id/protocol')
  @HttpCode(201)
  @RequirePermission(Permission.MeetingsManage)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CreateProtocolDto,
  ) {
    const protocol = await this.commands.create(principal, id, body);
    return this.view(principal, protocol.id);
  }

  @Get('protocols/:id')
  @Access('authenticated')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.view(principal, id);
  }

  @Patch('protocols/:id/paragraphs/:paragraphId')
  @RequirePermission(Permission.MeetingsManage)
  async updateParagraph(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('paragraphId', ParseIntPipe) paragraphId: number,
    @Body() body: UpdateParagraphDto,
  ) {
    const { version, ...change } = body;
    await this.commands.updateParagraph(principal, id, paragraphId, change, version);
    return this.view(principal, id);
  }

  @Get('protocols/:id/files/:fileId')
  @Access('authenticated')
  @Header('Cache-Control', 'private, no-store')
  async file(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('fileId', ParseIntPipe) fileId: number,
  ): Promise<StreamableFile> {
    const [file] = (await this.dataSource.query(
      `SELECT filename, content_type AS contentType, storage_key AS storageKey FROM protocol_files
        WHERE id = ? AND protocol_id = ? AND municipality_id = ?`,
      [fileId, id, principal.municipalityId],
    )) as Array<{ filename: string; contentType: string; storageKey: string }>;
    if (!file) throw new NotFoundProblem('file', fileId);
    return this.storage.download(file);
  }

  /** Numbers the paragraphs and freezes the protocol for justering. */
  @Post('protocols/:id/lock')
  @HttpCode(200)
  @RequirePermission(Permission.MeetingsManage)
  async lock(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: LockProtocolDto,
  ) {
    await this.commands.lockForJustering(principal, id, body.version);
    return this.view(principal, id);
  }

  /** Justering: the chair or a justerare signs the content they read (by its hash). */
  @Post('protocols/:id/signatures')
  @HttpCode(201)
  @Access('authenticated')
  async sign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SignProtocolDto,
  ) {
    await this.commands.sign(principal, id, body.contentHash);
    return this.view(principal, id);
  }
}
