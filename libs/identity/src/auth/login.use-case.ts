import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { AppConfig } from '@nf/config';
import {
  Clock,
  ForbiddenProblem,
  ProblemError,
  RequestContexts,
  UnauthorizedProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Municipalities } from '@nf/tenancy';
import { IssuedSession, Sessions } from '../tokens/sessions';
import { User } from '../users/user.entity';
import { isDefaultPassword, PasswordHasher } from './passwords';

export class LoginCommand {
  constructor(
    readonly municipality: string,
    readonly username: string,
    readonly password: string,
  ) {}
}

const INVALID = () => new UnauthorizedProblem('Wrong municipality, user name or password.');

/**
 * Password login. Unknown municipality, unknown user and wrong password look the same to the
 * caller; each failure counts against the account and is audited; after too many in a row the
 * account is locked for a while. Outside demo mode a well-known default password is refused.
 */
@Injectable()
export class PasswordLogin {
  private readonly hasher: PasswordHasher;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.hasher = new PasswordHasher(config.auth.scryptN);
  }

  async execute(command: LoginCommand): Promise<IssuedSession> {
    const municipality = await this.municipalities.findBySlug(command.municipality);
    const user = municipality
      ? await this.transactions.run((manager) =>
          manager
            .createQueryBuilder(User, 'user')
            .addSelect('user.passwordHash')
            .where(
              'user.municipalityId = :municipalityId AND user.username = :username AND user.kind = :kind',
              {
                municipalityId: municipality.id,
                username: command.username,
                kind: 'person',
              },
            )
            .getOne(),
        )
      : null;
    const now = this.clock.now();
    if (user?.lockedUntil && user.lockedUntil > now) {
      await this.securityEvent('auth.login-refused-locked', user);
      throw new ProblemError(
        429,
        'account-locked',
        'Too many attempts',
        'The account is locked for a while after too many failed logins.',
        {
          retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000),
        },
      );
    }
    const valid = await this.hasher.verify(
      command.password,
      user?.active ? user.passwordHash : null,
    );
    if (!user || !valid) {
      await this.recordFailure(user, command);
      throw INVALID().markAudited();
    }
    if (!this.config.app.demo && isDefaultPassword(command.password)) {
      await this.securityEvent('auth.login-refused-default-password', user);
      throw new ForbiddenProblem(
        'This account has a default password, which is refused outside demo mode. Ask an admin to set a new one.',
      ).markAudited();
    }
    return this.transactions.run(async (manager) => {
      // Counters are not edits of the user: plain SQL, so that the row's version stays put.
      if (user.failedLogins > 0 || user.lockedUntil) {
        await manager.query(
          'UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?',
          [user.id],
        );
      }
      const session = await this.sessions.issue(manager, user);
      RequestContexts.setActor(
        { type: 'user', id: String(user.id), label: user.username },
        user.municipalityId,
      );
      await this.audit.record(manager, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        municipalityId: user.municipalityId,
      });
      return session;
    });
  }

  private async recordFailure(user: User | null, command: LoginCommand): Promise<void> {
    await this.transactions.run(async (manager) => {
      let locked = false;
      if (user) {
        await manager.query('UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?', [
          user.id,
        ]);
        const [{ failed_logins: failed }] = await manager.query(
          'SELECT failed_logins FROM users WHERE id = ?',
          [user.id],
        );
        if (Number(failed) >= this.config.auth.maxFailedLogins) {
          const until = new Date(
            this.clock.now().getTime() + this.config.auth.lockoutSeconds * 1000,
          );
          await manager.query('UPDATE users SET locked_until = ?, failed_logins = 0 WHERE id = ?', [
            until,
            user.id,
          ]);
          locked = true;
        }
      }
      await this.audit.recordSecurityEvent(manager, {
        action: locked ? 'auth.account-locked' : 'auth.login-failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        municipalityId: user?.municipalityId ?? null,
        // The user name tried is worth keeping; the password never is.
        after: {
          municipality: command.municipality.slice(0, 64),
          username: command.username.slice(0, 64),
        },
      });
    });
  }

  private async securityEvent(action: string, user: User): Promise<void> {
    await this.transactions.run((manager) =>
      this.audit.recordSecurityEvent(manager, {
        action,
        entityType: 'user',
        entityId: user.id,
        municipalityId: user.municipalityId,
      }),
    );
  }
}
