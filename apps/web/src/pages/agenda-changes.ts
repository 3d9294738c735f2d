import type { AgendaItem, AgendaView } from '../api/client';

/**
 * What the secretary meant to do, kept apart from the version it was done on: when another
 * secretary changed the agenda first (409), the intent is applied again to the agenda as it now
 * stands, or dropped with the reason why.
 */
export type Intent =
  | { type: 'reorder'; itemId: number; afterItemId: number | null }
  | { type: 'add-case'; caseId: number; title: string; afterItemId: number | null }
  | { type: 'add-information'; title: string }
  | { type: 'rename'; itemId: number; title: string }
  | { type: 'close'; itemId: number; osl: string | null }
  | { type: 'remove'; itemId: number }
  | { type: 'move'; itemId: number; toMeetingId: number };

const itemOf = (agenda: AgendaView, id: number) => agenda.items.find((item) => item.id === id);

/** Why the intent no longer applies to this agenda, or null if it still does. */
export function obstacle(intent: Intent, agenda: AgendaView): string | null {
  switch (intent.type) {
    case 'add-case':
      return agenda.items.some((item) => item.caseId === intent.caseId)
        ? `”${intent.title}” finns redan på dagordningen`
        : null;
    case 'add-information':
      return null;
    default:
      return itemOf(agenda, intent.itemId) ? null : 'punkten finns inte längre på dagordningen';
  }
}

/** The agenda's item ids with one item placed after another (or first). */
export function placed(items: AgendaItem[], itemId: number, afterItemId: number | null): number[] {
  const ids = items.map((item) => item.id).filter((id) => id !== itemId);
  const at = afterItemId === null ? 0 : ids.indexOf(afterItemId) + 1;
  // When the neighbour is gone, keep the item where it was.
  const index =
    afterItemId !== null && at === 0 ? items.findIndex((item) => item.id === itemId) : at;
  ids.splice(Math.max(0, index), 0, itemId);
  return ids;
}

/** What changed between the agenda the user read and the one now stored, in Swedish. */
export function describeChanges(before: AgendaView, after: AgendaView): string {
  const beforeIds = new Map(before.items.map((item) => [item.id, item]));
  const afterIds = new Map(after.items.map((item) => [item.id, item]));
  const parts: string[] = [];
  const added = after.items.filter((item) => !beforeIds.has(item.id));
  const removed = before.items.filter((item) => !afterIds.has(item.id));
  const renamed = after.items.filter((item) => {
    const old = beforeIds.get(item.id);
    return old !== undefined && old.title !== item.title;
  });
  const order = (agenda: AgendaView, keep: Map<number, unknown>) =>
    agenda.items
      .filter((item) => keep.has(item.id))
      .map((item) => item.id)
      .join(',');
  if (added.length) parts.push(`tillagt: ${added.map((item) => `”${item.title}”`).join(', ')}`);
  if (removed.length)
    parts.push(`borttaget: ${removed.map((item) => `”${item.title}”`).join(', ')}`);
  if (renamed.length)
    parts.push(`ny rubrik: ${renamed.map((item) => `”${item.title}”`).join(', ')}`);
  if (order(before, afterIds) !== order(after, beforeIds)) parts.push('ordningen ändrad');
  if (parts.length === 0) parts.push('uppgifter om sammanträdet ändrade');
  return parts.join('; ');
}
