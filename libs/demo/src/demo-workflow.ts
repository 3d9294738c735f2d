import { Injectable } from '@nestjs/common';
import { Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { AttachMotion, HistoricalEvent, ImportRoute, ImportTjansteskrivelse } from '@nf/workflow';
import { KalixFixture } from './demo-fixture';

export interface KsapuParagraph {
  paragraph: number;
  dnr: string;
  outcome: 'proposal-to-KS' | 'proposal-to-KS-for-KF';
  decision: string;
  motion?: {
    submittedAt: string;
    authors: Array<{ name: string; party: string }>;
    remittedByKf: { date: string; paragraph: number };
  };
}

interface Writing {
  dnr: string;
  title: string;
  author: string;
  authorTitle: string;
  date?: string;
  proposal?: string;
  followUp?: string;
}

/**
 * The förslag till beslut KSAPU had before it, read back from KSAPU's proposal: "… föreslår, att
 * kommunstyrelsen beslutar X" → "Kommunstyrelsen beslutar X". The fixture has the proposals, not
 * the tjänsteskrivelser's own wording.
 */
export function proposalBeforeKsapu(decision: string): string {
  const rest = decision.replace(/^.*?(föreslår|rekommenderar)[^,]*,\s*att\s+/u, '');
  const text = /^(kommunstyrelsen|kommunfullmäktige)\b/iu.test(rest)
    ? rest
    : `kommunstyrelsen beslutar att ${rest}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Kommunstyrelsen beslutar att X." → "X": the att-sats of a one-clause proposal. */
function clauseOf(proposal: string): string {
  return proposal.replace(/^Kommunstyrelsen beslutar\s+(att\s+)?/u, '').replace(/\.$/u, '');
}

/**
 * The workflow part of the demo: the cases of KSAPU's §§ 101–109 submitted and ready for KSAPU
 * (the motion 2023-00439 remitted by KF first), and the KS-direct cases ready for KS with the
 * tjänsteskrivelser the fixture quotes.
 */
@Injectable()
export class DemoWorkflow {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly importRoute: ImportRoute,
    private readonly attachMotion: AttachMotion,
    private readonly importTjansteskrivelse: ImportTjansteskrivelse,
  ) {}

  async seed(
    tenant: Tenant,
    fixture: KalixFixture,
    caseIds: Map<string, number>,
    organs: Map<string, number>,
  ): Promise<void> {
    const paragraphs = (fixture.ksapuParagraphs as { items: KsapuParagraph[] }).items;
    const timeline = fixture.processTimeline as {
      dnr: string;
      steps: Array<{ date: string; step: string }>;
    };
    const beredning = new Map(
      timeline.steps
        .filter((step) => step.step === 'KS-beredning')
        .map((step) => [timeline.dnr, step.date]),
    );
    for (const paragraph of paragraphs) {
      const caseId = caseIds.get(paragraph.dnr)!;
      // Submitted and ready for KSAPU: the demo's KSAPU protocol (DemoProtocols) moves them on.
      const history: HistoricalEvent[] = [
        { kind: 'submitted', text: proposalBeforeKsapu(paragraph.decision) },
      ];
      await this.transactions.run(async (tx) => {
        if (paragraph.motion) {
          const { remittedByKf } = paragraph.motion;
          await this.attachMotion.execute(tx, tenant, caseId, {
            submittedOn: paragraph.motion.submittedAt,
            authors: paragraph.motion.authors,
            remitted: { on: remittedByKf.date, paragraph: remittedByKf.paragraph },
          });
          history.unshift({
            kind: 'remit',
            meetingDate: remittedByKf.date,
            paragraph: remittedByKf.paragraph,
          });
        }
        const prepared = beredning.get(paragraph.dnr);
        if (prepared) {
          // The seed's process timeline: "2023-11-08 KS-beredning" before KSAPU.
          history.push({ kind: 'proposal', text: history[0].text, meetingDate: prepared });
        }
        const template = paragraph.motion
          ? 'motion'
          : paragraph.outcome === 'proposal-to-KS-for-KF'
            ? 'kf-arende'
            : prepared
              ? 'ks-arende-med-beredning'
              : 'ks-arende';
        await this.importRoute.execute(tenant, caseId, template, history, tx);
      });
    }

    // The cases that go straight to KS, with the tjänsteskrivelser the fixture quotes.
    const ks = organs.get('KS')!;
    const writings = fixture.tjansteskrivelser as Writing[];
    for (const writing of writings.filter((candidate) => candidate.proposal)) {
      const caseId = caseIds.get(writing.dnr)!;
      await this.transactions.run(async (tx) => {
        const date = writing.date ?? `${writing.dnr.slice(0, 4)}-11-01`;
        await this.importTjansteskrivelse.execute(tx, tenant, caseId, {
          title: writing.title,
          documentDate: date,
          authorName: writing.author,
          authorTitle: writing.authorTitle,
          addressedOrganId: ks,
          proposalClauses: [clauseOf(writing.proposal!)],
          followUpClause: writing.followUp ?? null,
        });
        await this.importRoute.execute(tenant, caseId, 'ks-direkt', [], tx);
      });
    }
    // Item 6, an election: the fixture has no proposal for it, so none is invented — the case
    // goes to KS with the fixture's own words (its title), and the meeting records the election.
    const electionItem = (fixture.meeting.agenda as Array<{ dnr?: string; title: string }>).find(
      (item) => item.dnr === '2023-00463',
    );
    const election = caseIds.get('2023-00463');
    if (election && electionItem) {
      await this.importRoute.execute(tenant, election, 'ks-direkt', [
        { kind: 'submitted', text: electionItem.title },
      ]);
    }
  }
}
