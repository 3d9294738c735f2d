import { Module } from '@nestjs/common';
import { RegistryModule } from '@nf/registry';
import { MeetingsModule } from '../meetings.module';
import { RenderKallelse } from './render-kallelse.job';

/** The meetings' job handlers (`@nf/meetings-jobs`): the worker imports it, the api does not. */
@Module({
  imports: [MeetingsModule, RegistryModule],
  providers: [RenderKallelse],
})
export class MeetingsJobsModule {}

export { RenderKallelse };
