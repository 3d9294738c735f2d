import { DocumentModel, DocumentSection } from './document-model';

/** What a kallelse says (the meetings context's frozen kallelse, in its own words). */
export interface KallelseLayoutContent {
  municipality: string;
  organ: { name: string; kind?: string };
  versionNo: number;
  dateText: string;
  timeText: string;
  place: string;
  /** Whether the meeting itself is open to the public; absent in a kallelse published before. */
  openToPublic?: boolean;
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

const isKf = (content: KallelseLayoutContent) => content.organ.kind === 'fullmäktige';

/**
 * Whether the meeting itself is open, in the law's two cases: KF's meetings are public (KL 5 kap.
 * 38 §); a nämnd's are not, unless it decided they are (KL 6 kap. 25 §).
 */
function openness(content: KallelseLayoutContent): string[] {
  if (content.openToPublic === undefined) return [];
  if (isKf(content)) return ['Sammanträdet är offentligt (5 kap. 38 § kommunallagen).'];
  return [
    content.openToPublic
      ? 'Nämnden har beslutat att sammanträdet är offentligt (6 kap. 25 § kommunallagen).'
      : 'Sammanträdet är inte offentligt (6 kap. 25 § kommunallagen).',
  ];
}

/** An item kept out of the public kallelse and protocol; at KF also behind closed doors. */
function keptOut(content: KallelseLayoutContent, osl: string): string {
  return isKf(content)
    ? `Behandlas inom stängda dörrar och återges inte i den offentliga versionen (${osl}; 5 kap. 40 § kommunallagen).`
    : `Återges inte i den offentliga versionen (${osl}).`;
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
        ...openness(content),
      ],
    },
    ...items.map((item): DocumentSection => {
      const paragraphs = [
        ...(item.dnr ? [`Dnr ${item.dnr}`] : []),
        ...(item.closedOsl ? [keptOut(content, item.closedOsl)] : []),
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
