import { Module } from '@nestjs/common';
import { IdentityModule } from '@nf/identity';
import { RegistryModule } from '@nf/registry';
import { RecordsController } from './http/records.controller';
import { RecordsModule } from './records.module';

/** The records context's api: the plan, holds and gallringslistor. */
@Module({
  imports: [RecordsModule, RegistryModule, IdentityModule],
  controllers: [RecordsController],
})
export class RecordsHttpModule {}
