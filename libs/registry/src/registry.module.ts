import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@nf/config';
import { IdentityModule } from '@nf/identity';
import { TenancyModule } from '@nf/tenancy';
import { ClassificationCode } from './classification/classification-code.entity';
import { ClassificationQueries } from './classification/classification.queries';
import { ImportClassification } from './classification/import-classification.use-case';
import { Case } from './cases/case.entity';
import { MarkCasesDecided } from './cases/mark-cases-decided.use-case';
import { LinkCases } from './cases/link-cases.use-case';
import { MarkCaseSecrecy } from './cases/mark-case-secrecy.use-case';
import { UpdateCase } from './cases/update-case.use-case';
import { CaseQueries } from './cases/case.queries';
import { CaseReferences } from './cases/case-references';
import { ImportCase } from './cases/import-case.use-case';
import { RegisterCase } from './cases/register-case.use-case';
import { CaseDocument } from './documents/case-document.entity';
import { AttachFile } from './documents/attach-file.use-case';
import { DocumentQueries } from './documents/document.queries';
import { RegisterDocument } from './documents/register-document.use-case';
import { DocumentFile } from './files/document-file.entity';
import { CloseCase } from './cases/close-case.use-case';
import { WeedDocuments } from './documents/weed-documents.use-case';
import { FilesystemStorage, FileStorage, NoVirusScanner, VirusScanner } from './files/file-storage';
import { DnrSeries } from './series/dnr-series.entity';
import { CreateDnrSeries } from './series/create-dnr-series.use-case';
import { DnrSeriesQueries } from './series/dnr-series.queries';
import { UpdateDnrSeries } from './series/update-dnr-series.use-case';

const SERVICES = [
  DnrSeriesQueries,
  CreateDnrSeries,
  UpdateDnrSeries,
  ClassificationQueries,
  ImportClassification,
  CaseReferences,
  RegisterCase,
  ImportCase,
  CaseQueries,
  UpdateCase,
  MarkCaseSecrecy,
  LinkCases,
  MarkCasesDecided,
  DocumentQueries,
  RegisterDocument,
  AttachFile,
  CloseCase,
  WeedDocuments,
];

/** The registry (diarium): dnr series, classification, cases, documents and their files. */
@Module({
  imports: [
    TypeOrmModule.forFeature([DnrSeries, ClassificationCode, Case, CaseDocument, DocumentFile]),
    TenancyModule,
    IdentityModule,
  ],
  providers: [
    ...SERVICES,
    {
      provide: FileStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new FilesystemStorage(config.files.dir),
    },
    { provide: VirusScanner, useClass: NoVirusScanner },
  ],
  exports: [...SERVICES, FileStorage],
})
export class RegistryModule {}
