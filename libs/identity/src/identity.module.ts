import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '@nf/tenancy';
import { AccessGuard } from './auth/access.guard';
import { PasswordLogin } from './auth/login.use-case';
import { PrincipalCache } from './auth/principal-cache';
import { PrincipalLoader } from './auth/principal-loader';
import { Logout } from './auth/logout.use-case';
import { RefreshSession } from './auth/refresh-session.use-case';
import { CreateServiceToken } from './service-tokens/create-service-token.use-case';
import { RevokeServiceToken } from './service-tokens/revoke-service-token.use-case';
import { ServiceTokenQueries } from './service-tokens/service-token.queries';
import { AuthToken } from './tokens/auth-token.entity';
import { Sessions } from './tokens/sessions';
import { RoleAssignment } from './users/role-assignment.entity';
import { ChangeOwnPassword } from './users/change-own-password.use-case';
import { SetUserPassword } from './users/set-user-password.use-case';
import { SetUserRoles } from './users/set-user-roles.use-case';
import { UpdateUser } from './users/update-user.use-case';
import { CreateUser } from './users/create-user.use-case';
import { RoleGrantValidator } from './users/role-grant-validator';
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
