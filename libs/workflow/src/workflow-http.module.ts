import { Module } from '@nestjs/common';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { MotionsController } from './http/motions.controller';
import { PublicWorkflowController } from './http/public-workflow.controller';
import { TjansteskrivelserController } from './http/tjansteskrivelser.controller';
import { WorkflowController } from './http/workflow.controller';
import { WorkflowModule } from './workflow.module';

@Module({
  imports: [WorkflowModule, RegistryModule, TenancyModule],
  controllers: [
    WorkflowController,
    TjansteskrivelserController,
    MotionsController,
    PublicWorkflowController,
  ],
})
export class WorkflowHttpModule {}
