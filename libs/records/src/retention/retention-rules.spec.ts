import fc from 'fast-check';
import { selectDue } from '../gallring/due';
import {
  addMonths,
  describeRetention,
  dueOn,
  ruleFor,
  type RetentionRuleTerms,
} from './retention-rules';

const rule = (terms: Partial<RetentionRuleTerms>): RetentionRuleTerms => ({
  id: 1,
  classificationCode: '04',
  documentType: null,
  action: 'gallras',
  afterMonths: 24,
  countedFrom: 'closing',
  fixedDate: null,
  ...terms,
});

describe('The dokumenthanteringsplan’s rules', () => {
  it('counts months from the closing, or from the end of its year, to the same day or the month’s last', () => {
    expect(addMonths('2026-12-06', 24)).toBe('2028-12-06');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', 18)).toBe('2027-02-28');
    expect(dueOn(rule({}), '2026-12-06')).toBe('2028-12-06');
    expect(dueOn(rule({ countedFrom: 'closing-year-end' }), '2026-03-01')).toBe('2028-12-31');
    expect(dueOn(rule({ afterMonths: null, fixedDate: '2030-01-01' }), '2026-03-01')).toBe(
      '2030-01-01',
    );
    expect(dueOn(rule({ fixedDate: '2027-01-01' }), '2026-03-01')).toBe('2028-03-01');
    expect(dueOn(rule({ action: 'bevaras' }), '2026-03-01')).toBeNull();
    expect(dueOn(rule({}), null)).toBeNull();
  });

  it('takes the line for the code and the type, then the code, then the nearest parent code', () => {
    const rules = [
      rule({ id: 1, classificationCode: '3' }),
      rule({ id: 2, classificationCode: '3.2' }),
      rule({ id: 3, classificationCode: '3.2', documentType: 'avtal', action: 'bevaras' }),
    ];
    expect(ruleFor(rules, '3.2.1', 'avtal')?.id).toBe(3);
    expect(ruleFor(rules, '3.2.1', 'skrivelse')?.id).toBe(2);
    expect(ruleFor(rules, '3.4', 'skrivelse')?.id).toBe(1);
    expect(ruleFor(rules, '4', 'skrivelse')).toBeNull();
    expect(ruleFor(rules, null, 'skrivelse')).toBeNull();
  });

  it('says the retention in Swedish', () => {
    expect(describeRetention(rule({}))).toBe('Gallras 2 år efter ärendets avslut');
    expect(describeRetention(rule({ afterMonths: 6 }))).toBe(
      'Gallras 6 månader efter ärendets avslut',
    );
    expect(describeRetention(rule({ action: 'bevaras' }))).toBe('Bevaras');
  });

  it('never lists a document without a gallras line whose day has come, of a closed case not held or settled', () => {
    const day = fc
      .integer({ min: 0, max: 4000 })
      .map((offset) =>
        new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10),
      );
    const codes = ['1', '1.1', '2', '3'];
    const types = ['avtal', 'skrivelse', 'rapport'];
    const ruleArb = fc.record({
      classificationCode: fc.constantFrom(...codes),
      documentType: fc.option(fc.constantFrom(...types), { nil: null }),
      action: fc.constantFrom('bevaras' as const, 'gallras' as const),
      afterMonths: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      countedFrom: fc.constantFrom('closing' as const, 'closing-year-end' as const),
      fixedDate: fc.option(day, { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(ruleArb, {
          selector: (r) => `${r.classificationCode}|${r.documentType}`,
          maxLength: 8,
        }),
        fc.array(
          fc.record({
            code: fc.option(fc.constantFrom(...codes, '1.1.7', '9'), { nil: null }),
            closedOn: fc.option(day, { nil: null }),
            held: fc.boolean(),
            documents: fc.array(
              fc.record({
                type: fc.constantFrom(...types),
                weeded: fc.boolean(),
                settled: fc.boolean(),
              }),
              {
                maxLength: 4,
              },
            ),
          }),
          { maxLength: 12 },
        ),
        day,
        (rawRules, rawCases, today) => {
          const rules = rawRules.map((terms, index) => ({ ...terms, id: index + 1 }));
          let documentId = 0;
          const cases = rawCases.map((record, index) => ({
            id: index + 1,
            classificationCode: record.code,
            closedOn: record.closedOn,
            held: record.held,
            documents: record.documents.map((document) => ({
              ...document,
              id: ++documentId,
              caseId: index + 1,
            })),
          }));
          const documents = cases.flatMap((record) => record.documents);
          const due = selectDue({
            cases,
            documents,
            rules,
            held: new Set(cases.filter((record) => record.held).map((record) => record.id)),
            settled: new Set(
              documents.filter((document) => document.settled).map((document) => document.id),
            ),
            today,
          });
          for (const item of due) {
            const record = cases.find((candidate) => candidate.id === item.caseId)!;
            const document = documents.find((candidate) => candidate.id === item.documentId)!;
            const governing = ruleFor(rules, record.classificationCode, document.type)!;
            expect(record.closedOn).not.toBeNull();
            expect(record.held).toBe(false);
            expect(document.weeded || document.settled).toBe(false);
            expect(governing.action).toBe('gallras');
            expect(item.ruleId).toBe(governing.id);
            expect(item.dueOn <= today).toBe(true);
            expect(item.dueOn).toBe(dueOn(governing, record.closedOn));
          }
          // And everything that may go is listed: nothing due is forgotten.
          const expected = documents.filter((document) => {
            const record = cases.find((candidate) => candidate.id === document.caseId)!;
            const governing = ruleFor(rules, record.classificationCode, document.type);
            const dueDay = governing ? dueOn(governing, record.closedOn) : null;
            return (
              !record.held &&
              !document.weeded &&
              !document.settled &&
              dueDay !== null &&
              dueDay <= today
            );
          });
          expect(due.map((item) => item.documentId)).toEqual(
            expected.map((document) => document.id),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
