import { ermsSchemaErrors, ermsSchematronFailures } from '../../../../test/support/sip';
import { ermsCase, ermsHead, ermsTail, type ErmsCase } from './erms';

const at = (iso: string) => new Date(iso);

/** A case with every part ERMS describes: secrecy, a protected sender, a gallring, steps, decisions. */
const CASE: ErmsCase = {
  id: 7,
  dnr: '2021-00079',
  title: 'Stöd till familjen <Andersson> & barnen',
  publicTitle: 'Ärende om en enskild',
  classificationCode: '3.2',
  classificationName: 'Individ- och familjeomsorg',
  secrecyOsl: 'OSL 26 kap. 1 §',
  status: 'closed',
  unit: 'Socialtjänsten',
  organName: 'Kommunstyrelsen',
  responsibleName: 'Maria Berg',
  registeredAt: at('2021-02-01T09:00:00Z'),
  decidedAt: at('2021-05-01T09:00:00Z'),
  closedAt: at('2021-06-01T09:00:00Z'),
  documents: [
    {
      ordinal: 1,
      direction: 'inkommande',
      documentDate: '2021-02-01',
      senderRecipient: 'En enskild',
      senderProtected: true,
      description: 'Ansökan',
      type: 'skrivelse',
      secrecyOsl: 'OSL 26 kap. 1 §',
      registeredAt: at('2021-02-01T09:05:00Z'),
      weededAt: null,
      weededByRule: null,
      files: [
        {
          path: 'representations/rep1/data/2021-00079/1-3-ansokan.pdf',
          filename: 'ansökan.pdf',
          contentType: 'application/pdf',
        },
      ],
    },
    {
      ordinal: 2,
      direction: 'upprattad',
      documentDate: '2021-04-01',
      senderRecipient: 'Maria Berg, handläggare',
      senderProtected: false,
      description: 'Gallrad handling',
      type: 'ovrigt',
      secrecyOsl: null,
      registeredAt: at('2021-04-01T09:05:00Z'),
      weededAt: at('2024-01-02T02:30:00Z'),
      weededByRule: '3.2 Underlag: Gallras 2 år efter ärendets avslut (KS 2020-11-30 § 210)',
      files: [],
    },
  ],
  decisions: [
    {
      organName: 'Kommunstyrelsen',
      year: 2021,
      number: 45,
      heading: 'Stöd till familjen',
      outcome: 'decision',
      decisionText: 'Kommunstyrelsen beviljar stödet.',
      adjustedAt: at('2021-05-03T12:00:00Z'),
    },
  ],
  steps: [
    {
      ordinal: 0,
      organName: 'Kommunstyrelsen',
      role: 'decide',
      state: 'done',
      doneAt: at('2021-05-03T12:00:00Z'),
    },
  ],
};

describe('ERMS (CITS ERMS v3)', () => {
  const xml = Buffer.from(
    ermsHead({
      packageId: 'nf-kalix-20261206-00000000',
      municipalityName: 'Kalix kommun',
      createdAt: at('2026-12-06T10:00:00Z'),
      system: 'Nämndflöde 0.1.0',
    }) +
      ermsCase(CASE) +
      ermsTail(),
  );

  it('describes a case with secrecy, a protected sender, a gallring, steps and decisions, valid by the XSD and the Schematron', () => {
    expect(ermsSchemaErrors(xml)).toBe('');
    expect(ermsSchematronFailures(xml)).toEqual([]);
  });

  it('says what the archive needs to know, escaped', () => {
    const text = xml.toString('utf8');
    expect(text).toContain('<title>Stöd till familjen &lt;Andersson&gt; &amp; barnen</title>');
    expect(text).toContain(
      '<agent agentType="sender"><name>En enskild</name><protectedIdentity>true</protectedIdentity></agent>',
    );
    expect(text).toContain(
      '<agent agentType="creator"><name>Maria Berg, handläggare</name></agent>',
    );
    expect(text).toMatch(
      /<disposal disposable="true"><disposalAction>Gallrad<\/disposalAction><disposalMandate>3\.2 Underlag/,
    );
    expect(text).toContain('<actionText>1. Kommunstyrelsen: Beslut (klar)</actionText>');
    expect(text).toContain(
      'Kommunstyrelsen 2021 § 45: Stöd till familjen\nBeslut: Kommunstyrelsen beviljar stödet.',
    );
    expect(text).toContain(
      '<appendix name="ansökan.pdf" path="representations/rep1/data/2021-00079/1-3-ansokan.pdf" fileFormat="application/pdf"/>',
    );
  });

  it('is refused by the schema when an element is out of its order (the validator can fail)', () => {
    const broken = Buffer.from(
      xml
        .toString('utf8')
        .replace('<status value="closed"/>', '')
        .replace('<title>Stöd', '<status value="closed"/><title>Stöd'),
    );
    expect(ermsSchemaErrors(broken)).toMatch(/Element '{https:\/\/DILCIS.eu\/XML\/ERMS}title': This element is not expected/);
  });
});
