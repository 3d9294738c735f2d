import { Module } from '@nestjs/common';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '../workflow.module';
import { ApplyRouteEvent } from '../routes/apply-route-event';
import { RenderTjansteskrivelse } from './render-tjansteskrivelse.job';

/**
 * The workflow's job handlers, a library entry of their own (`@nf/workflow-jobs`): the worker
 * imports it, the api does not, so the api never loads the PDF and DOCX renderers.
 */
@Module({
  imports: [WorkflowModule, RegistryModule, TenancyModule],
  providers: [ApplyRouteEvent, RenderTjansteskrivelse],
})
export class WorkflowJobsModule {}

export { ApplyRouteEvent, RenderTjansteskrivelse };
