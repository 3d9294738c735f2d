import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '@nf/access';
import { DEFAULT_TIME_ZONE, Returns, Tenant } from '@nf/common';
import { Municipalities } from '@nf/tenancy';
import { CaseQueries } from '../cases/case.queries';
import { toPublicCaseView } from '../cases/case-view';
import { DocumentQueries } from '../documents/document.queries';
import { toDocumentView } from '../documents/document-view';
import { PublicCaseSearchDto } from './dto/registry.dto';
import { PublicCaseDetailView, PublicCasePage } from './registry.views';

/** The public registry: what anyone may read without logging in (offentlighetsprincipen). */
@ApiTags('public')
@Controller('api/v1/public/:municipality')
export class PublicRegistryController {
  constructor(
    private readonly municipalities: Municipalities,
    private readonly queries: CaseQueries,
    private readonly documents: DocumentQueries,
  ) {}

  private async tenantOf(slug: string): Promise<Tenant & { appended: boolean; timeZone: string }> {
    const municipality = await this.municipalities.getBySlug(slug);
    return {
      municipalityId: municipality.id,
      appended: municipality.classificationCodeAppended,
      timeZone: municipality.timeZone ?? DEFAULT_TIME_ZONE,
    };
  }

  @Get('cases')
  @Returns(PublicCasePage)
  @Access('public')
  async search(@Param('municipality') slug: string, @Query() query: PublicCaseSearchDto) {
    const tenant = await this.tenantOf(slug);
    const page = await this.queries.search(
      tenant,
      { ...query, responsibleUserId: undefined, limit: query.limit ?? 50 },
      { seesSecrets: false, timeZone: tenant.timeZone },
    );
    return {
      cases: page.cases.map((record) => toPublicCaseView(record, tenant.appended)),
      next: page.next,
    };
  }

  @Get('cases/:id')
  @Returns(PublicCaseDetailView)
  @Access('public')
  async get(@Param('municipality') slug: string, @Param('id', ParseIntPipe) id: number) {
    const tenant = await this.tenantOf(slug);
    const record = await this.queries.get(tenant, id);
    const documents = await this.documents.forCase(tenant, id);
    return {
      ...toPublicCaseView(record, tenant.appended),
      documents: documents.map((document) =>
        toDocumentView(document, [], {
          canSeeSecret: false,
          caseSecret: record.secrecyOsl !== null,
          includeFiles: false,
        }),
      ),
    };
  }
}
