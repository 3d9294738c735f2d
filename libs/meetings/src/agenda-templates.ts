import { Injectable } from '@nestjs/common';
import { AppConfig, readJsonDirectory } from '@nf/config';
import { AGENDA_ITEM_KINDS, AgendaItemKind } from './meeting.entities';

export interface StandingItem {
  kind: Extract<AgendaItemKind, 'standing' | 'notices' | 'delegation-report' | 'motion-report'>;
  title: string;
}

/** The heading of KF's report of the motions not decided within their year. */
export const MOTION_REPORT_TITLE = 'Redovisning av motioner som inte har avgjorts';

const STANDING_KINDS = ['standing', 'notices', 'delegation-report'];

export class AgendaTemplateError extends Error {}

function parse(content: unknown, file: string): Map<string, StandingItem[]> {
  const byOrgan = (content as { standingItems?: unknown })?.standingItems;
  if (typeof byOrgan !== 'object' || byOrgan === null || Array.isArray(byOrgan)) {
    throw new AgendaTemplateError(`${file}: expected an object with "standingItems"`);
  }
  const result = new Map<string, StandingItem[]>();
  for (const [organ, items] of Object.entries(byOrgan)) {
    if (!Array.isArray(items)) throw new AgendaTemplateError(`${file}: ${organ} must be a list`);
    result.set(
      organ,
      items.map((item: { kind?: unknown; title?: unknown }, index) => {
        if (
          !STANDING_KINDS.includes(String(item?.kind)) ||
          !AGENDA_ITEM_KINDS.includes(item.kind as AgendaItemKind) ||
          typeof item.title !== 'string' ||
          item.title.trim() === ''
        ) {
          throw new AgendaTemplateError(
            `${file}: ${organ}[${index}] needs a kind (${STANDING_KINDS.join(', ')}) and a title`,
          );
        }
        return { kind: item.kind as StandingItem['kind'], title: item.title };
      }),
    );
  }
  if (!result.has('*')) throw new AgendaTemplateError(`${file}: "*" (the default) is missing`);
  return result;
}

function parseOffsets(content: unknown, file: string): Map<string, number> {
  const raw = (content as { submissionDeadlineDays?: unknown })?.submissionDeadlineDays ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AgendaTemplateError(`${file}: submissionDeadlineDays must be an object`);
  }
  const result = new Map<string, number>();
  for (const [organ, days] of Object.entries(raw)) {
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 365) {
      throw new AgendaTemplateError(`${file}: submissionDeadlineDays.${organ} must be 0–365 days`);
    }
    result.set(organ, days);
  }
  return result;
}

/**
 * A local rule many arbetsordningar have: a list of the motions not yet decided on KF's agenda
 * twice a year. `"motionListMonths": { "KF": [4, 10] }` puts the motion report on the organ's
 * meetings in those months; absent (the default), no meeting gets it by itself.
 */
function parseMotionMonths(content: unknown, file: string): Map<string, number[]> {
  const raw = (content as { motionListMonths?: unknown })?.motionListMonths ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AgendaTemplateError(`${file}: motionListMonths must be an object`);
  }
  const result = new Map<string, number[]>();
  for (const [organ, months] of Object.entries(raw)) {
    if (
      !Array.isArray(months) ||
      months.some((month) => !Number.isInteger(month) || month < 1 || month > 12)
    ) {
      throw new AgendaTemplateError(`${file}: motionListMonths.${organ} must be months, 1–12`);
    }
    result.set(organ, months as number[]);
  }
  return result;
}

/**
 * The standing items (stående punkter) a new meeting starts with, by organ code, from
 * `default.json` and a municipality's `<slug>.json`. Read and validated once at start.
 */
@Injectable()
export class AgendaTemplates {
  private readonly bySource = new Map<string, Map<string, StandingItem[]>>();
  private readonly offsets = new Map<string, Map<string, number>>();
  private readonly motionMonths = new Map<string, Map<string, number[]>>();

  constructor(config: AppConfig) {
    const files = readJsonDirectory(
      config.meetings.agendaDir,
      'agenda templates',
      (message) => new AgendaTemplateError(message),
    );
    for (const [name, { file, content }] of files) {
      this.bySource.set(name, parse(content, file));
      this.offsets.set(name, parseOffsets(content, file));
      this.motionMonths.set(name, parseMotionMonths(content, file));
    }
  }

  /** Days between the last day to submit a tjänsteskrivelse and the meeting (undefined: none). */
  submissionDeadlineDays(slug: string, organCode: string): number | undefined {
    const own = this.offsets.get(slug);
    const defaults = this.offsets.get('default')!;
    return own?.get(organCode) ?? defaults.get(organCode) ?? own?.get('*') ?? defaults.get('*');
  }

  /** The items, and the motion report where the local rule lists motions in the meeting's month. */
  standingItems(slug: string, organCode: string, month?: number): StandingItem[] {
    const own = this.bySource.get(slug);
    const defaults = this.bySource.get('default')!;
    const items =
      own?.get(organCode) ?? defaults.get(organCode) ?? own?.get('*') ?? defaults.get('*')!;
    const months =
      this.motionMonths.get(slug)?.get(organCode) ??
      this.motionMonths.get('default')?.get(organCode) ??
      [];
    return month !== undefined && months.includes(month)
      ? [...items, { kind: 'motion-report', title: MOTION_REPORT_TITLE }]
      : items;
  }
}
