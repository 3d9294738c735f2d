import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistryModule } from '@nf/registry';
import { MailQueue } from './mail';
import { MailDelivery } from './mail-delivery.entity';

/** Queuing e-mail (the api and the worker). */
@Module({
  imports: [TypeOrmModule.forFeature([MailDelivery]), RegistryModule],
  providers: [MailQueue],
  exports: [MailQueue],
})
export class NotificationsModule {}
