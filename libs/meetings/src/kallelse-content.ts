import { formatSwedishLongDate, formatSwedishTime, localDate } from '@nf/common';
import { type Case, titleFor, withClassification } from '@nf/registry';
import type { Motion } from '@nf/workflow';
import type {
  AgendaItem,
  DelegationDecision,
  Meeting,
  Notice,
  KallelseContent,
  KallelseItem,
} from './meeting.entities';

/** What a kallelse is made of, as read under the meeting's lock. */
export interface KallelseSources {
  municipality: { name: string; timeZone: string; classificationCodeAppended: boolean };
  organ: { code: string; name: string; kind: KallelseContent['organ']['kind'] };
  meeting: Pick<
    Meeting,
    'startsAt' | 'place' | 'secretaryName' | 'kallelseVersion' | 'openToPublic'
  >;
  items: AgendaItem[];
  /** The cases of the items, by id. */
  cases: ReadonlyMap<number, Case>;
  notices: Notice[];
  decisions: DelegationDecision[];
  /** The motions a motion report lists (their cases are in `cases`), and where each is prepared. */
  motions?: Array<{ motion: Motion; at: string | null }>;
}

/**
 * The kallelse as it is published and rendered: its Swedish text, frozen. A kallelse is sent and
 * published, so a secret case is named by its public title and its proposal is left out; the
 * Meddelanden item lists the notices, and the delegation report the decisions, with the decision
 * the organ is asked to take. Pure: the publishing use case reads, this composes.
 */
export function kallelseContent(sources: KallelseSources): KallelseContent {
  const { municipality, organ, meeting, cases, notices, decisions } = sources;
  return {
    municipality: municipality.name,
    organ: { code: organ.code, name: organ.name, kind: organ.kind },
    versionNo: meeting.kallelseVersion + 1,
    dateText: formatSwedishLongDate(localDate(meeting.startsAt, municipality.timeZone)),
    timeText: formatSwedishTime(meeting.startsAt, municipality.timeZone),
    place: meeting.place,
    openToPublic: meeting.openToPublic,
    secretaryName: meeting.secretaryName,
    items: sources.items.map((item): KallelseItem => {
      const record = item.caseId === null ? undefined : cases.get(item.caseId);
      const base: KallelseItem = {
        no: item.ordinal,
        kind: item.kind,
        caseId: item.caseId,
        title:
          record && item.kind === 'case'
            ? titleFor({ ...record, title: item.title }, false)
            : item.title,
        dnr: record
          ? withClassification(
              record.dnr,
              record.classificationCode,
              municipality.classificationCodeAppended,
            )
          : null,
        classificationCode: record?.classificationCode ?? null,
        proposalText: record?.secrecyOsl ? null : item.proposalText,
        closedOsl: item.closedOsl,
      };
      if (item.kind === 'notices') {
        return {
          ...base,
          entries: notices.map(
            (notice, index) =>
              `${index + 1}. ${notice.dnr ? `Dnr ${notice.dnr}, ` : ''}${notice.sender}, ${notice.receivedOn}${remissMark(notice)}: ${notice.text}`,
          ),
          ...(notices.length > 0
            ? {
                decisionText: `${organ.name} har tagit del av meddelandena och beslutar lägga dem till handlingarna.`,
              }
            : {}),
        };
      }
      if (item.kind === 'delegation-report') {
        return {
          ...base,
          entries: decisions.map((decision, index) => {
            const who = [decision.delegate, decision.delegateTitle].filter(Boolean).join(', ');
            const point = decision.pointCode
              ? `punkt ${decision.pointCode}`
              : (decision.pointText ?? null);
            const particulars = [
              decision.dnr ? `Dnr ${decision.dnr}` : null,
              decision.decidedOn,
              point,
            ]
              .filter(Boolean)
              .join(', ');
            const marks = [
              decision.urgent ? ' [brådskande]' : '',
              decision.outsideOrder ? ' [utanför delegationsordningen]' : '',
            ].join('');
            return `${index + 1}. ${who}${particulars ? ` (${particulars})` : ''}${marks}: ${decision.summary}`;
          }),
          decisionText:
            decisions.length === 0
              ? `${organ.name} beslutar notera att inga delegationsbeslut har redovisats.`
              : `${organ.name} beslutar godkänna redovisningen av delegationsbeslut punkterna ${decisions.length === 1 ? '1' : `1–${decisions.length}`}.`,
        };
      }
      if (item.kind === 'motion-report') {
        const listed = (sources.motions ?? []).filter(({ motion }) => cases.has(motion.caseId));
        return {
          ...base,
          motionCaseIds: listed.map(({ motion }) => motion.caseId),
          entries: listed.map(({ motion, at }, index) => {
            const record = cases.get(motion.caseId)!;
            const dnr = withClassification(
              record.dnr,
              record.classificationCode,
              municipality.classificationCodeAppended,
            );
            const authors = motion.authors
              .map((author) => (author.party ? `${author.name} (${author.party})` : author.name))
              .join(', ');
            return (
              `${index + 1}. Dnr ${dnr}, ${titleFor(record, false)}. Väckt ${motion.submittedOn}` +
              `${authors ? ` av ${authors}` : ''}; ska avgöras senast ${motion.deadlineOn}.` +
              `${at ? ` Motionen bereds av ${lowerFirst(at)}.` : ''}`
            );
          }),
          decisionText:
            listed.length === 0
              ? `${organ.name} beslutar notera att det inte finns några motioner att redovisa.`
              : `${organ.name} beslutar lägga redovisningen av motioner som inte har avgjorts inom ett år till handlingarna.`,
        };
      }
      return base;
    }),
  };
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** " [remiss, svar senast 2023-12-15]", " [remiss, avstår]": how a remiss stands, in its entry. */
function remissMark(notice: Notice): string {
  if (notice.kind !== 'remiss') return '';
  const parts = [
    'remiss',
    notice.answerBy ? `svar senast ${notice.answerBy}` : null,
    notice.remissStatus === 'declined'
      ? 'avstår'
      : notice.remissStatus === 'answered'
        ? 'besvarad'
        : null,
  ];
  return ` [${parts.filter(Boolean).join(', ')}]`;
}

/** KF's meeting must be announced a week ahead (5 kap. 12 § kommunallagen): the warning if not. */
export function kallelseWarnings(organKind: string, meetingDay: string, today: string): string[] {
  const daysLeft = (Date.parse(meetingDay) - Date.parse(today)) / 86_400_000;
  return organKind === 'fullmäktige' && daysLeft < 7
    ? [
        `Kungörelsen publiceras ${daysLeft} dagar före sammanträdet; kommunallagen (5 kap. 12 §) kräver minst en vecka.`,
      ]
    : [];
}
