import type { Paragraph } from './protocol.entities';

/**
 * The numbers a protocol's paragraphs get from their organ's series (§ numbers run per organ and
 * local year): one block, in agenda order, ending just before `nextFree`, the series' counter
 * once the block was taken from it. A protocol already numbered keeps its numbers (no plan).
 */
export function numberingPlan(
  paragraphs: ReadonlyArray<Pick<Paragraph, 'id' | 'ordinal' | 'number'>>,
  nextFree: number,
): Array<{ id: number; number: number }> {
  if (paragraphs.length === 0 || paragraphs.some((paragraph) => paragraph.number !== null)) {
    return [];
  }
  const first = nextFree - paragraphs.length;
  if (first < 1)
    throw new RangeError(`a block of ${paragraphs.length} cannot end before § ${nextFree}`);
  return [...paragraphs]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((paragraph, index) => ({ id: paragraph.id, number: first + index }));
}
