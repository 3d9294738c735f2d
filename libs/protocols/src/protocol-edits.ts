import type { MotionAnswer } from '@nf/workflow';
import { Permission, Principal } from '@nf/access';
import {
  assertCurrentVersion,
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  Tenant,
} from '@nf/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { ElectionInput } from './election';
import { numberingPlan } from './numbering-plan';
import { Attendance, NO_PROCEEDINGS, Recipient, Votering, Yrkande } from './proceedings';
import { Paragraph, ParagraphOutcome, Protocol } from './protocol.entities';

/**
 * What the protocol use cases share: the content hash, the version bump of an edit, the
 * paragraphs in order and their numbers, and the checks every edit makes.
 */

/** The outcomes that move a case's route when the protocol is adjusted. */
export const ROUTE_OUTCOMES: ReadonlySet<ParagraphOutcome> = new Set([
  'decision',
  'election',
  'proposal',
  'aterremiss',
  'bordlaggning',
  'information',
  'withdrawn',
]);

export interface ParagraphChange {
  outcome?: ParagraphOutcome;
  decisionText?: string | null;
  motionAnswer?: MotionAnswer | null;
  yrkanden?: Yrkande[];
  propositionsordning?: string | null;
  /** The vote as put; the counts and the result are computed. `null` removes it. */
  votering?: Pick<Votering, 'question' | 'ballots'> | null;
  /** Who reserved themselves; written reasons may follow until justering. */
  reservations?: Array<{ member: string; reasons?: string | null }>;
  jav?: string[];
  absent?: string[];
  notes?: Array<{ by: string; text: string }>;
  expediering?: Recipient[];
  /** The election as recorded (its organ's name is looked up); `null` removes it. */
  val?: ElectionChange | null;
  /** On KF's motion report: the motions (cases) KF writes off; only motions the report lists. */
  avskrivna?: number[];
}

/** An election as the secretary records it; what is left out takes its default. */
export interface ElectionChange {
  seat: Omit<ElectionInput['seat'], 'organName'>;
  seats?: number;
  nominations: Array<{ name: string; personId?: number | null; party?: string | null }>;
  proportionalRequestedBy?: string[];
  ballots?: Array<{ member: string; candidate?: string | null }>;
  lottningDrawn?: string | null;
  proportionalElected?: string[];
}

export interface ProtocolSigners {
  chairUserId: number;
  adjusterUserIds: number[];
}

export interface ProtocolHeading extends Partial<ProtocolSigners> {
  attendance?: Attendance;
  /** Local date and time, "2023-12-13T13:00". */
  justeringAt?: string | null;
  justeringPlace?: string | null;
}

export const PROCEEDINGS_FIELDS = [
  'yrkanden',
  'propositionsordning',
  'votering',
  'reservations',
  'jav',
  'absent',
  'notes',
  'expediering',
  'val',
  'avskrivna',
] as const;

/** What the signatures sign: the numbered paragraphs and who adjusts, as canonical JSON. */
export function contentHashOf(protocol: Protocol, paragraphs: Paragraph[]): string {
  const content = {
    meetingId: protocol.meetingId,
    chairUserId: protocol.chairUserId,
    adjusterUserIds: protocol.adjusterUserIds,
    attendance: protocol.attendance,
    justering: [protocol.justeringAt?.toISOString() ?? null, protocol.justeringPlace],
    paragraphs: paragraphs.map((paragraph) => [
      paragraph.number,
      paragraph.heading,
      paragraph.caseId,
      paragraph.outcome,
      paragraph.decisionText,
      paragraph.motionAnswer,
      paragraph.proceedings ?? NO_PROCEEDINGS,
    ]),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * Records an edit of a protocol: the version goes up by one however fast the edits come (a save
 * of an unchanged row would not bump it, and a second edit in the same millisecond would pass
 * the version check).
 */
export async function touch(
  tx: EntityManager,
  protocol: Protocol,
  now: Date,
  changes: Partial<
    Pick<
      Protocol,
      | 'attendance'
      | 'chairUserId'
      | 'adjusterUserIds'
      | 'justeringAt'
      | 'justeringPlace'
      | 'contentHash'
    >
  > = {},
): Promise<void> {
  await tx.update(
    Protocol,
    { id: protocol.id, municipalityId: protocol.municipalityId },
    { ...changes, updatedAt: now },
  );
  protocol.updatedAt = now;
  protocol.version += 1;
}

export async function paragraphsOf(tx: EntityManager, protocol: Protocol): Promise<Paragraph[]> {
  return tx.find(Paragraph, {
    where: { protocolId: protocol.id, municipalityId: protocol.municipalityId },
    order: { ordinal: 'ASC' },
  });
}

/**
 * Gives the paragraphs the next numbers of the organ's series for their local year (one block
 * from the counter row, in the agenda's order). A protocol is numbered once: at its first
 * immediate justering or when it is locked, whichever comes first.
 */
export async function numberParagraphs(
  tx: EntityManager,
  organId: number,
  paragraphs: Paragraph[],
) {
  if (paragraphs.length === 0 || paragraphs[0].number !== null) return;
  const { year } = paragraphs[0];
  await tx.query(
    `INSERT INTO paragraph_counters (organ_id, year, next_number) VALUES (?, ?, LAST_INSERT_ID(? + 1))
       ON DUPLICATE KEY UPDATE next_number = LAST_INSERT_ID(next_number + ?)`,
    [organId, year, paragraphs.length, paragraphs.length],
  );
  const [{ next }] = (await tx.query('SELECT LAST_INSERT_ID() AS next')) as Array<{
    next: number | string;
  }>;
  for (const planned of numberingPlan(paragraphs, Number(next))) {
    const numbered = paragraphs.find((paragraph) => paragraph.id === planned.id)!;
    numbered.number = planned.number;
    await tx.update(
      Paragraph,
      { id: numbered.id, municipalityId: numbered.municipalityId },
      { number: numbered.number },
    );
  }
}

/** The protocol of the tenant, locked for the transaction, or a 404. */
export async function lockProtocol(
  tx: EntityManager,
  tenant: Tenant,
  id: number,
): Promise<Protocol> {
  const protocol = await tx.findOne(Protocol, {
    where: { id, municipalityId: tenant.municipalityId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!protocol) throw new NotFoundProblem('protocol', id);
  return protocol;
}

/** The protocol is kept by the secretary of its organ. */
export function assertSecretary(principal: Principal, organId: number): void {
  if (!principal.can(Permission.MeetingsManage, { organId })) {
    throw new ForbiddenProblem('The protocol is kept by the secretary of the organ.');
  }
}

/** The protocol locked for an edit by its secretary: a draft, at the version read. */
export async function editableProtocol(
  tx: EntityManager,
  principal: Principal,
  protocolId: number,
  expectedVersion: number,
): Promise<Protocol> {
  const protocol = await lockProtocol(tx, principal, protocolId);
  assertSecretary(principal, protocol.organId);
  if (protocol.status !== 'draft') {
    throw new ConflictProblem('protocol-locked', 'The protocol is locked for justering.');
  }
  assertCurrentVersion('protocol', protocol.version, expectedVersion);
  return protocol;
}

/** A paragraph of the protocol, or a 404. */
export async function paragraphOf(
  tx: EntityManager,
  protocol: Protocol,
  paragraphId: number,
): Promise<Paragraph> {
  const paragraph = await tx.findOne(Paragraph, {
    where: { id: paragraphId, protocolId: protocol.id, municipalityId: protocol.municipalityId },
  });
  if (!paragraph) throw new NotFoundProblem('paragraph', paragraphId);
  return paragraph;
}
