import { auditSentence, describeReorder } from './audit-words';

describe('the audit trail in words', () => {
  it('says which item moved before which, numbered as the agenda read before', () => {
    expect(describeReorder([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 5, 6, 7, 9, 8])).toBe(
      'flyttade punkt 9 före punkt 8',
    );
    expect(describeReorder([1, 2, 3], [2, 3, 1])).toBe('flyttade punkt 1 sist');
    expect(describeReorder([1, 2, 3], [3, 1, 2])).toBe('flyttade punkt 3 före punkt 1');
    expect(describeReorder([1, 2, 3], [1, 2, 3])).toBeNull();
  });

  it('writes a change as a person reads it, in Stockholm time', () => {
    expect(
      auditSentence(
        {
          occurredAt: '2023-12-04T13:02:00Z',
          actor: { type: 'user', id: '5', label: 'sekreterare' },
          action: 'agenda.reordered',
          entityType: 'meeting',
          entityId: '12',
          before: { itemIds: [11, 12, 13, 14, 15, 16, 17, 18, 19] },
          after: { itemIds: [11, 12, 13, 14, 15, 16, 17, 19, 18] },
        },
        (id) => (id === 5 ? 'Helena Landström' : undefined),
      ),
    ).toBe('Helena Landström ändrade dagordningen 2023-12-04 14:02: flyttade punkt 9 före punkt 8');
    expect(
      auditSentence({
        occurredAt: '2026-07-01T08:30:00Z',
        actor: { type: 'system', id: null, label: null },
        action: 'anslag.posted',
        entityType: 'protocol',
        entityId: '3',
        before: null,
        after: null,
      }),
    ).toBe('Systemet satte upp anslaget 2026-07-01 10:30');
  });
});
