import { AuditLog } from '@nf/audit';
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
  Put,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type as T } from '@sinclair/typebox';
import { canSeeSecret } from '../secrecy/secrecy';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import {
  DEFAULT_TIME_ZONE,
  ForbiddenProblem,
  NotFoundProblem,
  Returns,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { Municipalities } from '@nf/tenancy';
import type { Request } from 'express';
import { DataSource, In } from 'typeorm';
import {
  parseClassificationCsv,
  ClassificationService,
} from '../classification/classification.service';
import { Case } from '../cases/case.entity';
import { LinkCases, MarkCaseSecrecy, UpdateCase } from '../cases/case-commands';
import { CaseQueries } from '../cases/case-queries';
import { toCaseView, toPublicCaseView } from '../cases/case-view';
import { ImportCase, RegisterCase } from '../cases/register-case.use-case';
import { AttachFile, DocumentQueries, RegisterDocument } from '../documents/document-commands';
import { toDocumentView } from '../documents/document-view';
import { FileStorage } from '../files/file-storage';
import { toSeriesView } from '../series/dnr-series.entity';
import { DnrSeriesService } from '../series/dnr-series.service';
import {
  CaseSearchDto,
  CreateSeriesDto,
  DnrLookupDto,
  FilenameDto,
  ImportCaseDto,
  ImportClassificationDto,
  LinkCaseDto,
  PublicCaseSearchDto,
  RegisterCaseDto,
  RegisterDocumentDto,
  SecrecyDto,
  UpdateCaseDto,
  UpdateSeriesDto,
} from './dto/registry.dto';
import {
  CaseDetailView,
  CasePage,
  CaseView,
  ClassificationCodeView,
  ClassificationImportResult,
  DocumentView,
  FileView,
  PublicCaseDetailView,
  PublicCasePage,
  SeriesView,
} from './registry.views';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1')
export class RegistrySetupController {
  constructor(
    private readonly series: DnrSeriesService,
    private readonly classification: ClassificationService,
  ) {}

  @Get('dnr-series')
  @Returns(T.Array(SeriesView))
  @RequirePermission(Permission.CasesRead)
  async listSeries(@CurrentPrincipal() principal: Principal) {
    return (await this.series.list(principal)).map(toSeriesView);
  }

  @Post('dnr-series')
  @Returns(SeriesView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.DnrSeriesManage)
  async createSeries(@CurrentPrincipal() principal: Principal, @Body() body: CreateSeriesDto) {
    return toSeriesView(await this.series.create(principal, body));
  }

  @Patch('dnr-series/:id')
  @Returns(SeriesView)
  @RequirePermission(Permission.DnrSeriesManage)
  async updateSeries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateSeriesDto,
  ) {
    const { version, ...fields } = body;
    return toSeriesView(await this.series.update(principal, id, fields, version));
  }

  @Get('classification-codes')
  @Returns(T.Array(ClassificationCodeView))
  @RequirePermission(Permission.CasesRead)
  async listCodes(@CurrentPrincipal() principal: Principal) {
    return (await this.classification.list(principal)).map((code) => ({
      code: code.code,
      title: code.title,
      parentCode: code.parentCode,
      active: code.active,
    }));
  }

  /** Imports the classification structure, as a list or as CSV (`code;title[;parent]`). */
  @Put('classification-codes')
  @Returns(ClassificationImportResult)
  @RequirePermission(Permission.ClassificationManage)
  async importCodes(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ImportClassificationDto,
  ) {
    if ((body.codes === undefined) === (body.csv === undefined)) {
      throw new ValidationProblem([{ field: 'codes', message: 'give either codes or csv' }]);
    }
    return this.classification.import(principal, body.codes ?? parseClassificationCsv(body.csv!));
  }
}

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1')
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly registerCase: RegisterCase,
    private readonly importCase: ImportCase,
    private readonly updateCase: UpdateCase,
    private readonly markSecrecy: MarkCaseSecrecy,
    private readonly linkCases: LinkCases,
    private readonly documents: DocumentQueries,
    private readonly registerDocument: RegisterDocument,
    private readonly attachFile: AttachFile,
    private readonly storage: FileStorage,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly dataSource: DataSource,
  ) {}

  private async view(principal: Principal, record: Case) {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    return toCaseView(record, {
      canSeeSecret: canSeeSecret(principal, record),
      classificationCodeAppended: municipality.classificationCodeAppended,
    });
  }

  @Post('cases')
  @Returns(CaseView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.CasesRegister)
  async register(@CurrentPrincipal() principal: Principal, @Body() body: RegisterCaseDto) {
    return this.view(principal, await this.registerCase.execute(principal, principal.userId, body));
  }

  /** Brings a case over from an earlier registry with its historical number. */
  @Post('cases/import')
  @Returns(CaseView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.CasesRegister)
  async import(@CurrentPrincipal() principal: Principal, @Body() body: ImportCaseDto) {
    const record = await this.importCase.execute(principal, principal.userId, {
      ...body,
      registeredAt: new Date(body.registeredAt),
    });
    return this.view(principal, record);
  }

  @Get('cases')
  @Returns(CasePage)
  @RequirePermission(Permission.CasesRead)
  async search(@CurrentPrincipal() principal: Principal, @Query() query: CaseSearchDto) {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    const page = await this.queries.search(
      principal,
      { ...query, limit: query.limit ?? 50 },
      { seesSecrets: principal.can(Permission.SecretRead), timeZone: municipality.timeZone },
    );
    return {
      cases: page.cases.map((record) =>
        toCaseView(record, {
          canSeeSecret: canSeeSecret(principal, record),
          classificationCodeAppended: municipality.classificationCodeAppended,
        }),
      ),
      next: page.next,
    };
  }

  /** Finds a case by its number as printed: `2023-00466`, `KS 2024/123`, `2023-00466 04`. */
  @Get('cases/lookup')
  @Returns(CaseView)
  @RequirePermission(Permission.CasesRead)
  async lookup(@CurrentPrincipal() principal: Principal, @Query() query: DnrLookupDto) {
    return this.view(principal, await this.queries.getByDnr(principal, query.dnr));
  }

  @Get('cases/:id')
  @Returns(CaseDetailView)
  @RequirePermission(Permission.CasesRead)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseIntPipe) id: number) {
    const record = await this.queries.get(principal, id);
    return {
      ...(await this.view(principal, record)),
      linkedCaseIds: await this.linkCases.linkedTo(principal, id),
    };
  }

  @Patch('cases/:id')
  @Returns(CaseView)
  @RequirePermission(Permission.CasesRegister)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateCaseDto,
  ) {
    const { version, ...fields } = body;
    return this.view(
      principal,
      await this.updateCase.execute(principal, { id, expectedVersion: version, ...fields }),
    );
  }

  @Put('cases/:id/secrecy')
  @Returns(CaseView)
  @RequirePermission(Permission.SecrecyMark)
  async secrecy(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: SecrecyDto,
  ) {
    const record = await this.markSecrecy.execute(
      principal,
      principal.userId,
      id,
      { osl: body.osl ?? null, publicTitle: body.publicTitle },
      body.version,
    );
    return this.view(principal, record);
  }

  @Post('cases/:id/links')
  @Returns.nothing()
  @HttpCode(204)
  @RequirePermission(Permission.CasesRegister)
  async link(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: LinkCaseDto,
  ): Promise<void> {
    await this.linkCases.execute(principal, id, body.relatedCaseId);
  }

  @Get('cases/:id/documents')
  @Returns(T.Array(DocumentView))
  @RequirePermission(Permission.CasesRead)
  async listDocuments(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
  ) {
    const record = await this.queries.get(principal, id);
    const documents = await this.documents.forCase(principal, id);
    const files = documents.length
      ? await this.documents.files.find(principal, {
          documentId: In(documents.map((document) => document.id)),
        })
      : [];
    return documents.map((document) =>
      toDocumentView(document, files, {
        canSeeSecret: canSeeSecret(principal, record),
        caseSecret: record.secrecyOsl !== null,
        includeFiles: true,
      }),
    );
  }

  @Post('cases/:id/documents')
  @Returns(DocumentView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.DocumentsRegister)
  async addDocument(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RegisterDocumentDto,
  ) {
    const document = await this.registerDocument.execute(principal, principal, {
      ...body,
      caseId: id,
    });
    return toDocumentView(document, [], {
      canSeeSecret: true,
      caseSecret: false,
      includeFiles: false,
    });
  }

  /** The file's bytes in the body, its type in Content-Type, its name in `?filename=`. */
  @Post('documents/:id/files')
  @Returns(FileView, 201)
  @HttpCode(201)
  @RequirePermission(Permission.DocumentsRegister)
  async addFile(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: FilenameDto,
    @Req() request: Request,
  ) {
    const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const file = await this.attachFile.execute(principal, principal, id, {
      filename: query.filename,
      contentType: request.headers['content-type'],
      data,
    });
    return {
      id: file.id,
      filename: file.filename,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    };
  }

  @Get('documents/:id/files/:fileId')
  @Returns.file('application/octet-stream')
  @RequirePermission(Permission.CasesRead)
  @Header('Cache-Control', 'private, no-store')
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Param('fileId', ParseIntPipe) fileId: number,
  ): Promise<StreamableFile> {
    const document = await this.documents.repository.getById(principal, id);
    const record = await this.queries.get(principal, document.caseId);
    const secret = document.secrecyOsl !== null || record.secrecyOsl !== null;
    if (secret && !canSeeSecret(principal, record)) {
      throw new ForbiddenProblem('The document is secret.');
    }
    const file = await this.documents.files.findOne(principal, { id: fileId, documentId: id });
    if (!file) throw new NotFoundProblem('file', fileId);
    if (secret) {
      // Who read what that secrecy protects is kept (OSL): each download of a secret file.
      await this.audit.recordSecurityEvent(this.dataSource.manager, {
        action: 'document.secret-file-read',
        entityType: 'document',
        entityId: document.id,
        municipalityId: principal.municipalityId,
        after: {
          caseId: record.id,
          fileId: file.id,
          filename: file.filename,
          osl: document.secrecyOsl ?? record.secrecyOsl,
        },
      });
    }
    return this.storage.download(file);
  }
}

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
