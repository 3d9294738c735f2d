import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { Clock, Returns } from '@nf/common';
import {
  canSeeSecret,
  CaseQueries,
  DocumentQueries,
  SECRET_DOCUMENT_DESCRIPTION,
} from '@nf/registry';
import { DocumentRequest } from '../records.entities';
import { DocumentRequests } from '../requests/document-requests';
import { DecideRequestItemDto, RegisterDocumentRequestDto, VersionDto } from './records.dto';
import { DocumentRequestDetail, DocumentRequestPage } from './records.views';

/**
 * Utlämnande: requests for allmänna handlingar, the sekretessprövning of each requested document,
 * and the request's decision (a refusal or a redaction registered as a decision document).
 */
@ApiTags('records')
@ApiBearerAuth()
@Controller('api/v1/document-requests')
export class RequestsController {
  constructor(
    private readonly requests: DocumentRequests,
    private readonly cases: CaseQueries,
    private readonly documents: DocumentQueries,
    private readonly clock: Clock,
  ) {}

  private summary(request: DocumentRequest) {
    const until = request.decidedAt ?? this.clock.now();
    return {
      id: request.id,
      requester: request.requester,
      contact: request.contact,
      description: request.description,
      receivedAt: request.receivedAt.toISOString(),
      status: request.status,
      ageDays: Math.max(
        0,
        Math.floor((until.getTime() - request.receivedAt.getTime()) / 86_400_000),
      ),
      decidedAt: request.decidedAt?.toISOString() ?? null,
      version: request.version,
    };
  }

  private async detail(principal: Principal, id: number) {
    const { request, items } = await this.requests.get(principal, id);
    const [cases, documents] = await Promise.all([
      this.cases.byIds(
        principal,
        items.map((item) => item.caseId),
      ),
      this.documents.byIds(
        principal,
        items.map((item) => item.documentId),
      ),
    ]);
    const byId = new Map(documents.map((document) => [document.id, document]));
    return {
      ...this.summary(request),
      items: items.map((item) => {
        const record = cases.get(item.caseId)!;
        const document = byId.get(item.documentId)!;
        const secrecy = document.secrecyOsl ?? record.secrecyOsl;
        return {
          id: item.id,
          caseId: item.caseId,
          dnr: record.dnr,
          documentId: item.documentId,
          documentOrdinal: document.ordinal,
          documentDescription:
            secrecy && !canSeeSecret(principal, record)
              ? SECRET_DOCUMENT_DESCRIPTION
              : document.description,
          secrecyOsl: secrecy,
          decision: item.decision,
          oslProvision: item.oslProvision,
          reasons: item.reasons,
          decidedAt: item.decidedAt?.toISOString() ?? null,
          decisionDocumentId: item.decisionDocumentId,
        };
      }),
    };
  }

  /** Open requests first, oldest first, with their age; then the decided. */
  @Get()
  @Returns(DocumentRequestPage)
  @RequirePermission(Permission.RecordsManage)
  async list(@CurrentPrincipal() principal: Principal) {
    return { requests: (await this.requests.list(principal)).map((r) => this.summary(r)) };
  }

  /** Registers a request; each case of the documents asked for is held against gallring. */
  @Post()
  @Returns(DocumentRequestDetail, 201)
  @HttpCode(201)
  @RequirePermission(Permission.RecordsManage)
  async register(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RegisterDocumentRequestDto,
  ) {
    const request = await this.requests.register(principal, body);
    return this.detail(principal, request.id);
  }

  @Get(':id')
  @Returns(DocumentRequestDetail)
  @RequirePermission(Permission.RecordsManage)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    return this.detail(principal, id);
  }

  /** The sekretessprövning of one requested document. */
  @Post(':id/items/:itemId/decision')
  @Returns(DocumentRequestDetail)
  @HttpCode(200)
  @RequirePermission(Permission.RecordsManage)
  async decideItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('itemId', ParseIntPipe) itemId: number,
    @Body() body: DecideRequestItemDto,
  ) {
    await this.requests.decideItem(principal, id, itemId, body);
    return this.detail(principal, id);
  }

  /** Decides the request once every document has had its prövning (409 before). */
  @Post(':id/decide')
  @Returns(DocumentRequestDetail)
  @HttpCode(200)
  @RequirePermission(Permission.RecordsManage)
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: VersionDto,
  ) {
    await this.requests.decide(principal, id, body.version);
    return this.detail(principal, id);
  }
}
