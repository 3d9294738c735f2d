import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, UnauthorizedProblem } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { UserCommandBase } from './user.commands';
import { User } from './user.entity';
import { Users } from './users';

@Injectable()
export class ChangeOwnPassword extends UserCommandBase {
  constructor(
    transactions: TransactionRunner,
    users: Users,
    audit: AuditLog,
    clock: Clock,
    config: AppConfig,
  ) {
    super(transactions, users, audit, clock, config);
  }

  async execute(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder(User, 'user')
        .addSelect('user.passwordHash')
        .where('user.id = :id AND user.municipalityId = :municipalityId', {
          id: principal.userId,
          municipalityId: principal.municipalityId,
        })
        .getOne(),
    );
    if (
      !user ||
      user.kind !== 'person' ||
      !(await this.hasher.verify(currentPassword, user.passwordHash))
    ) {
      throw new UnauthorizedProblem('The current password is wrong.');
    }
    const passwordHash = await this.hashChecked(newPassword, user.username);
    await this.transactions.run(async (manager) => {
      await manager.update(
        User,
        { id: user.id, municipalityId: user.municipalityId },
        { passwordHash, updatedAt: this.clock.now() },
      );
      await this.audit.record(manager, {
        action: 'user.password-changed',
        entityType: 'user',
        entityId: user.id,
        municipalityId: user.municipalityId,
      });
    });
  }
}
