import { Module } from '@nestjs/common';
import { AuthController } from './http/auth.controller';
import { ServiceTokensController } from './http/service-tokens.controller';
import { UsersController } from './http/users.controller';
import { IdentityModule } from './identity.module';

@Module({
  imports: [IdentityModule],
  controllers: [AuthController, UsersController, ServiceTokensController],
})
export class IdentityHttpModule {}
