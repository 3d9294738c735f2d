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
import { Returns } from '@nf/common';
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
import { FileStorage } from '@nf/registry';
import { PARAGRAPH_OUTCOMES, type ParagraphOutcome } from '../protocol.entities';
import { AddReservationReasons } from '../use-cases/add-reservation-reasons.use-case';
import { CreateProtocol } from '../use-cases/create-protocol.use-case';
import { LockProtocol } from '../use-cases/lock-protocol.use-case';
import { RequestImmediateJustering } from '../use-cases/request-immediate-justering.use-case';
import { SetProtocolHeading } from '../use-cases/set-protocol-heading.use-case';
import { SignProtocol } from '../use-cases/sign-protocol.use-case';
import { UpdateParagraph } from '../use-cases/update-paragraph.use-case';
import { ProtocolQueries } from '../protocol.queries';
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
    private readonly createProtocol: CreateProtocol,
    private readonly setHeading: SetProtocolHeading,
    private readonly paragraphEdit: UpdateParagraph,
    private readonly addReservationReasons: AddReservationReasons,
    private readonly requestImmediateJustering: RequestImmediateJustering,
    private readonly lockProtocol: LockProtocol,
    private readonly signProtocol: SignProtocol,
    private readonly queries: ProtocolQueries,
    private readonly storage: FileStorage,
  ) {}

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
    const protocol = await this.createProtocol.execute(principal, id, body);
    return this.queries.view(principal, protocol.id);
  }

  @Get('protocols/:id')
  @Returns(ProtocolView)
  @Access('authenticated')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.queries.view(principal, id);
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
    await this.setHeading.execute(principal, id, heading, version);
    return this.queries.view(principal, id);
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
    await this.paragraphEdit.execute(principal, id, paragraphId, change, version);
    return this.queries.view(principal, id);
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
    const file = await this.queries.file(principal, id, fileId);
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
    await this.lockProtocol.execute(principal, id, body.version);
    return this.queries.view(principal, id);
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
    await this.signProtocol.execute(principal, id, body);
    return this.queries.view(principal, id);
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
    await this.addReservationReasons.execute(principal, id, paragraphId, body);
    return this.queries.view(principal, id);
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
    await this.requestImmediateJustering.execute(principal, id, paragraphId, body.version);
    return this.queries.view(principal, id);
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
    await this.signProtocol.execute(principal, id, body, paragraphId);
    return this.queries.view(principal, id);
  }
}
