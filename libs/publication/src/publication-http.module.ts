import { Module } from '@nestjs/common';
import { RegistryModule } from '@nf/registry';
import { OparlController } from './oparl/oparl.controller';
import { PortalController } from './portal/portal.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { PublicationModule } from './publication.module';

/** OParl 1.1 at /oparl/v1, and the portal for residents at /portal/<municipality>. */
@Module({
  imports: [PublicationModule, RegistryModule],
  controllers: [OparlController, PortalController, WebhooksController],
})
export class PublicationHttpModule {}
