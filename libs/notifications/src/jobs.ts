import { Module } from '@nestjs/common';
import { RegistryModule } from '@nf/registry';
import { Mailer } from './mail';
import { NotificationsModule } from './notifications.module';
import { SendMail } from './send-mail.job';

/** Sending e-mail (the worker). */
@Module({
  imports: [NotificationsModule, RegistryModule],
  providers: [Mailer, SendMail],
})
export class NotificationsJobsModule {}
