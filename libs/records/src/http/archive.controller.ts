import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { ConflictProblem, NotFoundProblem, Returns } from '@nf/common';
import { createReadStream, existsSync } from 'node:fs';
import { ArchiveDeliveries } from '../archive/archive-deliveries';
import { ArchiveDelivery } from '../records.entities';
import { RequestArchiveDeliveryDto } from './records.dto';
import { ArchiveDeliveryPage, ArchiveDeliveryView, ArchiveReceiptView } from './records.views';

function deliveryView(delivery: ArchiveDelivery) {
  return {
    id: delivery.id,
    packageId: delivery.packageId,
    status: delivery.status,
    selection: delivery.selection as Record<string, never>,
    casesTotal: delivery.casesTotal,
    casesDone: delivery.casesDone,
    filesDone: delivery.filesDone,
    bytesWritten: delivery.bytesWritten,
    packageSha256: delivery.packageSha256,
    packageBytes: delivery.packageBytes,
    attempts: delivery.attempts,
    error: delivery.error,
    requestedAt: delivery.requestedAt.toISOString(),
    startedAt: delivery.startedAt?.toISOString() ?? null,
    finishedAt: delivery.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Deliveries to the e-archive (FGS Paketstruktur / E-ARK CSIP packages with CITS ERMS metadata):
 * requested by the registrator, written by a job, followed by their progress, fetched when
 * delivered, with the receipt of the cases each holds. A package holds secret cases in full (the
 * archive keeps them under their secrecy marking), so each door asks `records.manage`.
 */
@ApiTags('records')
@ApiBearerAuth()
@Controller('api/v1/archive-deliveries')
export class ArchiveController {
  constructor(private readonly deliveries: ArchiveDeliveries) {}

  @Get()
  @Returns(ArchiveDeliveryPage)
  @RequirePermission(Permission.RecordsManage)
  async list(@CurrentPrincipal() principal: Principal) {
    return { deliveries: (await this.deliveries.list(principal)).map(deliveryView) };
  }

  /** Requests a delivery of the closed cases the selection names (none delivered before). */
  @Post()
  @Returns(ArchiveDeliveryView, 202)
  @HttpCode(202)
  @RequirePermission(Permission.RecordsManage)
  async request(@CurrentPrincipal() principal: Principal, @Body() body: RequestArchiveDeliveryDto) {
    return deliveryView(await this.deliveries.request(principal, principal.userId, body));
  }

  /** The delivery and how far it has come. */
  @Get(':id')
  @Returns(ArchiveDeliveryView)
  @RequirePermission(Permission.RecordsManage)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return deliveryView(await this.deliveries.get(principal, id));
  }

  /** The receipt: every case the delivered package holds (empty until it is delivered). */
  @Get(':id/receipt')
  @Returns(ArchiveReceiptView)
  @RequirePermission(Permission.RecordsManage)
  async receipt(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const delivery = await this.deliveries.get(principal, id);
    const cases = await this.deliveries.receipt(principal, id);
    return {
      deliveryId: delivery.id,
      packageId: delivery.packageId,
      packageSha256: delivery.packageSha256,
      deliveredAt: delivery.finishedAt?.toISOString() ?? null,
      cases: cases.map((record) => ({
        caseId: record.caseId,
        dnr: record.dnr,
        documents: record.documents,
        files: record.files,
      })),
    };
  }

  /** The package (a ZIP), once delivered. */
  @Get(':id/package')
  @Returns.file('application/zip')
  @RequirePermission(Permission.RecordsManage)
  @Header('Cache-Control', 'private, no-store')
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<StreamableFile> {
    const delivery = await this.deliveries.get(principal, id);
    if (delivery.status !== 'delivered') {
      throw new ConflictProblem(
        'delivery-not-ready',
        `The delivery is ${delivery.status}; its package is ready once it is delivered.`,
      );
    }
    // Delivered packages are the operator's to move (to the e-archive, then away): one gone is a 404.
    if (!existsSync(delivery.outputPath)) throw new NotFoundProblem('package of delivery', id);
    return new StreamableFile(createReadStream(delivery.outputPath), {
      type: 'application/zip',
      disposition: `attachment; filename="${delivery.packageId}.zip"`,
      length: delivery.packageBytes ?? undefined,
    });
  }
}
