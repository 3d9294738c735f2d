import { DocumentModel } from './document-model';

export interface TjansteskrivelseContent {
  municipality: string;
  unit: string | null;
  dnr: string;
  documentDate: string;
  versionNo: number;
  title: string;
  addressedTo: string;
  authorName: string;
  authorTitle: string;
  summary: string | null;
  description: string | null;
  /** The förslag till beslut as the organ's decision text ("Kommunstyrelsen beslutar att …"). */
  proposal: string;
  basis: string[];
  genderAnalysis: string | null;
  followUpClause: string | null;
}

const paragraphsOf = (text: string | null) =>
  (text ?? '')
    .split(/\n\s*\n/u)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

/** A tjänsteskrivelse in the usual municipal layout, signed "I tjänsten" with name and title. */
export function tjansteskrivelseDocument(content: TjansteskrivelseContent): DocumentModel {
  const sections: DocumentModel['sections'] = [
    { heading: 'Förslag till beslut', paragraphs: content.proposal.split(/\n\s*\n/u) },
  ];
  if (content.summary)
    sections.push({ heading: 'Sammanfattning', paragraphs: paragraphsOf(content.summary) });
  if (content.description)
    sections.push({ heading: 'Beskrivning', paragraphs: paragraphsOf(content.description) });
  if (content.genderAnalysis) {
    sections.push({
      heading: 'Jämställdhetsanalys',
      paragraphs: paragraphsOf(content.genderAnalysis),
    });
  }
  if (content.followUpClause)
    sections.push({ heading: 'Uppföljning', paragraphs: [content.followUpClause] });
  if (content.basis.length > 0) sections.push({ heading: 'Beslutsunderlag', items: content.basis });
  return {
    title: `Tjänsteskrivelse ${content.dnr}: ${content.title}`,
    letterhead: {
      municipality: content.municipality,
      unit: content.unit,
      kind: 'TJÄNSTESKRIVELSE',
      lines: [
        `Datum: ${content.documentDate}`,
        `Dnr: ${content.dnr}`,
        ...(content.versionNo > 1 ? [`Version: ${content.versionNo}`] : []),
        `Till: ${content.addressedTo}`,
      ],
    },
    heading: content.title,
    sections,
    closing: ['I tjänsten', '', content.authorName, content.authorTitle],
    footer: `Dnr ${content.dnr}`,
  };
}
