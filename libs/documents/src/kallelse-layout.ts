import { DocumentModel, DocumentSection } from './document-model';

/** What a kallelse says (the meetings context's frozen kallelse, in its own words). */
export interface KallelseLayoutContent {
  municipality: string;
  organ: { name: string };
  versionNo: number;
  dateText: string;
  timeText: string;
  place: string;
  secretaryName: string | null;
  items: Array<{
    no: number;
    title: string;
    dnr: string | null;
    proposalText: string | null;
    closedOsl: string | null;
    entries?: string[];
    decisionText?: string;
  }>;
}

/**
 * The kallelse (or tilläggskallelse): "Kommunstyrelsen kallas härmed till sammanträde …", the
 * numbered items with dnr and class code, and the secretary's name. The public version leaves out
 * the items closed to the public.
 */
export function kallelseDocument(
  content: KallelseLayoutContent,
  audience: 'members' | 'public',
): DocumentModel {
  const kind = content.versionNo > 1 ? 'TILLÄGGSKALLELSE' : 'KALLELSE';
  const items = content.items.filter((item) => audience === 'members' || item.closedOsl === null);
  const sections: DocumentSection[] = [
    {
      paragraphs: [
        `${content.organ.name} kallas härmed till sammanträde ${content.dateText} i ${content.place} ${content.timeText} för att behandla följande ärenden:`,
      ],
    },
    ...items.map((item): DocumentSection => {
      const paragraphs = [
        ...(item.dnr ? [`Dnr ${item.dnr}`] : []),
        ...(item.closedOsl ? [`Ej offentligt: ${item.closedOsl}`] : []),
        ...(item.proposalText ? [`Förslag till beslut: ${item.proposalText}`] : []),
        ...(item.decisionText ? [`Förslag till beslut: ${item.decisionText}`] : []),
      ];
      return { heading: `${item.no}. ${item.title}`, paragraphs, items: item.entries };
    }),
  ];
  return {
    title: `${kind[0]}${kind.slice(1).toLowerCase()} ${content.organ.name} ${content.dateText}`,
    letterhead: {
      municipality: content.municipality,
      kind,
      lines: [
        content.organ.name,
        `Sammanträde ${content.dateText} ${content.timeText}`,
        ...(content.versionNo > 1 ? [`Version ${content.versionNo}`] : []),
        ...(audience === 'public' ? ['Offentlig version'] : []),
      ],
    },
    heading: `${kind === 'KALLELSE' ? 'Kallelse' : 'Tilläggskallelse'} till sammanträde`,
    sections,
    closing: content.secretaryName ? [content.secretaryName, 'Nämndsekreterare'] : undefined,
    footer: content.organ.name,
  };
}
