import { DocumentModel } from './document-model';

export interface RequestDecisionContent {
  municipality: string;
  /** Local date of the decision, YYYY-MM-DD. */
  decidedOn: string;
  requestNumber: number;
  /** Null when the requester did not say (no one has to: TF 2 kap. 18 §). */
  requester: string | null;
  /** Local date the request came in. */
  receivedOn: string;
  requestText: string;
  /** The documents refused or released with redactions, as the requester may read of them. */
  items: Array<{
    document: string;
    decision: 'refuse' | 'release-redacted';
    oslProvision: string;
    reasons: string | null;
  }>;
  decidedBy: string;
}

/**
 * The decision on a request for allmänna handlingar, where any document is refused or released
 * with redactions: what was asked for, each refusal with the provision of offentlighets- och
 * sekretesslagen it rests on, and how to appeal (OSL 6 kap. 7–8 §§, förvaltningslagen 44 §).
 * Documents are named by dnr, number and date only: a secret document's description may itself be
 * secret.
 */
export function requestDecisionDocument(content: RequestDecisionContent): DocumentModel {
  const refused = content.items.filter((item) => item.decision === 'refuse');
  const redacted = content.items.filter((item) => item.decision === 'release-redacted');
  const line = (item: RequestDecisionContent['items'][number]) =>
    `${item.document}: ${item.oslProvision}${item.reasons ? `. ${item.reasons}` : ''}`;
  return {
    title: `Beslut om utlämnande av allmän handling, begäran ${content.requestNumber}`,
    letterhead: {
      municipality: content.municipality,
      kind: 'BESLUT',
      lines: [`Datum: ${content.decidedOn}`, `Begäran nr ${content.requestNumber}`],
    },
    heading: 'Beslut om utlämnande av allmän handling',
    sections: [
      {
        heading: 'Begäran',
        paragraphs: [
          `${content.requester ?? 'En enskild som inte uppgett sitt namn'} begärde ${content.receivedOn} att få ta del av: ${content.requestText}`,
        ],
      },
      ...(refused.length
        ? [
            {
              heading: 'Beslut: avslag',
              paragraphs: [
                `${content.municipality} avslår begäran om att få ta del av följande handlingar, som omfattas av sekretess enligt offentlighets- och sekretesslagen (2009:400):`,
              ],
              items: refused.map(line),
            },
          ]
        : []),
      ...(redacted.length
        ? [
            {
              heading: 'Beslut: utlämnande med maskeringar',
              paragraphs: [
                'Följande handlingar lämnas ut, men med de uppgifter maskerade som omfattas av sekretess enligt offentlighets- och sekretesslagen (2009:400):',
              ],
              items: redacted.map(line),
            },
          ]
        : []),
      {
        heading: 'Hur man överklagar',
        paragraphs: [
          'Du kan överklaga beslutet hos kammarrätten (6 kap. 7 och 8 §§ offentlighets- och sekretesslagen). Skriv till kammarrätten, men skicka eller lämna skrivelsen till ' +
            `${content.municipality}. Överklagandet ska ha kommit in inom tre veckor från den dag du fick del av beslutet.`,
          'Ange vilket beslut du överklagar (begärans nummer och beslutets datum), hur du vill att beslutet ska ändras och varför. Underteckna skrivelsen och ange ditt namn, din adress och ditt telefonnummer.',
        ],
      },
    ],
    closing: [content.decidedBy],
    footer: `${content.municipality} · Beslut om utlämnande, begäran ${content.requestNumber}`,
  };
}
