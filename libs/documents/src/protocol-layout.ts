import { DocumentModel } from './document-model';

export interface ProtocolContent {
  municipality: string;
  organ: string;
  dateText: string;
  timeText: string;
  place: string;
  chair: string;
  secretary: string | null;
  adjusters: string[];
  /** The attendance lines (beslutande, tjänstgörande ersättare, övriga närvarande). */
  attendance: string[];
  /** "Kommunkansliet, onsdagen den 13 december 2023 kl. 13:00". */
  justering: string | null;
  paragraphs: Array<{
    number: number;
    heading: string;
    dnr: string | null;
    decisionText: string | null;
    /** Yrkanden, votes, reservations, jäv, notes, expediering, as lines. */
    proceedings: string[];
    immediate: boolean;
  }>;
}

/** "§§ 101–109", "§ 12": the paragraphs of a protocol as Swedish protocols print them. */
export function paragraphRange(numbers: number[]): string {
  if (numbers.length === 0) return '';
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  return first === last ? `§ ${first}` : `§§ ${first}–${last}`;
}

/**
 * The protocol: the standard heading (place and time, chair, secretary, justerare, paragraphs),
 * a section per paragraph, the signature lines, and "Justerandes sign" / "Utdragsbestyrkande" on
 * every page.
 */
export function protocolDocument(content: ProtocolContent): DocumentModel {
  const numbers = content.paragraphs.map((paragraph) => paragraph.number);
  return {
    title: `Protokoll ${content.organ} ${content.dateText}`,
    letterhead: {
      municipality: content.municipality,
      kind: 'SAMMANTRÄDESPROTOKOLL',
      lines: [
        content.organ,
        `Sammanträdesdatum: ${content.dateText}`,
        `Paragrafer: ${paragraphRange(numbers)}`,
      ],
    },
    heading: content.organ,
    sections: [
      {
        paragraphs: [
          `Plats och tid: ${content.place}, ${content.dateText} ${content.timeText}`,
          `Ordförande: ${content.chair}`,
          `Sekreterare: ${content.secretary ?? '—'}`,
          `Justerare: ${content.adjusters.join(', ')}`,
          ...(content.justering ? [`Justeringens plats och tid: ${content.justering}`] : []),
          ...content.attendance,
        ],
      },
      ...content.paragraphs.map((paragraph) => ({
        heading: `§ ${paragraph.number} ${paragraph.heading}`,
        paragraphs: [
          ...(paragraph.dnr ? [`Dnr ${paragraph.dnr}`] : []),
          ...(paragraph.decisionText ? [paragraph.decisionText] : []),
          ...paragraph.proceedings,
          ...(paragraph.immediate ? ['Paragrafen förklaras omedelbart justerad.'] : []),
        ],
      })),
    ],
    closing: [
      `Underskrifter (${paragraphRange(numbers)})`,
      '',
      `Ordförande: ____________________  ${content.chair}`,
      ...content.adjusters.map((name) => `Justerare: ____________________  ${name}`),
      `Sekreterare: ____________________  ${content.secretary ?? ''}`,
    ],
    footer: 'Justerandes sign    Utdragsbestyrkande',
  };
}
