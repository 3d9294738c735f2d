import { Injectable } from '@nestjs/common';
import { AuditLog, SecurityEvents } from '@nf/audit';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
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
    /** Who is trying, for the security log: the client's address (`ip:…`). */
    readonly source = 'unknown',
  ) {}
}

const INVALID = () => new UnauthorizedProblem('Wrong municipality, user name or password.');

/** What failed logins count against: an account, or a name that is no account. */
type Target = { user: User } | { nameHash: string };

/**
 * Password login. Unknown municipality, unknown user and wrong password look the same to the
 * caller, and so do their lock-outs: failures count against the account, or against the name
 * typed when it is no account, and after too many in a row it is locked for a while. An attempt
 * is counted before the password is checked, under the row's lock, so that parallel attempts
 * cannot get more tries than the limit. Failures are security events (repeats from one address
 * in a minute as one summary row). Outside demo mode a well-known default password is refused.
 */
@Injectable()
export class PasswordLogin {
  private readonly hasher: PasswordHasher;
  private namesForgottenAt = 0;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly municipalities: Municipalities,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    private readonly securityEvents: SecurityEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.hasher = new PasswordHasher(config.auth.scryptN);
  }

  async execute(command: LoginCommand): Promise<IssuedSession> {
    const municipality = await this.municipalities.findBySlug(command.municipality);
    const user = municipality
      ? await this.dataSource.manager
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
          .getOne()
      : null;
    const target: Target = user ? { user } : { nameHash: nameHashOf(command) };
    const lockedUntil = await this.reserveAttempt(target);
    if (lockedUntil) {
      await this.securityEvent(command, 'auth.login-refused-locked', user);
      const seconds = Math.max(
        1,
        Math.ceil((lockedUntil.getTime() - this.clock.now().getTime()) / 1000),
      );
      throw new ProblemError(
        429,
        'account-locked',
        'Too many attempts',
        'The account is locked for a while after too many failed logins.',
        { retryAfterSeconds: seconds },
      ).markAudited();
    }
    const valid = await this.hasher.verify(
      command.password,
      user?.active ? user.passwordHash : null,
    );
    if (!user || !valid) {
      const locked = await this.recordFailure(target);
      await this.securityEvent(command, locked ? 'auth.account-locked' : 'auth.login-failed', user);
      throw INVALID().markAudited();
    }
    if (!this.config.app.demo && isDefaultPassword(command.password)) {
      await this.securityEvent(command, 'auth.login-refused-default-password', user);
      throw new ForbiddenProblem(
        'This account has a default password, which is refused outside demo mode. Ask an admin to set a new one.',
      ).markAudited();
    }
    return this.transactions.run(async (manager) => {
      // Counters are not edits of the user: plain SQL, so that the row's version stays put.
      await manager.query(
        'UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ? AND municipality_id = ?',
        [user.id, user.municipalityId],
      );
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

  /**
   * Counts one attempt against the target under its row's lock, unless it is locked (or as many
   * attempts as the limit are already under way): then the time it opens again.
   */
  private async reserveAttempt(target: Target): Promise<Date | null> {
    const now = this.clock.now();
    const { table, where, key } = rowOf(target);
    return this.transactions.run(async (manager) => {
      if (table === 'login_failures') {
        await manager.query(
          `INSERT IGNORE INTO login_failures (name_hash, failed_logins, locked_until, updated_at)
           VALUES (?, 0, NULL, ?)`,
          [key, now],
        );
      }
      const [row] = (await manager.query(
        `SELECT failed_logins AS failed, locked_until AS lockedUntil FROM ${table} WHERE ${where} FOR UPDATE`,
        [key],
      )) as Array<{ failed: number | string; lockedUntil: Date | null }>;
      if (row.lockedUntil && row.lockedUntil > now) return row.lockedUntil;
      // The attempts under way count: the limit's worth are let through at once, no more.
      if (Number(row.failed) >= this.config.auth.maxFailedLogins) {
        return new Date(now.getTime() + 1000);
      }
      await manager.query(
        `UPDATE ${table} SET failed_logins = failed_logins + 1${table === 'login_failures' ? ', updated_at = ?' : ''} WHERE ${where}`,
        table === 'login_failures' ? [now, key] : [key],
      );
      return null;
    });
  }

  /** The attempt failed: at the limit, the target is locked. Whether it was. */
  private async recordFailure(target: Target): Promise<boolean> {
    const now = this.clock.now();
    if ('nameHash' in target) await this.forgetOldNames(now);
    const until = new Date(now.getTime() + this.config.auth.lockoutSeconds * 1000);
    const { table, where, key } = rowOf(target);
    return this.transactions.run(async (manager) => {
      const [row] = (await manager.query(
        `SELECT failed_logins AS failed FROM ${table} WHERE ${where} FOR UPDATE`,
        [key],
      )) as Array<{ failed: number | string }>;
      if (Number(row?.failed ?? 0) < this.config.auth.maxFailedLogins) return false;
      await manager.query(
        `UPDATE ${table} SET locked_until = ?, failed_logins = 0 WHERE ${where}`,
        [until, key],
      );
      return true;
    });
  }

  /**
   * Names that are no account, not tried for a day and not locked, are forgotten: at most once a
   * minute per process, on its own (inside a failure's transaction the range delete made parallel
   * failures wait on each other).
   */
  private async forgetOldNames(now: Date): Promise<void> {
    if (now.getTime() - this.namesForgottenAt < 60_000) return;
    this.namesForgottenAt = now.getTime();
    await this.dataSource.query(
      'DELETE FROM login_failures WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?) LIMIT 1000',
      [new Date(now.getTime() - 86_400_000), now],
    );
  }

  private async securityEvent(command: LoginCommand, action: string, user: User | null) {
    const tried = `${command.municipality.slice(0, 64)}/${command.username.slice(0, 64)}`;
    await this.securityEvents.record(
      command.source,
      {
        action,
        entityType: 'user',
        entityId: user?.id ?? null,
        municipalityId: user?.municipalityId ?? null,
        // The user name tried is worth keeping; the password never is.
        after: {
          municipality: command.municipality.slice(0, 64),
          username: command.username.slice(0, 64),
        },
      },
      { sample: tried },
    );
  }
}

/** Where a target's failures are counted: the user's row, or the name's. */
function rowOf(target: Target) {
  return 'nameHash' in target
    ? { table: 'login_failures', where: 'name_hash = ?', key: target.nameHash as string | number }
    : { table: 'users', where: 'id = ?', key: target.user.id as string | number };
}

/** The key of a name that is no account: the municipality and the user name as typed. */
function nameHashOf(command: LoginCommand): string {
  return createHash('sha256')
    .update(`${command.municipality.toLowerCase()}\u0000${command.username.toLowerCase()}`)
    .digest('hex');
}
