import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLog, AuditReader } from '@nf/audit';
import { Clock, NotFoundProblem, type Tenant } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { MailQueue } from '@nf/notifications';
import { CaseQueries } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import type { FeedEvent } from '../changes/public-changes';
import { publicCaseTitle } from '../public-secrecy';

/** How long a request to follow waits for its confirmation before it is forgotten. */
const PENDING_DAYS = 7;
/** A second request for the same case and address sends no new e-mail within this time. */
const RESEND_AFTER_MS = 10 * 60_000;

/** What a follower is told, by the audited action that moved the case (others tell nothing). */
const MOVES: Record<string, string> = {
  'route.advanced': 'Ärendet har gått vidare till nästa steg.',
  'route.imported': 'Ärendets gång har uppdaterats.',
  'agenda.item-added': 'Ärendet har satts upp på dagordningen för ett sammanträde.',
  'case.decided': 'Ärendet är beslutat.',
};

/**
 * Residents following a case from the portal: a request sends a confirmation link (double
 * opt-in); once confirmed, the address gets an e-mail when the case moves (a step done, a meeting
 * planned, a decision adjusted), each with a link to stop. The address is kept only while the
 * request waits (a week at most) or the follow lasts, never in the audit log, and forgotten in the
 * log of sent e-mails when the follow ends. Every e-mail names the case by its public title.
 */
@Injectable()
export class CaseFollows {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly auditReader: AuditReader,
    private readonly mail: MailQueue,
    private readonly cases: CaseQueries,
    private readonly municipalities: Municipalities,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The portal's address in e-mails: APP_PUBLIC_URL (a local demo: localhost), never a request's
   * Host header, which anyone may set to send a resident a link to somewhere else.
   */
  private origin(): string {
    return (this.config.app.publicUrl ?? `http://localhost:${this.config.app.port}`).replace(
      /\/$/,
      '',
    );
  }

  /** A request to follow: a pending follow and the e-mail with the link that confirms it. */
  async request(tenant: Tenant, caseId: number, email: string): Promise<void> {
    const record = await this.cases.get(tenant, caseId);
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    const address = email.trim().toLowerCase();
    const token = randomBytes(24).toString('base64url'); // 32 characters
    const now = this.clock.now();
    await this.transactions.run(async (tx) => {
      const [existing] = (await tx.query(
        `SELECT id, status, created_at AS createdAt FROM case_follows
          WHERE municipality_id = ? AND case_id = ? AND email = ? FOR UPDATE`,
        [tenant.municipalityId, caseId, address],
      )) as Array<{ id: number | string; status: string; createdAt: Date }>;
      // Followed already, or asked just now: nothing new is sent (nor is it told which).
      if (existing?.status === 'confirmed') return;
      if (existing && now.getTime() - existing.createdAt.getTime() < RESEND_AFTER_MS) return;
      let id: number;
      if (existing) {
        id = Number(existing.id);
        await tx.query(
          'UPDATE case_follows SET token = ?, created_at = ? WHERE id = ? AND municipality_id = ?',
          [token, now, id, tenant.municipalityId],
        );
      } else {
        const result = (await tx.query(
          `INSERT INTO case_follows (municipality_id, case_id, email, token, created_at)
           VALUES (?, ?, ?, ?, ?)`,
          [tenant.municipalityId, caseId, address, token, now],
        )) as { insertId: number | string };
        id = Number(result.insertId);
      }
      // Never the address: the audit log is kept, the address only while it is wanted.
      await this.audit.record(tx, {
        action: 'case-follow.requested',
        entityType: 'case-follow',
        entityId: id,
        municipalityId: tenant.municipalityId,
        after: { caseId },
      });
      const link = `${this.origin()}/portal/${municipality.slug}/folj/${token}`;
      await this.mail.enqueue(tx, {
        municipalityId: tenant.municipalityId,
        idempotencyKey: `case-follow:${id}:${token}`,
        recipient: address,
        subject: `Bekräfta att du vill följa ärendet ${record.dnr}`,
        body: [
          'Hej!',
          '',
          `Någon, förhoppningsvis du, har bett att få e-post när ärendet ”${publicCaseTitle(record)}” (${record.dnr}) i ${municipality.name} går vidare.`,
          '',
          `Bekräfta här: ${link}`,
          '',
          `Om du inte bekräftar inom ${PENDING_DAYS} dagar glömmer vi din adress. Har du inte bett om detta behöver du inte göra något.`,
          '',
          `Med vänlig hälsning`,
          municipality.name,
        ].join('\n'),
      });
    });
  }

  /** The follow a link's token names (pending or confirmed), or a 404. */
  async byToken(
    tenant: Tenant,
    token: string,
  ): Promise<{ id: number; caseId: number; status: string }> {
    const [row] = (await this.dataSource.query(
      `SELECT id, case_id AS caseId, status FROM case_follows
        WHERE municipality_id = ? AND token = ?`,
      [tenant.municipalityId, token],
    )) as Array<{ id: number | string; caseId: number | string; status: string }>;
    if (!row) throw new NotFoundProblem('follow');
    return { id: Number(row.id), caseId: Number(row.caseId), status: row.status };
  }

  async confirm(tenant: Tenant, token: string): Promise<{ caseId: number }> {
    const follow = await this.byToken(tenant, token);
    if (follow.status === 'confirmed') return { caseId: follow.caseId };
    await this.transactions.run(async (tx) => {
      await tx.query(
        `UPDATE case_follows SET status = 'confirmed', confirmed_at = ?, from_audit_id = ?
          WHERE id = ? AND municipality_id = ? AND status = 'pending'`,
        // What happened to the case from now on, not before.
        [this.clock.now(), await this.auditReader.newestId(), follow.id, tenant.municipalityId],
      );
      await this.audit.record(tx, {
        action: 'case-follow.confirmed',
        entityType: 'case-follow',
        entityId: follow.id,
        municipalityId: tenant.municipalityId,
        after: { caseId: follow.caseId },
      });
    });
    return { caseId: follow.caseId };
  }

  /** Stops a follow: the row and the address go, and the address is forgotten in the mail log. */
  async unsubscribe(tenant: Tenant, token: string): Promise<{ caseId: number }> {
    const follow = await this.byToken(tenant, token);
    await this.transactions.run(async (tx) => {
      const [row] = (await tx.query(
        'SELECT email FROM case_follows WHERE id = ? AND municipality_id = ? FOR UPDATE',
        [follow.id, tenant.municipalityId],
      )) as Array<{ email: string }>;
      if (!row) return;
      await tx.query('DELETE FROM case_follows WHERE id = ? AND municipality_id = ?', [
        follow.id,
        tenant.municipalityId,
      ]);
      const [{ others }] = (await tx.query(
        'SELECT COUNT(*) AS others FROM case_follows WHERE municipality_id = ? AND email = ?',
        [tenant.municipalityId, row.email],
      )) as Array<{ others: number | string }>;
      if (Number(others) === 0) await this.mail.forget(tx, tenant.municipalityId, row.email);
      await this.audit.record(tx, {
        action: 'case-follow.ended',
        entityType: 'case-follow',
        entityId: follow.id,
        municipalityId: tenant.municipalityId,
        before: { caseId: follow.caseId },
      });
    });
    return { caseId: follow.caseId };
  }

  /**
   * E-mails the followers of each case that moved (once per follower and audited change, however
   * often the log is read), and forgets requests never confirmed.
   */
  async notify(events: FeedEvent[]): Promise<void> {
    const moves = events.filter((event) => event.type === 'case.changed' && MOVES[event.action]);
    const cutoff = new Date(this.clock.now().getTime() - PENDING_DAYS * 24 * 3600_000);
    await this.dataSource.query(
      `DELETE FROM case_follows WHERE status = 'pending' AND created_at < ? AND municipality_id > 0`,
      [cutoff],
    );
    if (moves.length === 0) return;
    const followers = (await this.dataSource.query(
      `SELECT id, municipality_id AS municipalityId, case_id AS caseId, email, token,
              from_audit_id AS fromAuditId
         FROM case_follows
        WHERE status = 'confirmed' AND (municipality_id, case_id) IN (${moves.map(() => '(?, ?)').join(', ')})`,
      moves.flatMap((event) => [event.municipalityId, event.objectId]),
    )) as Array<{
      id: number | string;
      municipalityId: number | string;
      caseId: number | string;
      email: string;
      token: string;
      fromAuditId: number | string;
    }>;
    if (followers.length === 0) return;
    await this.transactions.run(async (tx) => {
      for (const event of moves) {
        const own = followers.filter(
          (follower) =>
            Number(follower.municipalityId) === event.municipalityId &&
            Number(follower.caseId) === event.objectId &&
            event.auditId > Number(follower.fromAuditId),
        );
        if (own.length === 0) continue;
        const tenant = { municipalityId: event.municipalityId };
        const record = await this.cases.get(tenant, event.objectId);
        const municipality = await this.municipalities.getById(event.municipalityId);
        const base = `${this.origin()}/portal/${municipality.slug}`;
        const page = `${base}/arenden/${record.id}`;
        for (const follower of own) {
          await this.mail.enqueue(tx, {
            municipalityId: event.municipalityId,
            idempotencyKey: `case-follow:${follower.id}:audit:${event.auditId}`,
            recipient: follower.email,
            subject: `Ärendet ${record.dnr} har gått vidare`,
            body: [
              'Hej!',
              '',
              `${MOVES[event.action]}`,
              '',
              `Ärende: ${publicCaseTitle(record)} (${record.dnr})`,
              `Var är ärendet? ${page}`,
              '',
              `Vill du inte längre få e-post om ärendet? Avsluta här: ${base}/folj/${follower.token}/avsluta`,
              '',
              'Med vänlig hälsning',
              municipality.name,
            ].join('\n'),
          });
        }
      }
    });
  }
}
