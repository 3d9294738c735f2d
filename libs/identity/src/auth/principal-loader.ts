import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Principal, Role, RoleGrant } from '@nf/access';
import { Clock, localDate } from '@nf/common';
import { Memberships, MembershipRole } from '@nf/tenancy';
import { Repository } from 'typeorm';
import { AuthToken } from '../tokens/auth-token.entity';
import { hashToken, tokenKindOf } from '../tokens/token-codec';
import { RoleAssignment } from '../users/role-assignment.entity';
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
 * from the person's seats on organs today.
 */
@Injectable()
export class PrincipalLoader {
  constructor(
    @InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(RoleAssignment) private readonly assignments: Repository<RoleAssignment>,
    private readonly memberships: Memberships,
    private readonly clock: Clock,
  ) {}

  async fromBearer(token: string): Promise<Principal | null> {
    const kind = tokenKindOf(token);
    if (kind !== 'access' && kind !== 'service') return null;
    const row = await this.tokens.findOne({ where: { tokenHash: hashToken(token), kind } });
    const now = this.clock.now();
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
    const user = await this.users.findOne({
      where: { id: row.userId, municipalityId: row.municipalityId },
    });
    if (!user || !user.active) return null;
    return this.forUser(user);
  }

  async forUser(user: User): Promise<Principal> {
    const grants: RoleGrant[] = (
      await this.assignments.find({
        where: { userId: user.id, municipalityId: user.municipalityId },
      })
    ).map((assignment) => ({
      role: assignment.role as Role,
      organId: assignment.organId ?? undefined,
    }));
    if (user.personId !== null) {
      const today = localDate(this.clock.now());
      const seats = await this.memberships.activeForPerson(user, user.personId, today);
      for (const seat of seats) {
        for (const role of MEMBERSHIP_GRANTS[seat.role])
          grants.push({ role, organId: seat.organId });
      }
    }
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
