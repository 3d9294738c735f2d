import { createHash } from 'node:crypto';
import { SECRET_TITLE, type SecrecyOf } from '@nf/registry';
import { NO_PROCEEDINGS, type Proceedings } from './proceedings';

/** What stands in a masked protocol instead of a secret text. */
export const MASKED_TEXT = '[sekretess]';

/** The parts of a paragraph that may hold what a secret case protects. */
export interface ParagraphContent {
  heading: string;
  decisionText: string | null;
  proceedings: Proceedings;
}

/**
 * A paragraph of a secret case as everyone without the right reads it, in the api and in the
 * published protocol: the case's public title, the decision replaced by the OSL provision, and
 * every free text of the proceedings masked. Who proposed, how each member voted, who reserved
 * themselves and who had jäv stay: they are the public record of how the board acted. Those the
 * extract went to are left out, since they name the parties.
 */
export function maskParagraph(
  paragraph: { decisionText: string | null; proceedings: Proceedings | null },
  record: SecrecyOf,
): ParagraphContent {
  const proceedings = paragraph.proceedings ?? NO_PROCEEDINGS;
  const masked = (text: string | null) => (text === null ? null : MASKED_TEXT);
  return {
    heading: record.publicTitle ?? SECRET_TITLE,
    decisionText:
      paragraph.decisionText === null
        ? null
        : `Paragrafen omfattas av sekretess enligt ${record.secrecyOsl}.`,
    proceedings: {
      yrkanden: proceedings.yrkanden.map((yrkande) => ({ by: yrkande.by, text: MASKED_TEXT })),
      propositionsordning: masked(proceedings.propositionsordning),
      votering: proceedings.votering && { ...proceedings.votering, question: MASKED_TEXT },
      reservations: proceedings.reservations.map((reservation) => ({
        member: reservation.member,
        reasons: masked(reservation.reasons),
      })),
      jav: proceedings.jav,
      absent: proceedings.absent ?? [],
      notes: proceedings.notes.map((note) => ({ by: note.by, text: MASKED_TEXT })),
      expediering: [],
      val: null,
      avskrivna: [],
    },
  };
}

/** A paragraph as one reader reads it: in full, or masked when its case is secret to them. */
export function paragraphContentFor(
  paragraph: { heading: string; decisionText: string | null; proceedings: Proceedings | null },
  record: SecrecyOf | undefined,
  seesSecret: boolean,
): ParagraphContent & { masked: boolean } {
  if (record && record.secrecyOsl !== null && !seesSecret) {
    return { ...maskParagraph(paragraph, record), masked: true };
  }
  return {
    heading: paragraph.heading,
    decisionText: paragraph.decisionText,
    proceedings: { ...NO_PROCEEDINGS, ...paragraph.proceedings },
    masked: false,
  };
}

/**
 * The name (without extension) of a protocol's rendering: its content hash, and when paragraphs
 * are masked, which ones and how. A case marked secret after the protocol was rendered gives a new
 * name, so the earlier rendering (with the title now secret) is no longer the one served.
 */
export function protocolFileBase(
  protocol: { id: number; contentHash: string | null },
  paragraphs: Array<{ id: number; caseId: number | null }>,
  cases: ReadonlyMap<number, SecrecyOf>,
): string {
  const masked = paragraphs.flatMap((paragraph) => {
    const record = paragraph.caseId === null ? undefined : cases.get(paragraph.caseId);
    return record?.secrecyOsl ? [[paragraph.id, record.secrecyOsl, record.publicTitle]] : [];
  });
  const base = `protokoll-${protocol.id}-${protocol.contentHash!.slice(0, 8)}`;
  if (masked.length === 0) return base;
  return `${base}-s${createHash('sha256').update(JSON.stringify(masked)).digest('hex').slice(0, 8)}`;
}
