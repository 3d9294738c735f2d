import {
  MASKED_TEXT,
  maskParagraph,
  paragraphContentFor,
  protocolFileBase,
} from './paragraph-secrecy';
import { NO_PROCEEDINGS } from './proceedings';

describe(maskParagraph.name, () => {
  const secret = { secrecyOsl: 'OSL 26 kap. 1 §', publicTitle: 'Ansökan (sekretess)' };
  const paragraph = {
    heading: 'Ansökan från Hemliga Hansson',
    decisionText: 'Hemliga Hansson beviljas stöd.',
    proceedings: {
      ...NO_PROCEEDINGS,
      yrkanden: [{ by: 'Anna (V)', text: 'avslag för Hansson' }],
      propositionsordning: 'Hansson först',
      votering: {
        question: 'Ja för Hansson',
        ballots: [{ member: 'Anna', vote: 'nej' as const }],
        ja: 0,
        nej: 1,
        avstar: 0,
        result: 'nej' as const,
        castingVote: false,
      },
      reservations: [{ member: 'Anna', reasons: 'Hansson bör inte få stöd' }],
      jav: ['Per'],
      notes: [{ by: 'Per', text: 'Hansson hördes' }],
      expediering: [{ name: 'Hemliga Hansson', email: 'h@example.se' }],
    },
  };

  it('keeps who proposed, voted, reserved and had jäv, and masks every text', () => {
    const masked = maskParagraph(paragraph, secret);
    expect(JSON.stringify(masked)).not.toContain('Hansson');
    expect(masked.heading).toBe('Ansökan (sekretess)');
    expect(masked.decisionText).toBe('Paragrafen omfattas av sekretess enligt OSL 26 kap. 1 §.');
    expect(masked.proceedings.votering).toMatchObject({ question: MASKED_TEXT, nej: 1 });
    expect(masked.proceedings.reservations).toEqual([{ member: 'Anna', reasons: MASKED_TEXT }]);
    expect(masked.proceedings.jav).toEqual(['Per']);
    expect(masked.proceedings.expediering).toEqual([]);
  });

  it('masks for a reader who may not see the case only', () => {
    expect(paragraphContentFor(paragraph, secret, true).heading).toBe(paragraph.heading);
    expect(paragraphContentFor(paragraph, secret, false).masked).toBe(true);
    const open = { secrecyOsl: null, publicTitle: null };
    expect(paragraphContentFor(paragraph, open, false).decisionText).toBe(paragraph.decisionText);
  });
});

describe(protocolFileBase.name, () => {
  it('names a rendering anew when a paragraph is masked, and the same while nothing changes', () => {
    const protocol = { id: 7, contentHash: 'ab'.repeat(32) };
    const paragraphs = [{ id: 1, caseId: 3 }];
    const open = new Map([[3, { secrecyOsl: null, publicTitle: null }]]);
    const secret = new Map([[3, { secrecyOsl: 'OSL 26 kap. 1 §', publicTitle: 'Ansökan' }]]);
    expect(protocolFileBase(protocol, paragraphs, open)).toBe('protokoll-7-abababab');
    expect(protocolFileBase(protocol, paragraphs, secret)).toMatch(
      /^protokoll-7-abababab-s[0-9a-f]{8}$/,
    );
    expect(protocolFileBase(protocol, paragraphs, secret)).toBe(
      protocolFileBase(protocol, paragraphs, new Map(secret)),
    );
  });
});
