/** An audit entry, as the api gives it. */
export interface AuditEntryLike {
  occurredAt: string;
  actor: { type: string; id: string | null; label: string | null };
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const VERBS: Record<string, string> = {
  'agenda.reordered': 'ändrade dagordningen',
  'agenda.item-added': 'ändrade dagordningen',
  'agenda.item-removed': 'ändrade dagordningen',
  'agenda.item-updated': 'ändrade dagordningen',
  'agenda.item-moved': 'ändrade dagordningen',
  'meeting.created': 'planerade sammanträdet',
  'meeting.summoned': 'publicerade kallelsen',
  'meeting.cancelled': 'ställde in sammanträdet',
  'kallelse.republished': 'gav ut kallelsen på nytt',
  'private-note.written': 'skrev en privat anteckning',
  'private-note.deleted': 'tog bort en privat anteckning',
  'protocol.created': 'öppnade protokollet',
  'protocol.heading-updated': 'ändrade protokollets närvaro eller justering',
  'protocol.paragraph-updated': 'ändrade protokollet',
  'protocol.immediate-justering-requested': 'begärde omedelbar justering',
  'protocol.locked': 'låste och numrerade protokollet',
  'protocol.signed': 'signerade protokollet',
  'protocol.paragraph-adjusted': 'justerade en paragraf',
  'protocol.adjusted': 'justerade protokollet',
  'protocol.reservation-reasons-added': 'lade till skriftliga skäl för en reservation',
  'anslag.posted': 'satte upp anslaget',
  'case.registered': 'registrerade ärendet',
  'case.updated': 'ändrade ärendet',
  'case.decided': 'registrerade beslutet i ärendet',
  'case.linked': 'kopplade ärendet till ett annat',
  'document.registered': 'registrerade en handling',
  'document.file-attached': 'bifogade en fil',
  'document.secret-file-read': 'läste en sekretessmarkerad fil',
  'tjansteskrivelse.created': 'påbörjade en tjänsteskrivelse',
  'tjansteskrivelse.updated': 'ändrade tjänsteskrivelsen',
  'tjansteskrivelse.submitted': 'lämnade in tjänsteskrivelsen',
  'route.started': 'satte ärendet på en beslutsväg',
  'route.advanced': 'flyttade ärendet till nästa steg',
  'user.created': 'lade upp användaren',
  'user.updated': 'ändrade användaren',
  'user.roles-set': 'ändrade användarens roller',
  'user.password-set': 'satte ett nytt lösenord',
  'user.password-changed': 'bytte lösenord',
  'membership.added': 'gav en plats i organet',
  'membership.updated': 'ändrade en plats i organet',
  'organ.created': 'lade upp organet',
  'organ.updated': 'ändrade organet',
  'person.created': 'lade upp personen',
  'person.updated': 'ändrade personen',
  'service-token.created': 'skapade ett tjänstekonto',
  'service-token.revoked': 'spärrade ett tjänstekonto',
  'municipality.settings-updated': 'ändrade kommunens inställningar',
  'delegation-order.imported': 'ändrade delegationsordningen',
  'obligation.confirmed': 'bekräftade en uppföljning',
  'obligation.dismissed': 'avfärdade en föreslagen uppföljning',
  'followup-report.updated': 'ändrade uppföljningsrapporten',
  'auth.login': 'loggade in',
  'auth.logout': 'loggade ut',
};

const stamp = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "2023-12-04 14:02", in Stockholm. */
export const auditTime = (iso: string) => stamp.format(new Date(iso)).replace(',', '');

const ids = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((id): id is number => typeof id === 'number') : [];

/**
 * Which item moved from `before` to `after` (one whose removal leaves the same order), and
 * where: "flyttade punkt 9 före punkt 8", numbered as the agenda read before the move.
 */
export function describeReorder(before: number[], after: number[]): string | null {
  const without = (list: number[], id: number) => list.filter((other) => other !== id).join();
  const candidates = before.filter(
    (id, index) => after[index] !== id && without(before, id) === without(after, id),
  );
  // Two neighbours swapped could be either moving: say it as the one that moved up.
  const moved = candidates.find((id) => after.indexOf(id) < before.indexOf(id)) ?? candidates[0];
  if (moved === undefined) return null;
  const from = before.indexOf(moved) + 1;
  const next = after[after.indexOf(moved) + 1];
  return next === undefined
    ? `flyttade punkt ${from} sist`
    : `flyttade punkt ${from} före punkt ${before.indexOf(next) + 1}`;
}

function detail(entry: AuditEntryLike): string | null {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  switch (entry.action) {
    case 'agenda.reordered':
      return describeReorder(ids(before.itemIds), ids(after.itemIds));
    case 'agenda.item-added':
      return typeof after.ordinal === 'number' ? `lade till punkt ${after.ordinal}` : null;
    case 'agenda.item-removed':
      return typeof before.ordinal === 'number' ? `tog bort punkt ${before.ordinal}` : null;
    case 'agenda.item-moved':
      return typeof before.ordinal === 'number'
        ? `flyttade punkt ${before.ordinal} till ett annat sammanträde`
        : null;
    case 'agenda.item-updated':
      return 'title' in after ? `ändrade rubriken till ”${String(after.title)}”` : null;
    case 'protocol.reservation-reasons-added':
      return typeof after.member === 'string' ? `${after.member}s reservation` : null;
    default:
      return null;
  }
}

/** "Helena Landström ändrade dagordningen 2023-12-04 14:02: flyttade punkt 9 före punkt 8". */
export function auditSentence(
  entry: AuditEntryLike,
  nameOf: (userId: number) => string | undefined = () => undefined,
): string {
  // A user by their name as people know it (the log keeps the username they signed in with).
  const who =
    (entry.actor.type === 'user' && entry.actor.id ? nameOf(Number(entry.actor.id)) : undefined) ??
    entry.actor.label ??
    (entry.actor.type === 'system' ? 'Systemet' : 'Någon');
  const what = VERBS[entry.action] ?? `gjorde ”${entry.action}”`;
  const more = detail(entry);
  return `${who} ${what} ${auditTime(entry.occurredAt)}${more ? `: ${more}` : ''}`;
}
