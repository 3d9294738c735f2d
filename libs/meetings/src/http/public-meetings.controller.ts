import { Controller, Get, Param, ParseIntPipe, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '@nf/access';
import { Returns, Tenant } from '@nf/common';
import { FileStorage } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { MeetingQueries } from '../meeting.queries';
import { KallelseView } from './meetings.views';
import { toKallelseView, streamFile } from './meetings.mappers';

/** The public part of a published kallelse, without login: the items closed to the public left out. */
@ApiTags('public')
@Controller('api/v1/public/:municipality')
export class PublicMeetingsController {
  constructor(
    private readonly municipalities: Municipalities,
    private readonly queries: MeetingQueries,
    private readonly storage: FileStorage,
  ) {}

  private async tenantOf(slug: string): Promise<Tenant> {
    return { municipalityId: (await this.municipalities.getBySlug(slug)).id };
  }

  @Get('meetings/:id/kallelse')
  @Returns(KallelseView)
  @Access('public')
  async kallelse(@Param('municipality') slug: string, @Param('id', ParseIntPipe) id: number) {
    const { kallelse, files } = await this.queries.newestKallelse(await this.tenantOf(slug), id);
    return toKallelseView(kallelse, files, 'public');
  }

  @Get('meetings/:id/kallelse/files/:fileId')
  @Returns.file(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  )
  @Access('public')
  async file(
    @Param('municipality') slug: string,
    @Param('id', ParseIntPipe) id: number,
    @Param('fileId', ParseIntPipe) fileId: number,
  ): Promise<StreamableFile> {
    const { files } = await this.queries.newestKallelse(await this.tenantOf(slug), id);
    return streamFile(this.storage, files, fileId, true);
  }
}
