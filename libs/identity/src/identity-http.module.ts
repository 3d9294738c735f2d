import { Module } from '@nestjs/common';
import {
  AuthController,
  ServiceTokensController,
  UsersController,
} from './http/identity.controllers';
import { IdentityModule } from './identity.module';

@Module({
  imports: [IdentityModule],
  controllers: [AuthController, UsersController, ServiceTokensController],
})
export class IdentityHttpModule {}
