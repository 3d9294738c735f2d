import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { NotFoundProblem, Returns } from '@nf/common';
import { FileStorage } from '@nf/registry';
import { DataSource } from 'typeorm';
import { AgendaReads } from './agenda-reads';
import { toAgendaView, toMeetingView } from './agenda-view';
import { AddAgendaItem } from '../use-cases/add-agenda-item.use-case';
import { CancelMeeting } from '../use-cases/cancel-meeting.use-case';
import { CreateMeeting } from '../use-cases/create-meeting.use-case';
import { MoveAgendaItem } from '../use-cases/move-agenda-item.use-case';
import { PlanMeetings } from '../use-cases/plan-meetings.use-case';
import { PublishKallelse } from '../use-cases/publish-kallelse.use-case';
import { RemoveAgendaItem } from '../use-cases/remove-agenda-item.use-case';
import { ReorderAgenda } from '../use-cases/reorder-agenda.use-case';
import { UpdateAgendaItem } from '../use-cases/update-agenda-item.use-case';
import { MeetingQueries } from '../meeting.queries';
import {
  AddAgendaItemDto,
  CancelMeetingDto,
  CreateMeetingDto,
  MeetingListDto,
  MeetingPlanDto,
  MoveAgendaItemDto,
  PublishKallelseDto,
  ReorderAgendaDto,
  UpdateAgendaItemDto,
  VersionQueryDto,
} from './dto/meetings.dto';
import { AgendaView, MeetingList, PublishedKallelseView, KallelseView } from './meetings.views';
import { toKallelseView, streamFile } from './meetings.mappers';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('api/v1')
export class MeetingsController {
  constructor(
    private readonly creating: CreateMeeting,
    private readonly planning: PlanMeetings,
    private readonly adding: AddAgendaItem,
    private readonly updating: UpdateAgendaItem,
    private readonly removing: RemoveAgendaItem,
    private readonly moving: MoveAgendaItem,
    private readonly reordering: ReorderAgenda,
    private readonly cancelling: CancelMeeting,
    private readonly publishing: PublishKallelse,
    private readonly queries: MeetingQueries,
    private readonly reads: AgendaReads,
    private readonly storage: FileStorage,
    private readonly audit: AuditLog,
    private readonly dataSource: DataSource,
  ) {}

  private agenda(principal: Principal, id: number) {
    return this.reads.read(principal, id);
  }

  @Post('meetings')
  @Returns(AgendaView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.MeetingsManage)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateMeetingDto) {
    const meeting = await this.creating.execute(principal, body);
    return this.agenda(principal, meeting.id);
  }

  /** The organ's meetings of a year (sammanträdesplan), each with its last day for tjänsteskrivelser. */
  @Post('organs/:id/meeting-plan')
  @Returns(MeetingList, 201)
  @HttpCode(201)
  @RequirePermission(Permission.MeetingsManage)
  async plan(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: MeetingPlanDto,
  ) {
    const meetings = await this.planning.execute(principal, id, body.year, body.meetings);
    return { meetings: meetings.map(toMeetingView) };
  }

  @Get('meetings')
  @Returns(MeetingList)
  @Access('authenticated')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: MeetingListDto) {
    return { meetings: (await this.queries.list(principal, query.organId)).map(toMeetingView) };
  }

  /** The meeting and its agenda, with the notices and delegation decisions its items collect. */
  @Get('meetings/:id')
  @Returns(AgendaView)
  @Access('authenticated')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.agenda(principal, id);
  }

  @Post('meetings/:id/items')
  @Returns(AgendaView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.MeetingsManage)
  async addItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AddAgendaItemDto,
  ) {
    const { version, ...item } = body;
    await this.adding.execute(
      principal,
      id,
      item.kind === 'case'
        ? { kind: 'case', caseId: item.caseId!, closedOsl: item.closedOsl }
        : item.kind === 'motion-report'
          ? { kind: 'motion-report', title: item.title }
          : { kind: 'information', title: item.title!, closedOsl: item.closedOsl },
      version,
    );
    return this.agenda(principal, id);
  }

  @Patch('meetings/:id/items/:itemId')
  @Returns(AgendaView)
  @RequirePermission(Permission.MeetingsManage)
  async updateItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('itemId', ParseIntPipe) itemId: number,
    @Body() body: UpdateAgendaItemDto,
  ) {
    const { version, ...fields } = body;
    await this.updating.execute(principal, id, itemId, fields, version);
    return this.agenda(principal, id);
  }

  /** Removes an item; its case returns to the organ's ready list. */
  @Delete('meetings/:id/items/:itemId')
  @Returns(AgendaView)
  @RequirePermission(Permission.MeetingsManage)
  async removeItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('itemId', ParseIntPipe) itemId: number,
    @Query() query: VersionQueryDto,
  ) {
    await this.removing.execute(principal, id, itemId, query.version);
    return this.agenda(principal, id);
  }

  /** Moves an item to another meeting of the organ; answers with the destination's agenda. */
  @Post('meetings/:id/items/:itemId/move')
  @Returns(AgendaView)
  @HttpCode(200)
  @RequirePermission(Permission.MeetingsManage)
  async moveItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('itemId', ParseIntPipe) itemId: number,
    @Body() body: MoveAgendaItemDto,
  ) {
    await this.moving.execute(
      principal,
      id,
      itemId,
      { meetingId: body.toMeetingId, version: body.toVersion },
      body.version,
    );
    return this.agenda(principal, body.toMeetingId);
  }

  @Put('meetings/:id/order')
  @Returns(AgendaView)
  @RequirePermission(Permission.MeetingsManage)
  async reorder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReorderAgendaDto,
  ) {
    await this.reordering.execute(principal, id, body.itemIds, body.version);
    return this.agenda(principal, id);
  }

  @Post('meetings/:id/cancel')
  @Returns(AgendaView)
  @HttpCode(200)
  @RequirePermission(Permission.MeetingsManage)
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CancelMeetingDto,
  ) {
    await this.cancelling.execute(principal, id, body.reason, body.version);
    return this.agenda(principal, id);
  }

  /** Publishes the kallelse (a tilläggskallelse after a change); a job renders its files. */
  @Post('meetings/:id/kallelse')
  @Returns(PublishedKallelseView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.MeetingsManage)
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: PublishKallelseDto,
  ) {
    const { kallelse, warnings } = await this.publishing.execute(principal, id, body.version);
    return { ...toKallelseView(kallelse, [], 'members'), warnings };
  }

  @Get('meetings/:id/kallelse')
  @Returns(KallelseView)
  @Access('authenticated')
  async kallelse(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const { kallelse, files } = await this.queries.newestKallelse(principal, id);
    return toKallelseView(kallelse, files, 'members');
  }

  /**
   * A file of a document on the meeting's agenda, for whoever reads the agenda (a member reads the
   * beslutsunderlag here, without the registry's cases.read): only a document the agenda shows
   * this reader (a secret one to those who may see it), and each read of a secret file is logged.
   */
  @Get('meetings/:id/documents/:documentId/files/:fileId')
  @Returns.file('application/octet-stream')
  @Access('authenticated')
  @Header('Cache-Control', 'private, no-store')
  async documentFile(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('documentId', ParseIntPipe) documentId: number,
    @Param('fileId', ParseIntPipe) fileId: number,
  ): Promise<StreamableFile> {
    const agenda = await this.queries.agenda(principal, id);
    const shown = toAgendaView(agenda, principal).items.some((item) =>
      item.documents.some(
        (document) =>
          document.id === documentId && document.files.some((file) => file.id === fileId),
      ),
    );
    const file = agenda.files.get(documentId)?.find((candidate) => candidate.id === fileId);
    if (!shown || !file) throw new NotFoundProblem('file', fileId);
    const document = [...agenda.documents.values()].flat().find((d) => d.id === documentId)!;
    const record = agenda.cases.get(document.caseId);
    if (document.secrecyOsl !== null || record?.secrecyOsl) {
      // Who read what secrecy protects is kept (OSL), as the registry keeps it.
      await this.audit.recordSecurityEvent(this.dataSource.manager, {
        action: 'document.secret-file-read',
        entityType: 'document',
        entityId: documentId,
        municipalityId: principal.municipalityId,
        after: {
          caseId: document.caseId,
          meetingId: id,
          fileId,
          filename: file.filename,
          osl: document.secrecyOsl ?? record?.secrecyOsl ?? null,
        },
      });
    }
    return this.storage.download(file);
  }

  @Get('meetings/:id/kallelse/files/:fileId')
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
    const { files } = await this.queries.newestKallelse(principal, id);
    return streamFile(this.storage, files, fileId, false);
  }
}
