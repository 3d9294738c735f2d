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
import { CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { ForbiddenProblem, NotFoundProblem, Returns } from '@nf/common';
import { Municipalities } from '@nf/tenancy';
import type { FastifyRequest as Request } from 'fastify';
import { DataSource, In } from 'typeorm';
import { Case } from '../cases/case.entity';
import { LinkCases } from '../cases/link-cases.use-case';
import { MarkCaseSecrecy } from '../cases/mark-case-secrecy.use-case';
import { UpdateCase } from '../cases/update-case.use-case';
import { CloseCase } from '../cases/close-case.use-case';
import { CaseQueries } from '../cases/case.queries';
import { toCaseView } from '../cases/case-view';
import { ImportCase } from '../cases/import-case.use-case';
import { RegisterCase } from '../cases/register-case.use-case';
import { AttachFile } from '../documents/attach-file.use-case';
import { DocumentQueries } from '../documents/document.queries';
import { RegisterDocument } from '../documents/register-document.use-case';
import { toDocumentView } from '../documents/document-view';
import { FileStorage } from '../files/file-storage';
import {
  CaseSearchDto,
  CloseCaseDto,
  ReopenCaseDto,
  DnrLookupDto,
  FilenameDto,
  ImportCaseDto,
  LinkCaseDto,
  RegisterCaseDto,
  RegisterDocumentDto,
  SecrecyDto,
  UpdateCaseDto,
} from './dto/registry.dto';
import { CaseDetailView, CasePage, CaseView, DocumentView, FileView } from './registry.views';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1')
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly registerCase: RegisterCase,
    private readonly importCase: ImportCase,
    private readonly updateCase: UpdateCase,
    private readonly closeCase: CloseCase,
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
      linkedCaseIds: await this.queries.linkedTo(principal, id),
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

  /** Closes the case (avslutat): ready for the archive; its retention periods count from now. */
  @Post('cases/:id/close')
  @Returns(CaseView)
  @HttpCode(200)
  @RequirePermission(Permission.CasesRegister)
  async close(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CloseCaseDto,
  ) {
    return this.view(principal, await this.closeCase.close(principal, id, body.version));
  }

  /** Reopens a closed case, with the reason why (in the audit trail). */
  @Post('cases/:id/reopen')
  @Returns(CaseView)
  @HttpCode(200)
  @RequirePermission(Permission.CasesRegister)
  async reopen(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ReopenCaseDto,
  ) {
    return this.view(
      principal,
      await this.closeCase.reopen(principal, id, body.reason, body.version),
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
