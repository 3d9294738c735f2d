import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '@nf/tenancy';
import { AccessGuard } from './auth/access.guard';
import { PasswordLogin } from './auth/login.use-case';
import { PrincipalCache } from './auth/principal-cache';
import { PrincipalLoader } from './auth/principal-loader';
import { Logout, RefreshSession } from './auth/session-commands';
import { CreateServiceToken } from './service-tokens/create-service-token.use-case';
import { RevokeServiceToken } from './service-tokens/revoke-service-token.use-case';
import { ServiceTokenQueries } from './service-tokens/service-token.queries';
import { AuthToken } from './tokens/auth-token.entity';
import { Sessions } from './tokens/sessions';
import { RoleAssignment } from './users/role-assignment.entity';
import {
  ChangeOwnPassword,
  CreateUser,
  RoleGrantValidator,
  SetUserPassword,
  SetUserRoles,
  UpdateUser,
} from './users/user-commands';
import { User } from './users/user.entity';
import { Users } from './users/users';

const SERVICES = [
  AccessGuard,
  PrincipalLoader,
  PrincipalCache,
  Sessions,
  PasswordLogin,
  RefreshSession,
  Logout,
  Users,
  RoleGrantValidator,
  CreateUser,
  UpdateUser,
  SetUserRoles,
  SetUserPassword,
  ChangeOwnPassword,
  ServiceTokenQueries,
  CreateServiceToken,
  RevokeServiceToken,
];

/** Users, roles, logins and tokens. */
@Module({
  imports: [TypeOrmModule.forFeature([User, RoleAssignment, AuthToken]), TenancyModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class IdentityModule {}
