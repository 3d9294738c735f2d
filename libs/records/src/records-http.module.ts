import { Module } from '@nestjs/common';
import { IdentityModule } from '@nf/identity';
import { RegistryModule } from '@nf/registry';
import { ArchiveController } from './http/archive.controller';
import { RecordsController } from './http/records.controller';
import { RequestsController } from './http/requests.controller';
import { RecordsModule } from './records.module';

/** The records context's api: the plan, holds, gallringslistor and deliveries to the e-archive. */
@Module({
  imports: [RecordsModule, RegistryModule, IdentityModule],
  controllers: [RecordsController, ArchiveController, RequestsController],
})
export class RecordsHttpModule {}
