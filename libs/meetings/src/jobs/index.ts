import { Module } from '@nestjs/common';
import { NotificationsModule } from '@nf/notifications';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { MeetingsModule } from '../meetings.module';
import { RenderKallelse } from './render-kallelse.job';

/** The meetings' job handlers (`@nf/meetings-jobs`): the worker imports it, the api does not. */
@Module({
  imports: [MeetingsModule, RegistryModule, TenancyModule, NotificationsModule],
  providers: [RenderKallelse],
})
export class MeetingsJobsModule {}

export { RenderKallelse };
