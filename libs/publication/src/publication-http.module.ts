import { Module } from '@nestjs/common';
import { RegistryModule } from '@nf/registry';
import { OparlController } from './oparl/oparl.controller';
import { PublicationModule } from './publication.module';

/** OParl 1.1 at /oparl/v1. */
@Module({
  imports: [PublicationModule, RegistryModule],
  controllers: [OparlController],
})
export class PublicationHttpModule {}
