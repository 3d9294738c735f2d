import { Module } from '@nestjs/common';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import {
  MotionsController,
  PublicWorkflowController,
  TjansteskrivelserController,
  WorkflowController,
} from './http/workflow.controllers';
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
