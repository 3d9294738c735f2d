import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

export type TjansteskrivelseStatus = 'draft' | 'submitted';

/**
 * A tjänsteskrivelse: the official's structured report and proposal on a case. A draft is edited by
 * its author; submitting freezes it and registers it as an upprättad document of the case. When the
 * case comes back (återremiss) the official writes a new version.
 */
@Entity({ name: 'tjansteskrivelser' })
export class Tjansteskrivelse {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('case_id'))
  caseId: number;

  /** 1 for the first tjänsteskrivelse of the case, 2 after the first återremiss … */
  @Column({ name: 'version_no', type: 'int', unsigned: true })
  versionNo: number;

  @Column({ type: 'varchar', length: 16 })
  status: TjansteskrivelseStatus;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'document_date', type: 'date' })
  documentDate: string;

  /** The user who wrote it; null for one brought over from an earlier system. */
  @Column(idColumn('author_user_id', true))
  authorUserId: number | null;

  @Column({ name: 'author_name', type: 'varchar', length: 200 })
  authorName: string;

  @Column({ name: 'author_title', type: 'varchar', length: 200 })
  authorTitle: string;

  /** The organ the proposal is addressed to ("Kommunstyrelsen beslutar …"). */
  @Column(idColumn('addressed_organ_id'))
  addressedOrganId: number;

  /** Sammanfattning. */
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  /** Beskrivning (ärendebeskrivning). */
  @Column({ type: 'mediumtext', nullable: true })
  description: string | null;

  /** Förslag till beslut: the decision clauses (att-satser), without the leading "att". */
  @Column({ name: 'proposal_clauses', type: 'json' })
  proposalClauses: string[];

  /** Beslutsunderlag: ids of documents of the same case. */
  @Column({ name: 'basis_document_ids', type: 'json' })
  basisDocumentIds: number[];

  /** Jämställdhetsanalys, where the municipality asks for one. */
  @Column({ name: 'gender_analysis', type: 'text', nullable: true })
  genderAnalysis: string | null;

  /** The follow-up the proposal asks for, e.g. "Nästa uppföljning sker februari 2025 …". */
  @Column({ name: 'follow_up_clause', type: 'text', nullable: true })
  followUpClause: string | null;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true })
  submittedAt: Date | null;

  /** The registered document (handling) it became on submission. */
  @Column(idColumn('document_id', true))
  documentId: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** The förslag till beslut as one text: "Kommunstyrelsen beslutar att …". */
export function proposalText(organName: string, clauses: string[]): string {
  const items = clauses.map((clause) =>
    clause
      .trim()
      .replace(/^att\s+/i, '')
      .replace(/\.$/, ''),
  );
  if (items.length === 1) return `${organName} beslutar att ${items[0]}.`;
  return `${organName} beslutar\n\n${items.map((item) => `att ${item}`).join(',\n\n')}.`;
}
