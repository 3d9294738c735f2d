import { boardDocument } from './board-document';
import { DocumentModel, DocumentSection, DocumentTable } from './document-model';
import { swedishNumber } from './swedish-number';

type Value = number | null;

export interface PlanLayoutContent {
  municipality: string;
  board: string;
  dnr: string | null;
  firstYear: number;
  lastYear: number;
  /** "Antagen" with its day, or "Förslag" while the plan is a draft. */
  status: string;
  sections: Array<{ title: string; text: string }>;
  areas: Array<{ key: string; title: string }>;
  goals: Array<{
    key: string;
    areaKey: string | null;
    title: string;
    kfGoal: string | null;
    description: string;
    financing: string;
    activities: Array<{ what: string; who: string; when: string }>;
    indicators: Array<{
      name: string;
      unit: string;
      source: string;
      /** Outcomes of the years before the plan (the seeds show three). */
      outcomes: Array<{ year: number; value: number }>;
      /** The target of each year of the plan, as written ("Minst 70", "Öka", "–"). */
      targets: Array<{ year: number; text: string; value: number | null }>;
    }>;
  }>;
  assignments: Array<{
    title: string;
    givenBy: string;
    dueOn: string | null;
    goal: string | null;
  }>;
  /** The budget of the plan's first year (drift, investering), in tkr. */
  tables: Array<{
    kind: 'drift' | 'investering';
    rows: Array<{ code: string; name: string; level: number; budget: Value }>;
    total: Value;
  }>;
}

/** How many years of outcomes before the plan its indicator tables show. */
const YEARS_BEFORE = 3;

const mkr = (tkr: Value) => (tkr === null ? null : tkr / 1000);

/**
 * The verksamhetsplan in the structure of Luleå's plans (seeds 001, 002): the introduction and
 * the board's mission, KF's and KS's assignments, the goals under each prioriterat område with
 * the KF goal they serve, their activities (what, who, when) and indicators (outcomes of the
 * years before the plan beside the targets of its years, with a chart each), and the economy
 * (the drift and investment budgets of the first year, in mkr, with a chart per verksamhet).
 */
export function planDocument(content: PlanLayoutContent): DocumentModel {
  const years =
    content.firstYear === content.lastYear
      ? String(content.firstYear)
      : `${content.firstYear}–${content.lastYear}`;
  const title = `Verksamhetsplan ${years}`;
  const text = (name: string) =>
    (content.sections.find((s) => s.title === name)?.text ?? '')
      .split(/\n{2,}/)
      .filter((p) => p.trim() !== '');
  const planYears = Array.from(
    { length: content.lastYear - content.firstYear + 1 },
    (_, i) => content.firstYear + i,
  );
  const before = Array.from(
    { length: YEARS_BEFORE },
    (_, i) => content.firstYear - YEARS_BEFORE + i,
  );
  const sections: DocumentSection[] = [
    { heading: `1 ${title}`, paragraphs: [`${content.status}.`] },
    { heading: '1.1 Inledning', paragraphs: text('Inledning') },
    {
      heading: '1.2 Uppdrag',
      paragraphs: text('Uppdrag'),
      tables: content.assignments.length
        ? [
            {
              caption: 'Uppdrag från kommunfullmäktige och kommunstyrelsen',
              columns: ['Uppdrag', 'Givet av', 'Klart senast', 'Nämndsmål'],
              widths: [4, 1, 1.2, 2.4],
              align: ['left', 'left', 'left', 'left'],
              rows: content.assignments.map((a) => [
                a.title,
                a.givenBy,
                a.dueOn ?? '–',
                a.goal ?? '–',
              ]),
            },
          ]
        : undefined,
    },
    { heading: '1.3 Mål för verksamheten', paragraphs: text('Mål för verksamheten') },
  ];
  const areaKeys = [...content.areas.map((a) => a.key), null];
  for (const areaKey of areaKeys) {
    const goals = content.goals.filter((goal) => goal.areaKey === areaKey);
    if (goals.length === 0) continue;
    const area = content.areas.find((a) => a.key === areaKey);
    if (area) sections.push({ heading: `Prioriterat område: ${area.title}` });
    for (const goal of goals) {
      const tables: DocumentTable[] = [];
      if (goal.activities.length) {
        tables.push({
          caption: 'Aktiviteter',
          columns: ['Aktivitet', 'Vem', 'När'],
          widths: [3, 2.3, 1.7],
          align: ['left', 'left', 'left'],
          rows: goal.activities.map((a) => [a.what, a.who, a.when]),
        });
      }
      if (goal.indicators.length) {
        tables.push({
          caption: 'Mätetal',
          columns: [
            'Mätetal',
            ...before.map((y) => `Utfall ${y}`),
            ...planYears.map((y) => `Mål ${y}`),
          ],
          widths: [4, ...before.map(() => 1), ...planYears.map(() => 1.1)],
          rows: goal.indicators.map((indicator) => [
            `${indicator.unit && !indicator.name.includes(indicator.unit) ? `${indicator.name} (${indicator.unit})` : indicator.name}${indicator.source ? `. Källa: ${indicator.source}` : ''}`,
            ...before.map((y) =>
              swedishNumber(indicator.outcomes.find((o) => o.year === y)?.value ?? null),
            ),
            ...planYears.map((y) => indicator.targets.find((t) => t.year === y)?.text ?? '–'),
          ]),
        });
      }
      sections.push({
        heading: goal.title,
        paragraphs: [
          ...(goal.kfGoal ? [`Kommunfullmäktiges mål: ${goal.kfGoal}`] : []),
          ...goal.description.split(/\n{2,}/).filter((p) => p.trim() !== ''),
          ...(goal.financing ? [`Finansiering: ${goal.financing}`] : []),
        ],
        tables: tables.length ? tables : undefined,
        charts: goal.indicators.map((indicator) => {
          const target = indicator.targets.find((t) => t.year === content.firstYear)?.value ?? null;
          return {
            title: `${indicator.name}: utfall ${before[0]}–${before[before.length - 1]}${target !== null ? ` mot målet ${content.firstYear}` : ''}`,
            labels: before.map(String),
            values: before.map((y) => indicator.outcomes.find((o) => o.year === y)?.value ?? null),
            target,
            format: (value: number) => swedishNumber(value),
          };
        }),
      });
    }
  }
  sections.push({ heading: '1.4 Ekonomi', paragraphs: text('Ekonomi') });
  const budgetTable = (kind: 'drift' | 'investering', heading: string, caption: string) => {
    const table = content.tables.find((t) => t.kind === kind);
    if (!table) return;
    sections.push({
      heading,
      paragraphs: text(heading.replace(/^[\d.]+ /, '')),
      tables: [
        {
          caption,
          columns: ['Verksamhet', `Budget ${content.firstYear}`],
          widths: [4, 1.2],
          rows: table.rows.map((row) => [
            `${'   '.repeat(row.level)}${/^\d/.test(row.code) ? `${row.code} ` : ''}${row.name}`,
            swedishNumber(mkr(row.budget), 1),
          ]),
          total: ['Summa', swedishNumber(mkr(table.total), 1)],
        },
      ],
      charts:
        kind === 'drift'
          ? [
              {
                title: `Budget ${content.firstYear} per verksamhet, mkr`,
                labels: table.rows.filter((row) => row.level === 0).map((row) => row.code),
                values: table.rows.filter((row) => row.level === 0).map((row) => mkr(row.budget)),
                format: (value: number) => swedishNumber(value, 1),
              },
            ]
          : undefined,
    });
  };
  budgetTable('drift', '1.4.1 Drift', 'Driftbudget, mkr');
  budgetTable('investering', '1.4.2 Investering', 'Investeringsbudget, mkr');
  const followUp = text('Uppföljning av mål');
  if (followUp.length) sections.push({ heading: '1.4.3 Uppföljning av mål', paragraphs: followUp });
  return boardDocument(content, title, sections);
}
