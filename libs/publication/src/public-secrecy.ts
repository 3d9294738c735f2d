import type { AgendaItem } from '@nf/meetings';
import { type Case, type CaseDocument, publicTitleOf, SECRET_TITLE } from '@nf/registry';

/**
 * Secrecy for everything the public side shows, in one place. A secret case is shown by its
 * public title only: never its real title, a sender, a proposal or a file. An agenda item closed
 * to the public (or of a secret case) is shown by that title and nothing of its content.
 */

/** Whether the case's own content (title, proposal, files) may be published. */
export function caseIsPublic(record: Pick<Case, 'secrecyOsl'>): boolean {
  return record.secrecyOsl === null;
}

/** The title of a case as the public reads it. */
export function publicCaseTitle(
  record: Pick<Case, 'secrecyOsl' | 'publicTitle' | 'title'>,
): string {
  return publicTitleOf(record);
}

/** Whether an agenda item's content is public: not closed to the public, and not of a secret case. */
export function itemIsPublic(
  item: Pick<AgendaItem, 'closedOsl'>,
  record: Pick<Case, 'secrecyOsl'> | undefined,
): boolean {
  return item.closedOsl === null && (record === undefined || caseIsPublic(record));
}

/** The title of an agenda item as the public reads it. */
export function publicItemTitle(
  item: Pick<AgendaItem, 'closedOsl' | 'title' | 'caseId'>,
  record: Pick<Case, 'secrecyOsl' | 'publicTitle' | 'title'> | undefined,
): string {
  if (record)
    return item.closedOsl === null ? publicCaseTitle(record) : (record.publicTitle ?? SECRET_TITLE);
  return item.closedOsl === null ? item.title : SECRET_TITLE;
}

/**
 * The document types whose files are published with a public case: what the municipality and its
 * members write for the boards. Letters received (which may name private persons) and agreements
 * stay in the registry, where anyone may ask for them; they are not put on the web.
 */
const PUBLISHED_TYPES = new Set<CaseDocument['type']>([
  'tjansteskrivelse',
  'beslutsunderlag',
  'motion',
  'protokollsutdrag',
  'yttrande',
  'beslut',
  'rapport',
]);

/** Whether a document's files are published: a public case's, not secret, of a published type. */
export function documentIsPublished(
  document: Pick<CaseDocument, 'type' | 'direction' | 'secrecyOsl' | 'senderProtected'>,
  record: Pick<Case, 'secrecyOsl'>,
): boolean {
  return (
    caseIsPublic(record) &&
    document.secrecyOsl === null &&
    !document.senderProtected &&
    document.direction !== 'inkommande' &&
    PUBLISHED_TYPES.has(document.type)
  );
}
