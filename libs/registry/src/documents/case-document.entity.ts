import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

export const DOCUMENT_DIRECTIONS = ['inkommande', 'upprattad', 'utgaende', 'intern'] as const;
export type DocumentDirection = (typeof DOCUMENT_DIRECTIONS)[number];

export const DOCUMENT_TYPES = [
  'tjansteskrivelse',
  'beslutsunderlag',
  'motion',
  'protokollsutdrag',
  'protokoll',
  'kallelse',
  'yttrande',
  'skrivelse',
  'beslut',
  'avtal',
  'rapport',
  'ovrigt',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * A registered document (handling) of a case, with what OSL 5 kap. asks the registry to record:
 * the date it arrived or was drawn up, the dnr (through its case), sender or recipient, and a short
 * description of its subject.
 */
@Entity({ name: 'documents' })
export class CaseDocument {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('case_id'))
  caseId: number;

  /** 1, 2, 3 … within the case, in the order of registration. */
  @Column({ type: 'int', unsigned: true })
  ordinal: number;

  @Column({ type: 'varchar', length: 16 })
  direction: DocumentDirection;

  /** The local date it arrived (inkommande) or was drawn up (upprättad). */
  @Column({ name: 'document_date', type: 'date' })
  documentDate: string;

  @Column({ name: 'sender_recipient', type: 'varchar', length: 300, nullable: true })
  senderRecipient: string | null;

  /** The sender's identity is itself secret (e.g. a private person in a social-services matter). */
  @Column({ name: 'sender_protected', type: 'boolean', default: false })
  senderProtected: boolean;

  @Column({ type: 'varchar', length: 1000 })
  description: string;

  @Column({ type: 'varchar', length: 40 })
  type: DocumentType;

  @Column({ name: 'secrecy_osl', type: 'varchar', length: 100, nullable: true })
  secrecyOsl: string | null;

  @Column({ name: 'registered_at', type: 'datetime', precision: 3 })
  registeredAt: Date;

  /** When gallring removed its files (and, where the plan keeps nothing, its content); else null. */
  @Column({ name: 'weeded_at', type: 'datetime', precision: 3, nullable: true })
  weededAt: Date | null;

  /** The rule of the dokumenthanteringsplan it was weeded by, as the gallringsprotokoll names it. */
  @Column({ name: 'weeded_by_rule', type: 'varchar', length: 500, nullable: true })
  weededByRule: string | null;

  @Column(idColumn('registered_by', true))
  registeredBy: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}
