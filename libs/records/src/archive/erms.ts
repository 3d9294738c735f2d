/**
 * The descriptive metadata of a delivery as CITS ERMS v3 (https://DILCIS.eu/XML/ERMS), following
 * Riksarkivet's FGS Ärendehantering 2.0: each case an aggregation of type caseFile (its dnr, titles,
 * secrecy, classification, status, dates, agents, the route's steps and the decisions as actions),
 * each registered document a record of it (direction, dates, sender or recipient, type, and its
 * files as appendices). Written in three parts — head, one case at a time, tail — so that a
 * delivery of any size is streamed. Element order follows the schema's sequences.
 */

export const ERMS_NAMESPACE = 'https://DILCIS.eu/XML/ERMS';

export interface ErmsHead {
  packageId: string;
  municipalityName: string;
  createdAt: Date;
  /** The producing system, named in the control section. */
  system: string;
}

export interface ErmsFile {
  /** The path in the package, relative to the package's root. */
  path: string;
  filename: string;
  contentType: string;
}

export interface ErmsDocument {
  ordinal: number;
  direction: 'inkommande' | 'upprattad' | 'utgaende' | 'intern';
  documentDate: string;
  senderRecipient: string | null;
  senderProtected: boolean;
  description: string;
  type: string;
  secrecyOsl: string | null;
  registeredAt: Date;
  weededAt: Date | null;
  weededByRule: string | null;
  files: ErmsFile[];
}

export interface ErmsDecision {
  organName: string;
  year: number;
  number: number | null;
  heading: string;
  outcome: string;
  decisionText: string | null;
  adjustedAt: Date;
}

export interface ErmsStep {
  ordinal: number;
  organName: string;
  role: string;
  state: string;
  doneAt: Date | null;
}

export interface ErmsCase {
  id: number;
  dnr: string;
  title: string;
  publicTitle: string | null;
  classificationCode: string | null;
  classificationName: string | null;
  secrecyOsl: string | null;
  status: 'open' | 'decided' | 'closed';
  unit: string | null;
  organName: string | null;
  responsibleName: string | null;
  registeredAt: Date;
  decidedAt: Date | null;
  closedAt: Date | null;
  documents: ErmsDocument[];
  decisions: ErmsDecision[];
  steps: ErmsStep[];
}

const DOCUMENT_TYPE_TEXT: Record<string, string> = {
  tjansteskrivelse: 'Tjänsteskrivelse',
  beslutsunderlag: 'Beslutsunderlag',
  motion: 'Motion',
  protokollsutdrag: 'Protokollsutdrag',
  protokoll: 'Protokoll',
  kallelse: 'Kallelse',
  yttrande: 'Yttrande',
  skrivelse: 'Skrivelse',
  beslut: 'Beslut',
  avtal: 'Avtal',
  rapport: 'Rapport',
  ovrigt: 'Övrigt',
};

const STEP_ROLE_TEXT: Record<string, string> = {
  prepare: 'Beredning',
  propose: 'Förslag till beslut',
  decide: 'Beslut',
  inform: 'För kännedom',
};

const STEP_STATE_TEXT: Record<string, string> = {
  planned: 'planerad',
  preparing: 'under beredning',
  ready: 'redo för sammanträde',
  done: 'klar',
  withdrawn: 'återkallad',
};

const OUTCOME_TEXT: Record<string, string> = {
  decision: 'Beslut',
  election: 'Val',
  proposal: 'Förslag till beslut',
  aterremiss: 'Återremiss',
  bordlaggning: 'Bordläggning',
  information: 'Information',
  withdrawn: 'Återtaget',
  standing: 'Stående punkt',
};

const CASE_STATUS: Record<ErmsCase['status'], string> = {
  open: 'open',
  decided: 'expedited',
  closed: 'closed',
};

/** Characters XML 1.0 does not allow, even escaped (C0 controls but tab, newline, return). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text or an attribute's value, escaped. */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function element(name: string, text: string, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${xmlText(value)}"`)
    .join('');
  return `<${name}${attrs}>${xmlText(text)}</${name}>`;
}

function dateTime(value: Date): string {
  return value.toISOString();
}

/** A local date as the schema's dateTime (midnight, no zone: the day as registered). */
function day(value: string): string {
  return `${value}T00:00:00`;
}

function dates(entries: Array<[string, Date | string | null]>): string {
  const present = entries.filter((entry): entry is [string, Date | string] => entry[1] !== null);
  if (present.length === 0) return '';
  return `<dates>${present
    .map(([type, value]) =>
      element('date', typeof value === 'string' ? day(value) : dateTime(value), {
        dateType: type,
      }),
    )
    .join('')}</dates>`;
}

/** An agent of a listed type, or of a type of our own (`{ other }`: agentType "other"). */
function agent(type: string | { other: string }, name: string, extra = ''): string {
  const attributes =
    typeof type === 'string'
      ? ` agentType="${type}"`
      : ` agentType="other" otherAgentType="${xmlText(type.other)}"`;
  return `<agent${attributes}>${element('name', name)}${extra}</agent>`;
}

/** The XML declaration, the root and the control section; the aggregations follow. */
export function ermsHead(head: ErmsHead): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<erms xmlns="${ERMS_NAMESPACE}">\n`,
    '<control>',
    element('identification', head.packageId, { identificationType: 'leveransidentitet' }),
    dates([['created', head.createdAt]]),
    '<maintenanceInformation>',
    '<maintenanceStatus value="new"/>',
    `<maintenanceAgency>${element('agencyName', head.municipalityName)}</maintenanceAgency>`,
    '<maintenanceHistory><maintenanceEvent><eventType value="created"/>',
    element('eventDateTime', dateTime(head.createdAt)),
    agent('creator', head.system),
    '</maintenanceEvent></maintenanceHistory>',
    '</maintenanceInformation>',
    '</control>\n<aggregations>\n',
  ].join('');
}

export function ermsTail(): string {
  return '</aggregations>\n</erms>\n';
}

function restriction(osl: string, explanation: string): string {
  return `<restriction restrictionType="confidential">${element('explanatoryText', explanation)}${element('regulation', osl)}</restriction>`;
}

function decisionAction(decision: ErmsDecision): string {
  const paragraph = decision.number === null ? '' : ` § ${decision.number}`;
  const text = [
    `${decision.organName} ${decision.year}${paragraph}: ${decision.heading}`,
    decision.decisionText
      ? `${OUTCOME_TEXT[decision.outcome] ?? decision.outcome}: ${decision.decisionText}`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return [
    '<action>',
    element('actionText', text),
    element('actionType', OUTCOME_TEXT[decision.outcome] ?? decision.outcome),
    `<dates>${element('actionDate', dateTime(decision.adjustedAt), { dateType: 'decision' })}</dates>`,
    `<agents>${agent({ other: 'beslutande_organ' }, decision.organName)}</agents>`,
    '</action>',
  ].join('');
}

function stepAction(step: ErmsStep): string {
  return [
    '<action>',
    element(
      'actionText',
      `${step.ordinal + 1}. ${step.organName}: ${STEP_ROLE_TEXT[step.role] ?? step.role} (${STEP_STATE_TEXT[step.state] ?? step.state})`,
    ),
    element('actionType', 'Handläggningssteg'),
    step.doneAt
      ? `<dates>${element('actionDate', dateTime(step.doneAt), { dateType: 'finished' })}</dates>`
      : '',
    `<agents>${agent({ other: 'organ' }, step.organName)}</agents>`,
    '</action>',
  ].join('');
}

const DIRECTION: Record<ErmsDocument['direction'], [string, string?]> = {
  inkommande: ['incoming'],
  utgaende: ['outgoing'],
  intern: ['internal_memo_without_follow-up'],
  upprattad: ['other', 'upprättad'],
};

function documentRecord(record: ErmsCase, document: ErmsDocument): string {
  const [direction, otherDirection] = DIRECTION[document.direction];
  // Who sent an incoming document, whom an outgoing one went to, who drew up the others.
  const role =
    document.direction === 'inkommande'
      ? 'sender'
      : document.direction === 'utgaende'
        ? 'recipient'
        : 'creator';
  const counterpart = document.senderRecipient
    ? agent(
        role,
        document.senderRecipient,
        document.senderProtected ? '<protectedIdentity>true</protectedIdentity>' : '',
      )
    : '';
  const disposal = document.weededAt
    ? [
        '<disposal disposable="true">',
        element('disposalAction', 'Gallrad'),
        element('disposalMandate', document.weededByRule ?? ''),
        `<dates>${element('disposalDate', dateTime(document.weededAt), { dateType: 'disposal_date' })}</dates>`,
        '</disposal>',
      ].join('')
    : '';
  return [
    `<record systemIdentifier="document-${record.id}-${document.ordinal}" recordType="${xmlText(DOCUMENT_TYPE_TEXT[document.type] ?? document.type)}" recordPhysicalOrDigital="digital">`,
    element('objectId', `${record.dnr}-${document.ordinal}`),
    element('title', document.description),
    element('runningNumber', String(document.ordinal)),
    document.secrecyOsl ? restriction(document.secrecyOsl, 'Sekretessmarkerad handling') : '',
    disposal,
    `<direction directionDefinition="${direction}"${otherDirection ? ` otherDirectionDefinition="${otherDirection}"` : ''}/>`,
    counterpart ? `<agents>${counterpart}</agents>` : '',
    dates([
      [document.direction === 'inkommande' ? 'received' : 'created', document.documentDate],
      ['captured', document.registeredAt],
    ]),
    document.files.length
      ? `<additionalInformation>${document.files
          .map(
            (file) =>
              `<appendix name="${xmlText(file.filename)}" path="${xmlText(file.path)}" fileFormat="${xmlText(file.contentType)}"/>`,
          )
          .join('')}</additionalInformation>`
      : '',
    '</record>',
  ].join('');
}

/** One case as an aggregation of type caseFile, with its documents as records. */
export function ermsCase(record: ErmsCase): string {
  const agents = [
    record.organName ? agent({ other: 'ansvarig_namnd' }, record.organName) : '',
    record.responsibleName
      ? agent(
          'responsible_person',
          record.responsibleName,
          record.unit ? element('unitName', record.unit) : '',
        )
      : '',
  ].join('');
  return [
    `<aggregation systemIdentifier="case-${record.id}" aggregationType="caseFile">`,
    element('objectId', record.dnr),
    element('extraId', record.dnr, { extraIdType: 'diarienummer' }),
    record.classificationCode
      ? element('classification', record.classificationName ?? record.classificationCode, {
          classificationCode: record.classificationCode,
        })
      : '',
    element('title', record.title),
    record.publicTitle
      ? element('otherTitle', record.publicTitle, { titleType: 'offentlig_titel' })
      : '',
    `<status value="${CASE_STATUS[record.status]}"/>`,
    record.secrecyOsl ? restriction(record.secrecyOsl, 'Sekretessmarkerat ärende') : '',
    agents ? `<agents>${agents}</agents>` : '',
    dates([
      ['created', record.registeredAt],
      ['decision', record.decidedAt],
      ['closed', record.closedAt],
    ]),
    ...record.steps.map(stepAction),
    ...record.decisions.map(decisionAction),
    ...record.documents.map((document) => documentRecord(record, document)),
    '</aggregation>\n',
  ].join('');
}
