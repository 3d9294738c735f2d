import { DocumentModel } from './document-model';

export interface ExtractContent {
  municipality: string;
  organ: string;
  /** "måndagen den 27 november 2023" */
  meetingDateText: string;
  number: number;
  heading: string;
  dnr: string | null;
  decisionText: string | null;
  /** What happened under the paragraph, as the protocol prints it. */
  proceedings: string[];
  immediate: boolean;
  adjustedOn: string;
}

/**
 * A protocol extract (protokollsutdrag): one paragraph, certified, with the lines for the
 * justerare's initials and the certification (Utdragsbestyrkande) on every page.
 */
export function extractDocument(content: ExtractContent): DocumentModel {
  return {
    title: `Protokollsutdrag ${content.organ} § ${content.number}`,
    letterhead: {
      municipality: content.municipality,
      kind: 'PROTOKOLLSUTDRAG',
      lines: [
        content.organ,
        `Sammanträdesdatum: ${content.meetingDateText}`,
        `Justerat: ${content.adjustedOn}`,
      ],
    },
    heading: `§ ${content.number} ${content.heading}`,
    sections: [
      ...(content.dnr ? [{ paragraphs: [`Dnr ${content.dnr}`] }] : []),
      { heading: 'Beslut', paragraphs: [content.decisionText ?? '—'] },
      ...(content.proceedings.length ? [{ paragraphs: content.proceedings }] : []),
      ...(content.immediate
        ? [{ paragraphs: ['Paragrafen förklarades omedelbart justerad.'] }]
        : []),
    ],
    closing: [
      'Justerandes sign: ____________________',
      '',
      'Utdragsbestyrkande: ____________________',
    ],
    footer: 'Justerandes sign    Utdragsbestyrkande',
  };
}
