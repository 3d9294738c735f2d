import { numberingPlan } from './numbering-plan';

const paragraph = (id: number, ordinal: number, number: number | null = null) => ({
  id,
  ordinal,
  number,
});

describe('the numbering plan of a protocol', () => {
  it('numbers in agenda order, in the block the series gave (KSAPU §§ 101–109 after § 100)', () => {
    const paragraphs = [9, 1, 5, 2, 3, 4, 6, 7, 8].map((ordinal) =>
      paragraph(ordinal * 10, ordinal),
    );
    expect(numberingPlan(paragraphs, 110)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((ordinal) => ({ id: ordinal * 10, number: 100 + ordinal })),
    );
  });

  it('starts a year at § 1', () => {
    expect(numberingPlan([paragraph(7, 1), paragraph(8, 2)], 3)).toEqual([
      { id: 7, number: 1 },
      { id: 8, number: 2 },
    ]);
  });

  it('leaves a protocol that is numbered (an immediate justering came first) as it is', () => {
    expect(numberingPlan([paragraph(7, 1, 12), paragraph(8, 2, 13)], 20)).toEqual([]);
    expect(numberingPlan([], 1)).toEqual([]);
  });

  it('refuses a block the counter cannot have given', () => {
    expect(() => numberingPlan([paragraph(7, 1), paragraph(8, 2)], 2)).toThrow(RangeError);
  });
});
