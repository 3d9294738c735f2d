import { Injectable } from '@nestjs/common';
import { Principal, Role, RoleGrant } from '@nf/access';
import { Clock, localDate } from '@nf/common';
import { Memberships, type MembershipRole } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { hashToken, tokenKindOf } from '../tokens/token-codec';
import { User } from '../users/user.entity';

const MEMBERSHIP_GRANTS: Record<MembershipRole, Role[]> = {
  ordforande: [Role.Ordforande, Role.Ledamot],
  vice_ordforande: [Role.Ledamot],
  ledamot: [Role.Ledamot],
  ersattare: [Role.Ersattare],
};

/**
 * Turns a presented bearer token into a Principal: the token must be an unrevoked, unexpired
 * access or service token of an active user. Organ roles come from the roles an admin gave and
 * from the person's seats on organs today. It runs for every authenticated request, so it is two
 * plain queries: the token with its user, then the grants with the seats.
 */
@Injectable()
export class PrincipalLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly memberships: Memberships,
  ) {}

  /** The principal of a bearer token, with the token's expiry (null: it does not expire). */
  async fromBearer(
    token: string,
  ): Promise<{ principal: Principal; expiresAt: Date | null } | null> {
    const kind = tokenKindOf(token);
    if (kind !== 'access' && kind !== 'service') return null;
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.municipality_id AS municipalityId, u.username, u.kind, u.person_id AS personId,
              u.active, t.revoked_at AS revokedAt, t.expires_at AS expiresAt
         FROM auth_tokens t JOIN users u ON u.id = t.user_id AND u.municipality_id = t.municipality_id
        WHERE t.token_hash = ? AND t.kind = ?`,
      [hashToken(token), kind],
    )) as Array<{
      id: number | string;
      municipalityId: number | string;
      username: string;
      kind: User['kind'];
      personId: number | string | null;
      active: number | boolean;
      revokedAt: Date | null;
      expiresAt: Date | null;
    }>;
    const now = this.clock.now();
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.active) {
      return null;
    }
    const principal = await this.forUser({
      id: Number(row.id),
      municipalityId: Number(row.municipalityId),
      username: row.username,
      kind: row.kind,
      personId: row.personId === null ? null : Number(row.personId),
    });
    return { principal, expiresAt: row.expiresAt };
  }

  async forUser(
    user: Pick<User, 'id' | 'municipalityId' | 'username' | 'kind' | 'personId'>,
  ): Promise<Principal> {
    const today = localDate(this.clock.now());
    const [assignments, seats] = await Promise.all([
      this.dataSource.query(
        `SELECT role, organ_id AS organId FROM role_assignments
          WHERE user_id = ? AND municipality_id = ? ORDER BY id`,
        [user.id, user.municipalityId],
      ) as Promise<Array<{ role: Role; organId: number | string | null }>>,
      user.personId === null ? [] : this.memberships.seatsOf(user, user.personId, today),
    ]);
    const grants: RoleGrant[] = [];
    for (const row of assignments)
      grants.push({
        role: row.role,
        organId: row.organId === null ? undefined : Number(row.organId),
      });
    for (const seat of seats)
      for (const role of MEMBERSHIP_GRANTS[seat.role] ?? [])
        grants.push({ role, organId: seat.organId });
    return new Principal(
      user.id,
      user.municipalityId,
      user.username,
      user.kind,
      grants,
      user.personId,
    );
  }
}
