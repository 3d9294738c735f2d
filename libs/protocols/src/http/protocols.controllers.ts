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
import { NotFoundProblem, Returns } from '@nf/common';
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
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { canSeeSecretAt, Case, CaseQueries, FileStorage } from '@nf/registry';
import { DataSource, In } from 'typeorm';
import {
  Paragraph,
  PARAGRAPH_OUTCOMES,
  type ParagraphOutcome,
  Protocol,
  ProtocolSignature,
} from '../protocol.entities';
import { paragraphContentFor, protocolFileBase } from '../paragraph-secrecy';
import { ProtocolCommands } from '../protocol-commands';
import {
  AttendanceDto,
  ImmediateJusteringDto,
  ProceedingsDto,
  ReservationReasonsDto,
  UpdateProtocolDto,
} from './proceedings.dto';
import { ProtocolView } from './protocols.views';

export class CreateProtocolDto {
  @ApiProperty({
    description:
      'The user who chaired the meeting: the organ’s ordförande, a vice ordförande, or whoever attendance.presidedBy names',
  })
  @IsInt()
  @Min(1)
  chairUserId: number;

  @ApiProperty({
    type: [Number],
    description:
      'The justerare elected under "Val av justerare": members with a seat, present when attendance is recorded',
  })
  @IsArray()
  @ArrayMaxSize(2)
  @IsInt({ each: true })
  @Min(1, { each: true })
  adjusterUserIds: number[];

  @ApiPropertyOptional({
    type: AttendanceDto,
    description: 'Who attended (upprop), if recorded when the protocol is opened',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttendanceDto)
  attendance?: AttendanceDto;
}

export class UpdateParagraphDto extends ProceedingsDto {
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
  @ApiProperty({
    description: 'The contentHash of the protocol (or the immediateHash of the paragraph) you read',
  })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  contentHash: string;

  @ApiPropertyOptional({
    description: 'How you sign: login (the default) or an e-signature provider',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,31}$/)
  method?: string;

  @ApiPropertyOptional({ description: 'What the e-signature provider verifies' })
  @IsOptional()
  @IsString()
  @Length(1, 4_000)
  evidence?: string;
}

@ApiTags('protocols')
@ApiBearerAuth()
@Controller('api/v1')
export class ProtocolsController {
  constructor(
    private readonly commands: ProtocolCommands,
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly cases: CaseQueries,
  ) {}

  /** The protocol of the reader's municipality with its paragraphs and their cases. */
  private async load(principal: Principal, id: number) {
    const protocol = await this.dataSource.manager.findOne(Protocol, {
      where: { id, municipalityId: principal.municipalityId },
    });
    if (!protocol) throw new NotFoundProblem('protocol', id);
    const paragraphs = await this.dataSource.manager.find(Paragraph, {
      where: { protocolId: id },
      order: { ordinal: 'ASC' },
    });
    const caseIds = paragraphs.flatMap((paragraph) => paragraph.caseId ?? []);
    const cases = new Map(
      (caseIds.length ? await this.cases.repository.find(principal, { id: In(caseIds) }) : []).map(
        (record) => [record.id, record],
      ),
    );
    return { protocol, paragraphs, cases };
  }

  /**
   * The protocol as this reader may read it. A paragraph of a secret case is read in full by those
   * who may see the case, by the organ's own people (its members, substitutes and secretary) and by
   * the protocol's signers; everyone else reads its public title and masked text.
   */
  private async view(principal: Principal, id: number) {
    const { protocol, paragraphs, cases } = await this.load(principal, id);
    const signatures = await this.dataSource.manager.find(ProtocolSignature, {
      where: { protocolId: id },
      order: { id: 'ASC' },
    });
    const signer =
      protocol.chairUserId === principal.userId ||
      protocol.adjusterUserIds.includes(principal.userId);
    const files = protocol.contentHash ? await this.currentFiles(protocol, paragraphs, cases) : [];
    return {
      id: protocol.id,
      meetingId: protocol.meetingId,
      files,
      organId: protocol.organId,
      status: protocol.status,
      chairUserId: protocol.chairUserId,
      adjusterUserIds: protocol.adjusterUserIds,
      attendance: protocol.attendance,
      justeringAt: protocol.justeringAt?.toISOString() ?? null,
      justeringPlace: protocol.justeringPlace,
      contentHash: protocol.contentHash,
      lockedAt: protocol.lockedAt?.toISOString() ?? null,
      adjustedAt: protocol.adjustedAt?.toISOString() ?? null,
      version: protocol.version,
      paragraphs: paragraphs.map((paragraph) => {
        const record = paragraph.caseId === null ? undefined : cases.get(paragraph.caseId);
        const content = paragraphContentFor(
          paragraph,
          record,
          signer || (record !== undefined && canSeeSecretAt(principal, record, protocol.organId)),
        );
        return {
          id: paragraph.id,
          number: paragraph.number,
          heading: content.heading,
          caseId: paragraph.caseId,
          outcome: paragraph.outcome,
          decisionText: content.decisionText,
          motionAnswer: paragraph.motionAnswer,
          proceedings: content.proceedings,
          secrecy: record?.secrecyOsl ? { osl: record.secrecyOsl, masked: content.masked } : null,
          immediateHash: paragraph.immediateHash,
          adjustedAt: paragraph.adjustedAt?.toISOString() ?? null,
        };
      }),
      signatures: signatures.map((signature) => ({
        paragraphId: signature.paragraphId || null,
        userId: signature.userId,
        role: signature.role,
        method: signature.method,
        contentHash: signature.contentHash,
        signedAt: signature.signedAt.toISOString(),
      })),
    };
  }

  /** The files of the protocol's current rendering (an earlier one may show a title now secret). */
  private async currentFiles(
    protocol: Protocol,
    paragraphs: Paragraph[],
    cases: ReadonlyMap<number, Case>,
  ): Promise<Array<{ id: number; filename: string; contentType: string }>> {
    const base = protocolFileBase(protocol, paragraphs, cases);
    const files = (await this.dataSource.query(
      `SELECT id, filename, content_type AS contentType FROM protocol_files
        WHERE protocol_id = ? AND municipality_id = ? AND filename IN (?, ?) ORDER BY id`,
      [protocol.id, protocol.municipalityId, `${base}.pdf`, `${base}.docx`],
    )) as Array<{ id: number | string; filename: string; contentType: string }>;
    return files.map((file) => ({ ...file, id: Number(file.id) }));
  }

  /** Opens the protocol of a summoned meeting: a paragraph per agenda item. */
  @Post('meetings/:id/protocol')
  @Returns(ProtocolView, 201)
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
  @Returns(ProtocolView)
  @Access('authenticated')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.view(principal, id);
  }

  /** Attendance, and the day, time and place of justering set at the meeting. */
  @Patch('protocols/:id')
  @Returns(ProtocolView)
  @RequirePermission(Permission.MeetingsManage)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateProtocolDto,
  ) {
    const { version, ...heading } = body;
    await this.commands.setHeading(principal, id, heading, version);
    return this.view(principal, id);
  }

  @Patch('protocols/:id/paragraphs/:paragraphId')
  @Returns(ProtocolView)
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
  @Returns.file(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  )
  @Access('authenticated')
  @Header('Cache-Control', 'private, no-store')
  async file(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('fileId', ParseIntPipe) fileId: number,
  ): Promise<StreamableFile> {
    const { protocol, paragraphs, cases } = await this.load(principal, id);
    // An earlier rendering may show a title marked secret since: only those who may read every
    // secret case get it; everyone else gets the current one.
    const current =
      principal.can(Permission.SecretRead) ||
      (protocol.contentHash !== null &&
        (await this.currentFiles(protocol, paragraphs, cases)).some((file) => file.id === fileId));
    const [file] = (await this.dataSource.query(
      `SELECT filename, content_type AS contentType, storage_key AS storageKey FROM protocol_files
        WHERE id = ? AND protocol_id = ? AND municipality_id = ?`,
      [fileId, id, principal.municipalityId],
    )) as Array<{ filename: string; contentType: string; storageKey: string }>;
    if (!file || !current) throw new NotFoundProblem('file', fileId);
    return this.storage.download(file);
  }

  /** Numbers the paragraphs and freezes the protocol for justering. */
  @Post('protocols/:id/lock')
  @Returns(ProtocolView)
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
  @Returns(ProtocolView, 201)
  @HttpCode(201)
  @Access('authenticated')
  async sign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SignProtocolDto,
  ) {
    await this.commands.sign(principal, id, body);
    return this.view(principal, id);
  }

  /** The written reasons of a reservation, handed in before justering. */
  @Post('protocols/:id/paragraphs/:paragraphId/reservation-reasons')
  @Returns(ProtocolView)
  @HttpCode(200)
  @RequirePermission(Permission.MeetingsManage)
  async reservationReasons(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('paragraphId', ParseIntPipe) paragraphId: number,
    @Body() body: ReservationReasonsDto,
  ) {
    await this.commands.addReservationReasons(principal, id, paragraphId, body);
    return this.view(principal, id);
  }

  /** Puts one paragraph to immediate justering (omedelbar justering) at the meeting. */
  @Post('protocols/:id/paragraphs/:paragraphId/immediate-justering')
  @Returns(ProtocolView)
  @HttpCode(200)
  @RequirePermission(Permission.MeetingsManage)
  async immediateJustering(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('paragraphId', ParseIntPipe) paragraphId: number,
    @Body() body: ImmediateJusteringDto,
  ) {
    await this.commands.requestImmediateJustering(principal, id, paragraphId, body.version);
    return this.view(principal, id);
  }

  /** The chair or a justerare signs a paragraph put to immediate justering (its immediateHash). */
  @Post('protocols/:id/paragraphs/:paragraphId/signatures')
  @Returns(ProtocolView, 201)
  @HttpCode(201)
  @Access('authenticated')
  async signParagraph(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('paragraphId', ParseIntPipe) paragraphId: number,
    @Body() body: SignProtocolDto,
  ) {
    await this.commands.sign(principal, id, body, paragraphId);
    return this.view(principal, id);
  }
}
