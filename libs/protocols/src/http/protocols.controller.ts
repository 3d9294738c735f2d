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
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { Returns } from '@nf/common';
import { FileStorage } from '@nf/registry';
import { AddReservationReasons } from '../use-cases/add-reservation-reasons.use-case';
import { CreateProtocol } from '../use-cases/create-protocol.use-case';
import { LockProtocol } from '../use-cases/lock-protocol.use-case';
import { RequestImmediateJustering } from '../use-cases/request-immediate-justering.use-case';
import { SetProtocolHeading } from '../use-cases/set-protocol-heading.use-case';
import { SignProtocol } from '../use-cases/sign-protocol.use-case';
import { UpdateParagraph } from '../use-cases/update-paragraph.use-case';
import { ProtocolQueries } from '../protocol.queries';
import { ImmediateJusteringDto, ReservationReasonsDto, UpdateProtocolDto } from './proceedings.dto';
import { ProtocolsToSign, ProtocolView } from './protocols.views';
import {
  CreateProtocolDto,
  UpdateParagraphDto,
  LockProtocolDto,
  SignProtocolDto,
} from './protocols.dto';

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

  /** The meeting's protocol, once opened (404 before). */
  @Get('meetings/:id/protocol')
  @Returns(ProtocolView)
  @Access('authenticated')
  async getForMeeting(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
  ) {
    return this.queries.view(principal, await this.queries.idForMeeting(principal, id));
  }

  /** Protocols and paragraphs that wait for the reader's signature (as chair or justerare). */
  @Get('me/protocols-to-sign')
  @Returns(ProtocolsToSign)
  @Access('authenticated')
  async toSign(@CurrentPrincipal() principal: Principal) {
    return { protocols: await this.queries.awaitingSignatureOf(principal) };
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
