import { AuthToken } from '../tokens/auth-token.entity';
import { RoleAssignment } from '../users/role-assignment.entity';

export interface ServiceTokenView {
  id: number;
  name: string;
  userId: number;
  roles: Array<{ role: string; organId: number | null }>;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export function toServiceTokenView(token: AuthToken, roles: RoleAssignment[]): ServiceTokenView {
  return {
    id: token.id,
    name: token.name ?? '',
    userId: token.userId,
    roles: roles
      .filter((role) => role.userId === token.userId)
      .map((role) => ({ role: role.role, organId: role.organId })),
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
