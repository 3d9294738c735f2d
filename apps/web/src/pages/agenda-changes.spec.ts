import type { AgendaView } from '../api/client';
import { describeChanges, obstacle, placed } from './agenda-changes';

const item = (id: number, title: string, caseId: number | null = null) =>
  ({
    id,
    title,
    caseId,
    no: id,
    kind: caseId ? 'case' : 'information',
  }) as AgendaView['items'][number];
const agenda = (...items: AgendaView['items']) => ({ id: 1, version: 3, items }) as AgendaView;

describe('agenda changes', () => {
  it('places an item after another, first, or where it was when its neighbour is gone', () => {
    const items = [item(1, 'A'), item(2, 'B'), item(3, 'C')];
    expect(placed(items, 3, 1)).toEqual([1, 3, 2]);
    expect(placed(items, 3, null)).toEqual([3, 1, 2]);
    expect(placed(items, 1, 3)).toEqual([2, 3, 1]);
    expect(placed(items, 2, 99)).toEqual([1, 2, 3]);
  });

  it('says what another secretary changed, in Swedish', () => {
    const before = agenda(item(1, 'A'), item(2, 'B'));
    expect(describeChanges(before, agenda(item(1, 'A'), item(2, 'B'), item(3, 'C')))).toBe(
      'tillagt: ”C”',
    );
    expect(describeChanges(before, agenda(item(2, 'B')))).toBe('borttaget: ”A”');
    expect(describeChanges(before, agenda(item(2, 'B'), item(1, 'A')))).toBe('ordningen ändrad');
    expect(describeChanges(before, agenda(item(1, 'Ny A'), item(2, 'B')))).toBe(
      'ny rubrik: ”Ny A”',
    );
    expect(describeChanges(before, before)).toBe('uppgifter om sammanträdet ändrade');
  });

  it('keeps an intent that still applies and names why one does not', () => {
    const now = agenda(item(1, 'A', 40), item(2, 'B'));
    expect(obstacle({ type: 'rename', itemId: 2, title: 'C' }, now)).toBeNull();
    expect(obstacle({ type: 'remove', itemId: 9 }, now)).toBe(
      'punkten finns inte längre på dagordningen',
    );
    expect(obstacle({ type: 'add-case', caseId: 40, title: 'A', afterItemId: null }, now)).toBe(
      '”A” finns redan på dagordningen',
    );
    expect(
      obstacle({ type: 'add-case', caseId: 41, title: 'D', afterItemId: null }, now),
    ).toBeNull();
    expect(obstacle({ type: 'add-information', title: 'E' }, now)).toBeNull();
  });
});
